package org.creditpipeline.consolidate;

import javax.sql.DataSource;

import org.creditpipeline.CreditProperties;
import org.creditpipeline.support.Failpoints;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The consolidate job: keys → match → apply, each step one transaction, so a failed run restarts at the step that
 * failed with the work tables of the steps before it. One job instance per node and high-water mark (the largest
 * staged row id it covers): identifying parameters, no incrementer. Only wiring lives here.
 */
@Configuration(proxyBeanMethods = false)
public class ConsolidationJobConfiguration {

    public static final String JOB_NAME = "consolidate";
    public static final String NODE = "node";
    public static final String MAX_STAGED_ID = "staged.max-id";

    @Bean
    Job consolidateJob(JobRepository jobRepository, Step consolidateKeys, Step consolidateMatch,
                       Step consolidateApply) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(consolidateKeys)
                .next(consolidateMatch)
                .next(consolidateApply)
                .listener(new JobExecutionListener() {
                    @Override
                    public void afterJob(JobExecution jobExecution) {
                        // the job is recorded complete (Spring Batch 6 saves its status before this), the command
                        // has not reported it yet
                        Failpoints.reach("consolidate.after-job");
                    }
                })
                .build();
    }

    @Bean
    Step consolidateKeys(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                         KeyStep keyTasklet) {
        return taskletStep("consolidate-keys", keyTasklet, true, jobRepository, transactionManager);
    }

    @Bean
    Step consolidateMatch(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                          MatchStep matchTasklet) {
        return taskletStep("consolidate-match", matchTasklet, true, jobRepository, transactionManager);
    }

    @Bean
    Step consolidateApply(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                          ApplyStep applyTasklet) {
        return new StepBuilder("consolidate-apply", jobRepository).tasklet(applyTasklet)
                .transactionManager(transactionManager)
                .listener(new StepExecutionListener() {
                    @Override
                    public ExitStatus afterStep(StepExecution stepExecution) {
                        // the records are committed, the step is not recorded complete yet
                        Failpoints.reach("consolidate.after-apply-commit");
                        return null;
                    }
                })
                .build();
    }

    @Bean
    @StepScope
    KeyStep keyTasklet(DataSource dataSource, @Value("#{jobParameters['" + MAX_STAGED_ID + "']}") Long maxStagedId,
                       IdKeys idKeys) {
        return new KeyStep(dataSource, maxStagedId, idKeys.pepper());
    }

    @Bean
    @StepScope
    MatchStep matchTasklet(DataSource dataSource, SurvivorshipConfig consolidationConfig, IdKeys idKeys) {
        return new MatchStep(dataSource, consolidationConfig.scorer(), idKeys.pepper());
    }

    @Bean
    @StepScope
    ApplyStep applyTasklet(DataSource dataSource, SurvivorshipConfig consolidationConfig,
                           @Value("#{jobParameters['" + MAX_STAGED_ID + "']}") Long maxStagedId, IdKeys idKeys) {
        return new ApplyStep(dataSource, consolidationConfig, maxStagedId, idKeys.pepper());
    }

    @Bean
    SurvivorshipConfig consolidationConfig(CreditProperties properties) {
        return SurvivorshipConfig.load(properties.jobConfigs().resolve("consolidate.yaml"));
    }

    /**
     * Each step is one tasklet in one transaction: a failed run restarts at the step that failed. Keys and match fill
     * unlogged work tables (V9), which a server crash empties, so they {@code rerunOnRestart}: a restarted run computes
     * them again instead of trusting them, then applies. Only the apply step writes data that must survive.
     */
    private static Step taskletStep(String name, Tasklet tasklet, boolean rerunOnRestart, JobRepository jobRepository,
                                    PlatformTransactionManager transactionManager) {
        return new StepBuilder(name, jobRepository).tasklet(tasklet).transactionManager(transactionManager)
                .allowStartIfComplete(rerunOnRestart).build();
    }
}
