package org.creditpipeline.consolidate;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.LocalDate;

import javax.sql.DataSource;

import org.creditpipeline.ingest.CopyText;
import org.creditpipeline.model.RecordKind;
import org.creditpipeline.model.SubjectKind;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Step 1, keys: one streaming pass over the run's staged rows (those up to the run's high-water mark not yet linked
 * to a record) computes each row's match profile and exact key in Java and writes them with COPY to
 * {@code consolidate_work_row}. The only per-row Java work of the job; everything after it is set-based SQL, plus
 * scoring of the residual.
 */
class KeyStep implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(KeyStep.class);

    static final String ROWS_KEY = "consolidate.rows";

    /**
     * The rows of this run: above the last completed run's mark, up to this run's, not yet linked. The categories of
     * rows without 文号 (their decision key, {@link MatchProfile#decisionKey}) and of people (the person bridge of the
     * fuzzy stage compares them); the subject kind tells a person here, as {@link MatchProfile#of} does.
     */
    private static final String READ_ROWS = """
            COPY (SELECT s.id, s.record_kind, s.subject_kind, s.subject_name, s.uscc, s.org_code, s.id_type, s.id_number,
                         s.document_number, s.document_number_key, s.authority_name, s.authority_uscc, s.decision_date,
                         s.fine_amount, s.work_unit, s.origin_key,
                         CASE WHEN s.document_number_key IS NULL
                                   OR s.subject_kind IS NULL OR s.subject_kind IN ('NATURAL_PERSON', 'CIVIL_SERVANT')
                              THEN s.category END
                    FROM staged_record s
                   WHERE s.id > %d AND s.id <= %d
                     AND NOT EXISTS (SELECT 1 FROM record_source r WHERE r.staged_record_id = s.id)
                   ORDER BY s.id) TO STDOUT""";
    private static final int READ_COLUMNS = 17;
    private static final String ESTIMATED_ROWS = "SELECT reltuples::float8 FROM pg_class WHERE oid = 'staged_record'::regclass";
    static final String LAST_MARK = "SELECT coalesce(max(max_staged_id), 0) FROM consolidation_run";
    private static final String COPY_WORK_ROWS = """
            COPY consolidate_work_row (staged_id, group_key, origin_key, record_kind, person, residual, id_key, masked_id,
                name_key, doc_key, authority_key, authority_uscc, decision_date, amount, unit_key, category) FROM STDIN""";
    /** Bytes of COPY data sent to the server at a time. */
    private static final int FLUSH_BYTES = 1 << 18;

    private final DataSource dataSource;
    private final long maxStagedId;
    private final IdPepper pepper;

    KeyStep(DataSource dataSource, long maxStagedId, IdPepper pepper) {
        this.dataSource = dataSource;
        this.maxStagedId = maxStagedId;
        this.pepper = pepper;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        long t0 = System.nanoTime();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute(ConsolidationService.CLEAR_WORK);
        long from = jdbc.queryForObject(LAST_MARK, Long.class);
        // Right after a large ingest, autovacuum has not analyzed the new rows yet: the plans of the match and apply
        // statements (hash joins against staged_record) go wrong by orders of magnitude with stale estimates. A
        // night that adds a few percent to a large table does not need it (it costs seconds there).
        Double known = jdbc.queryForObject(ESTIMATED_ROWS, Double.class);
        if (known == null || known < 0 || maxStagedId - from > 0.1 * known) {
            jdbc.execute("ANALYZE staged_record");
        }
        Connection tx = DataSourceUtils.getConnection(dataSource);
        CopyManager copy = tx.unwrap(PGConnection.class).getCopyAPI();
        CopyText out = new CopyText();
        long rows = 0;
        long copyNanos = 0;
        // One COPY for the whole run, fed in pieces: the server stores the keys while the next rows are keyed.
        // The read runs on a connection of its own: one connection cannot stream COPY out and COPY in at once.
        CopyIn sink = copy.copyIn(COPY_WORK_ROWS);
        try (Connection read = dataSource.getConnection();
             CopyRows in = new CopyRows(read, READ_ROWS.formatted(from, maxStagedId), READ_COLUMNS)) {
            for (String[] c; (c = in.next()) != null; ) {
                long id = Long.parseLong(c[0]);
                MatchProfile p = MatchProfile.of(new MatchProfile.Row(RecordKind.valueOf(c[1]),
                        c[2] == null ? null : SubjectKind.valueOf(c[2]), c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10],
                        c[11], c[12] == null ? null : LocalDate.parse(c[12]),
                        c[13] == null ? null : new BigDecimal(c[13]), c[14], c[16]), pepper);
                write(out, id, p, c[15]);
                rows++;
                if (out.size() >= FLUSH_BYTES) {
                    long c0 = System.nanoTime();
                    out.sendTo(sink);
                    copyNanos += System.nanoTime() - c0;
                }
            }
            long c0 = System.nanoTime();
            out.sendTo(sink);
            sink.endCopy();
            copyNanos += System.nanoTime() - c0;
        } finally {
            if (sink.isActive()) {
                sink.cancelCopy();
            }
        }
        TimedSql.timing(log, (System.nanoTime() - t0) / 1_000_000, "keys: {} staged rows keyed ({} ms writing), {} ms",
                rows, copyNanos / 1_000_000);
        chunkContext.getStepContext().getStepExecution().getJobExecution().getExecutionContext().putLong(ROWS_KEY, rows);
        return RepeatStatus.FINISHED;
    }

    private static void write(CopyText out, long id, MatchProfile p, String originKey) {
        out.value(id);
        out.value(p.groupKey(id));
        out.value(originKey);
        out.value(p.recordKind().name());
        out.value(p.person() ? "t" : "f");
        out.value(p.residual() ? "t" : "f");
        out.value(p.idKey());
        out.value(p.maskedId());
        out.value(p.nameKey());
        out.value(p.docKey());
        out.value(p.authorityKey());
        out.value(p.authorityUscc());
        out.value(p.decisionDate());
        out.value(p.amount() == null ? null : p.amount().toPlainString());
        out.value(p.unitKey());
        out.value(p.person() ? p.category() : null);
        out.endRow();
    }
}
