package org.creditpipeline.consolidate;

import javax.sql.DataSource;

import org.creditpipeline.support.Failpoints;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Step 3, apply: writes the match results ({@link RecordWriter}) and records the run with its high-water mark, all
 * in the step's one transaction. A crash before the commit leaves nothing behind; the restart applies again. A crash
 * after it, before the step is recorded complete, leaves the run recorded: the restart finds it and applies nothing.
 */
class ApplyStep implements Tasklet {

    private static final String RUN = """
            INSERT INTO consolidation_run (run_id, max_staged_id, rows_read, inserted, updated, merged, review_pairs,
                                           conflicts)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final String APPLIED = "SELECT EXISTS (SELECT 1 FROM consolidation_run WHERE max_staged_id = ?)";

    private final DataSource dataSource;
    private final RecordWriter writer;
    private final long maxStagedId;
    private final IdPepper pepper;

    ApplyStep(DataSource dataSource, SurvivorshipConfig survivorship, long maxStagedId, IdPepper pepper) {
        this.dataSource = dataSource;
        this.writer = new RecordWriter(survivorship);
        this.maxStagedId = maxStagedId;
        this.pepper = pepper;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        var jobExecution = chunkContext.getStepContext().getStepExecution().getJobExecution();
        Failpoints.reach("consolidate.after-match");
        long run = jobExecution.getId();
        long rowsRead = jobExecution.getExecutionContext().getLong(KeyStep.ROWS_KEY, 0);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        if (jdbc.queryForObject(APPLIED, Boolean.class, maxStagedId)) {
            // committed by an execution that died before Spring Batch recorded this step complete: done already
            return RepeatStatus.FINISHED;
        }
        RecordWriter.Counts c = writer.write(jdbc, run, "consolidation run " + run, pepper);
        jdbc.update(RUN, run, maxStagedId, rowsRead, c.inserted(), c.updated(), c.merged(), c.reviewPairs(),
                c.conflicts());
        Failpoints.reach("consolidate.apply-before-commit");
        contribution.incrementWriteCount(c.inserted() + c.updated() + c.merged());
        return RepeatStatus.FINISHED;
    }
}
