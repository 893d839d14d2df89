package org.creditpipeline.ingest;

import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Runs the ingest step as a check ({@code ingest --check}): the same reader, processor and listeners as a real ingest,
 * with the {@link CheckWriter}, on a job repository of its own that lives in memory for this one run. So a check
 * writes nothing to the node's schema, not even Spring Batch metadata: no job instance that would make a later real
 * ingest of the same bytes look complete, no execution that another process's {@code NodeLock} would mark failed; and
 * it needs no node lock. A check cannot be restarted; it is simply run again.
 */
public final class IngestCheckJob {

    public static final String JOB_NAME = "ingest-check";
    public static final String STEP_NAME = "ingest-check-file";

    /**
     * Step execution ids of checks, unique in this JVM and far from any database sequence: step-scoped beans are kept
     * per step execution (name, job execution id and id), and every in-memory repository numbers its job executions
     * from 1, so two checks at once (the coming web portal) must not share an id.
     */
    private static final AtomicLong STEP_IDS = new AtomicLong(Long.MAX_VALUE / 2);

    private final Function<JobRepository, Step> step;

    /** @param step builds the check's step on the run's repository */
    public IngestCheckJob(Function<JobRepository, Step> step) {
        this.step = step;
    }

    /** Runs the check of one file to its end and returns the execution, its step's context and failures included. */
    public JobExecution run(JobParameters parameters) throws JobInterruptedException {
        JobRepository repository = new CheckRepository();
        Job job = new JobBuilder(JOB_NAME, repository).start(step.apply(repository)).build();
        JobInstance instance = repository.createJobInstance(JOB_NAME, parameters);
        JobExecution execution = repository.createJobExecution(instance, parameters, new ExecutionContext());
        job.execute(execution);
        return execution;
    }

    /** Spring Batch's in-memory repository, with step execution ids unique in the JVM (see {@link #STEP_IDS}). */
    private static final class CheckRepository extends ResourcelessJobRepository {

        @Override
        public StepExecution createStepExecution(String stepName, JobExecution jobExecution) {
            StepExecution execution = new StepExecution(STEP_IDS.incrementAndGet(), stepName, jobExecution);
            LocalDateTime now = LocalDateTime.now();
            execution.setStartTime(now);
            execution.setStatus(BatchStatus.STARTING);
            execution.setLastUpdated(now);
            execution.incrementVersion();
            jobExecution.addStepExecution(execution);
            return execution;
        }
    }
}
