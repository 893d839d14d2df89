package org.creditpipeline.ingest;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.creditpipeline.ingest.read.SourceRow;
import org.creditpipeline.model.CreditRecord;
import org.creditpipeline.support.Failpoints;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Writes a chunk with COPY: accepted rows to {@code staged_record}, rejected rows (original values and every reason)
 * to {@code rejected_row}. It uses the step's transactional connection, so the rows commit together with the reader's
 * restart state: a killed run resumes exactly after the last committed chunk.
 *
 * <p>With a {@link RejectSpool}, the rejected rows also go there, as the same JSON, so that the error report after
 * the job need not read them back from the database. The spool is not transactional: {@code IngestService} writes the
 * report from it only when the step completed in one execution and the spool holds as many rows as the table. Past
 * {@link #SPOOL_LIMIT} rejects nothing more is spooled, so the disk holds no second copy of a file rejected wholesale
 * (its report then comes from the table).
 */
public class StagingWriter implements ItemWriter<ProcessedRow> {

    static final String COPY_STAGED = """
            COPY staged_record (file_id, sheet, source_row, record_kind, subject_kind, subject_name, uscc, org_code,
                registration_no, tax_no, institution_cert_no, social_org_no, id_type, id_number, legal_representative,
                legal_rep_id_type, legal_rep_id_number, work_unit, work_unit_uscc, position, document_number, document_number_key,
                authority_name, authority_uscc, decision_date, category, violation_type, facts, content, fine_amount,
                confiscated_amount, legal_basis, valid_until, publication_end, severity, region_code, data_source_unit,
                data_source_uscc, performance, remarks, status, sex, age, publication_date, basis_unit, performed_part,
                unperformed_part, area_name) FROM STDIN (FORMAT binary)""";
    static final String COPY_REJECTED = "COPY rejected_row (file_id, sheet, source_row, raw, reasons) FROM STDIN";
    /**
     * The referential check the file_id foreign keys did per row (V6), once per chunk: the file's row exists and
     * cannot be deleted before the chunk commits.
     */
    static final String LOCK_FILE = "SELECT 1 FROM ingest_file WHERE id = ? FOR KEY SHARE";

    /** Bytes of COPY data sent to the server at a time while a chunk is still being encoded. */
    private static final int FLUSH_BYTES = 1 << 18;
    /** Rejects spooled at most (from the next chunk on, none), about 1 KB each on disk. */
    static final long SPOOL_LIMIT = 200_000;

    private final DataSource dataSource;
    private final long fileId;
    private final CopyBinary accepted = new CopyBinary();
    private final CopyText rejected = new CopyText();
    private final StringBuilder json = new StringBuilder(4096);
    private final RejectSpool spool;
    private final List<RejectSpool.Row> spooled = new ArrayList<>();
    private long spooledRows;

    public StagingWriter(DataSource dataSource, long fileId) {
        this(dataSource, fileId, null);
    }

    /** @param spool where the rejected rows go too, for the error report; null for none */
    public StagingWriter(DataSource dataSource, long fileId, RejectSpool spool) {
        this.dataSource = dataSource;
        this.fileId = fileId;
        this.spool = spool;
    }

    @Override
    public void write(Chunk<? extends ProcessedRow> chunk) throws SQLException, IOException {
        accepted.reset();
        rejected.reset();
        spooled.clear();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        lockFile(connection);
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        int rejectedRows = 0;
        CopyIn staged = null;
        try {
            for (ProcessedRow row : chunk) {
                if (row.isAccepted()) {
                    if (staged == null) {
                        staged = copy.copyIn(COPY_STAGED);
                    }
                    appendAccepted(row.record());
                    // Streamed in pieces: the server stores the first rows while the rest are still being encoded.
                    if (accepted.size() >= FLUSH_BYTES) {
                        accepted.sendTo(staged);
                    }
                } else {
                    appendRejected(row);
                    rejectedRows++;
                }
            }
            if (staged != null) {
                accepted.finish(staged);
                staged.endCopy();
            }
        } finally {
            if (staged != null && staged.isActive()) {
                staged.cancelCopy();
            }
        }
        if (rejectedRows > 0) {
            rejected.copy(copy, COPY_REJECTED);
            if (spooling()) {
                spooledRows += spooled.size();
                spool.append(spooled);
            }
        }
        Failpoints.reach("ingest.chunk-written"); // its rows are written, not committed
    }

    private boolean spooling() {
        return spool != null && spooledRows < SPOOL_LIMIT;
    }

    private void lockFile(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK_FILE)) {
            lock.setLong(1, fileId);
            try (ResultSet found = lock.executeQuery()) {
                if (!found.next()) {
                    throw new SQLException("ingest_file " + fileId + " does not exist: nothing can be staged for it",
                            "23503");
                }
            }
        }
    }

    private void appendAccepted(CreditRecord r) {
        CopyBinary t = accepted;
        t.startRow();
        t.int8(fileId);
        t.text(r.provenance().sheet());
        t.int8(r.provenance().row());
        t.text(r.kind().name());
        t.text(r.subjectKind() == null ? null : r.subjectKind().name());
        t.text(r.subjectName());
        t.text(r.uscc());
        t.text(r.orgCode());
        t.text(r.registrationNo());
        t.text(r.taxNo());
        t.text(r.institutionCertNo());
        t.text(r.socialOrgNo());
        t.text(r.idType());
        t.text(r.idNumber());
        t.text(r.legalRepresentative());
        t.text(r.legalRepIdType());
        t.text(r.legalRepIdNumber());
        t.text(r.workUnit());
        t.text(r.workUnitUscc());
        t.text(r.position());
        t.text(r.documentNumber());
        t.text(r.documentNumberKey());
        t.text(r.authorityName());
        t.text(r.authorityUscc());
        t.date(r.decisionDate());
        t.text(r.category());
        t.text(r.violationType());
        t.text(r.facts());
        t.text(r.content());
        t.numeric(r.fineAmount());
        t.numeric(r.confiscatedAmount());
        t.text(r.legalBasis());
        t.date(r.validUntil());
        t.date(r.publicationEnd());
        t.text(r.severity().name());
        t.text(r.regionCode());
        t.text(r.dataSourceUnit());
        t.text(r.dataSourceUscc());
        t.text(r.performance());
        t.text(r.remarks());
        t.text(r.status().name());
        t.text(r.sex());
        t.int4(r.age());
        t.date(r.publicationDate());
        t.text(r.basisUnit());
        t.text(r.performedPart());
        t.text(r.unperformedPart());
        t.text(r.areaName());
        t.endRow();
    }

    private void appendRejected(ProcessedRow row) {
        SourceRow source = row.source();
        CopyText t = rejected;
        t.value(fileId);
        t.value(source.table().sheet());
        t.value(source.rowNumber());
        String raw = RejectJson.raw(json, source);
        String reasons = RejectJson.reasons(json, row.reasons());
        t.value(raw);
        t.value(reasons);
        t.endRow();
        if (spooling()) {
            spooled.add(new RejectSpool.Row(source.table().sheet(), source.rowNumber(), raw, reasons));
        }
    }
}
