package org.creditpipeline.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.creditpipeline.OutOfMemory;
import org.creditpipeline.CreditProperties;
import org.creditpipeline.ingest.read.SourceReader;
import org.creditpipeline.ingest.read.excel.WorkbookReader;
import org.creditpipeline.ingest.report.ErrorReport;
import org.creditpipeline.ingest.read.UnreadableSourceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Ingests files one by one, each as its own job instance: registers the file by content hash (the same bytes twice
 * are skipped, not duplicated), launches or restarts the job, and records the outcome in {@code ingest_file}. One file
 * failing never stops the others. {@link #check} runs the same step as a dry run that stores nothing.
 */
@Service
public class IngestService {

    private static final Logger log = LoggerFactory.getLogger(IngestService.class);

    private static final String FIND_FILE = "SELECT id, status, source_name, finished_at, job_execution_id FROM ingest_file WHERE sha256 = ?";
    private static final String INSERT_FILE = """
            INSERT INTO ingest_file (source_name, source_path, sha256, size_bytes, format, mapping, status)
            VALUES (?, ?, ?, ?, ?, ?, 'RUNNING') RETURNING id""";
    private static final String RESTART_FILE = """
            UPDATE ingest_file SET status = 'RUNNING', source_path = ?, message = NULL, finished_at = NULL WHERE id = ?""";
    private static final String FINISH_FILE = """
            UPDATE ingest_file
               SET status = ?, rows_read = ?, rows_accepted = ?, rows_rejected = ?, message = ?, job_execution_id = ?,
                   format = ?, encoding = ?, mapping = ?, finished_at = now()
             WHERE id = ?""";
    private static final String REJECT_EXAMPLES = """
            SELECT concat(coalesce('sheet ' || sheet || ' ', ''), 'row ', source_row, ': ',
                          (SELECT string_agg(r->>'messageZh' || coalesce(' [' || (r->>'column') || ']', ''), '; ')
                             FROM jsonb_array_elements(reasons) r))
              FROM rejected_row WHERE file_id = ? ORDER BY sheet NULLS FIRST, source_row LIMIT ?""";
    private static final String SET_REPORT = "UPDATE ingest_file SET error_report = ? WHERE id = ?";
    private static final String FIND_REPORT = "SELECT error_report FROM ingest_file WHERE id = ?";
    private static final String COUNT_ACCEPTED = "SELECT count(*) FROM staged_record WHERE file_id = ?";
    private static final String COUNT_REJECTED = "SELECT count(*) FROM rejected_row WHERE file_id = ?";

    private final JobOperator jobOperator;
    private final Job ingestJob;
    private final JdbcTemplate jdbc;
    private final ErrorReport errorReport;
    private final IngestCheckJob checkJob;

    public IngestService(JobOperator jobOperator, Job ingestJob, IngestCheckJob ingestCheckJob, JdbcTemplate jdbc,
                         DataSource dataSource, CreditProperties properties) {
        this.jobOperator = jobOperator;
        this.ingestJob = ingestJob;
        this.checkJob = ingestCheckJob;
        this.jdbc = jdbc;
        this.errorReport = new ErrorReport(dataSource, properties.var().resolve("reports"));
    }

    /**
     * Ingests the files in turn. Each file's SHA-256 is computed on a thread of its own while earlier files' jobs run,
     * and the error report's classes are loaded during the first job.
     */
    public List<FileSummary> ingest(List<Path> files, String mapping) {
        List<FileSummary> out = new ArrayList<>();
        if (!files.isEmpty()) {
            ErrorReport.warmUpInBackground();
        }
        try (FileHashes hashes = new FileHashes(files)) {
            for (Path file : files) {
                out.add(ingest(file, mapping, hashes));
            }
        }
        return out;
    }

    public FileSummary ingest(Path file, String mapping) {
        return ingest(file, mapping, null);
    }

    private FileSummary ingest(Path file, String mapping, FileHashes hashes) {
        String shown = file.toString();
        FileSummary unreadable = unreadable(file);
        if (unreadable != null) {
            return unreadable;
        }
        String sha256;
        long size;
        try {
            size = Files.size(file);
            sha256 = hashes == null ? sha256(file) : hashes.sha256(file);
        } catch (IOException e) {
            return FileSummary.failed(shown, null, shown + ": cannot read the file: " + e.getMessage());
        }
        String name = file.getFileName().toString();
        List<Map<String, Object>> existing = jdbc.queryForList(FIND_FILE, sha256);
        long fileId;
        boolean resumed = !existing.isEmpty();
        if (resumed) {
            Map<String, Object> row = existing.get(0);
            fileId = ((Number) row.get("id")).longValue();
            if ("COMPLETED".equals(row.get("status"))) {
                return skipped(shown, fileId, row);
            }
            jdbc.update(RESTART_FILE, file.toAbsolutePath().toString(), fileId);
            log.info("{}: resuming the earlier attempt (file id {})", name, fileId);
        } else {
            fileId = jdbc.queryForObject(INSERT_FILE, Long.class, name, file.toAbsolutePath().toString(), sha256, size,
                    "UNKNOWN", mapping == null ? IngestJobConfiguration.AUTO_MAPPING : mapping);
        }
        // A resumed file's report needs the rejects of the earlier attempt too: those are in rejected_row only.
        RejectSpool spool = resumed ? null : reportSpool(name);
        try {
            JobParametersBuilder builder = parameters(file, sha256, mapping)
                    .addLong(IngestJobConfiguration.FILE_ID, fileId, false);
            if (spool != null) {
                builder.addString(IngestJobConfiguration.REPORT_SPOOL, spool.file().toString(), false);
            }
            JobExecution execution;
            try {
                execution = jobOperator.start(ingestJob, builder.toJobParameters());
            } catch (JobInstanceAlreadyCompleteException e) {
                // The job finished but the process died before recording it: the staged rows are all there.
                return finish(shown, name, fileId, null, FileSummary.COMPLETED, null, List.of(), null, null, null,
                        Tables.NONE, null);
            } catch (Exception e) {
                return finish(shown, name, fileId, null, FileSummary.FAILED,
                        name + ": could not start ingest: " + e.getMessage(), List.of(), null, null, null, Tables.NONE,
                        null);
            }
            Outcome o = outcome(name, execution);
            List<String> warnings = new ArrayList<>(o.warnings());
            if (o.ok() && o.readCount() == 0 && jdbc.queryForObject(COUNT_ACCEPTED, Long.class, fileId)
                    + jdbc.queryForObject(COUNT_REJECTED, Long.class, fileId) == 0) {
                warnings.add(NO_DATA_ROWS);
            }
            return finish(shown, name, fileId, execution.getId(), o.ok() ? FileSummary.COMPLETED : FileSummary.FAILED,
                    o.message(), o.mappings(), warnings, o.format(), o.encoding(), o.tables(),
                    o.ok() ? spool : null);
        } finally {
            if (spool != null) {
                spool.removeQuietly();
            }
        }
    }

    /** A spool for the step's rejects, or null when none can be made (the report is then read from the table). */
    private RejectSpool reportSpool(String name) {
        try {
            return RejectSpool.forIngest(errorReport.reportsDir());
        } catch (IOException | RuntimeException e) {
            log.debug("{}: no spool for the error report ({}); it is read from rejected_row", name, e.toString());
            return null;
        }
    }

    /** A checked file: its summary, as an ingest's, and the first rejected rows when they were asked for. */
    public record Checked(FileSummary summary, List<String> rejectExamples) {
    }

    public List<Checked> check(List<Path> files, String mapping, int examples) {
        List<Checked> out = new ArrayList<>();
        for (Path file : files) {
            out.add(check(file, mapping, examples));
        }
        return out;
    }

    /**
     * A dry run ({@code ingest --check}): reads, maps, normalizes and validates the file exactly as {@link #ingest}
     * does and writes the same error report, {@code check-<sha256 prefix>-<name>-errors.xlsx}, but stores nothing in
     * the node's schema: no {@code ingest_file} (a later ingest of the same bytes is not skipped), no staged or
     * rejected rows, no Spring Batch metadata ({@link IngestCheckJob}). It reads {@code ingest_file} only, to say
     * when a real ingest would skip the file or resume an earlier attempt, so it needs no node lock. The summary has
     * no file id and no job execution id; the first {@code examples} rejected rows come with it for
     * {@code --show-rejects}.
     */
    public Checked check(Path file, String mapping, int examples) {
        String shown = file.toString();
        FileSummary unreadable = unreadable(file);
        if (unreadable != null) {
            return new Checked(unreadable, List.of());
        }
        String sha256;
        try {
            sha256 = sha256(file);
        } catch (IOException e) {
            return new Checked(FileSummary.failed(shown, null, shown + ": cannot read the file: " + e.getMessage()),
                    List.of());
        }
        String name = file.getFileName().toString();
        List<String> warnings = new ArrayList<>();
        List<Map<String, Object>> existing = jdbc.queryForList(FIND_FILE, sha256);
        if (!existing.isEmpty()) {
            Map<String, Object> row = existing.get(0);
            warnings.add("COMPLETED".equals(row.get("status"))
                    ? "already ingested (已导入过): same content as '" + row.get("source_name") + "' (file id "
                            + row.get("id") + ", finished " + row.get("finished_at")
                            + "); an ingest of this file would be SKIPPED and add nothing"
                    : "an earlier ingest of the same content ('" + row.get("source_name") + "', file id " + row.get("id")
                            + ") did not complete (" + row.get("status") + "); an ingest of this file resumes it");
        }
        try (RejectSpool spool = RejectSpool.create(errorReport.reportsDir())) {
            JobParameters parameters = parameters(file, sha256, mapping)
                    .addString(IngestJobConfiguration.CHECK_SPOOL, spool.file().toString(), false)
                    .toJobParameters();
            JobExecution execution;
            try {
                execution = checkJob.run(parameters);
            } catch (Exception e) {
                return new Checked(FileSummary.failed(shown, null, name + ": could not start the check: "
                        + e.getMessage()), List.of());
            }
            Outcome o = outcome(name, execution);
            warnings.addAll(0, o.warnings());
            long rejected = spool.count();
            long written = o.step() == null ? 0 : o.step().getWriteCount();
            // rejects are written too; rows of sheets no mapping fits are filtered before the writer, as in an ingest
            long accepted = Math.max(0, written - rejected);
            if (o.ok() && o.readCount() == 0 && written == 0) {
                warnings.add(NO_DATA_ROWS);
            }
            String status = o.ok() ? FileSummary.COMPLETED : FileSummary.FAILED;
            String report = null;
            try {
                report = errorReport.write(errorReport.checkPathFor(sha256, name), null, new ErrorReport.Info(name,
                        status, o.format(), o.encoding(), o.mappings(), accepted + rejected, accepted, rejected,
                        o.message(), o.tables().ignoredColumns(), o.tables().hiddenSheets(),
                        o.tables().skippedSheets(), o.tables().headers(), List.copyOf(warnings)), spool)
                        .toAbsolutePath().toString();
            } catch (Exception e) {
                log.warn("{}: error report not written: {}", name, e.toString());
                warnings.add("error report not written (错误报告未生成): " + e.getMessage());
            }
            FileSummary summary = new FileSummary(shown, status, null, null, o.format(), o.encoding(), o.mappings(),
                    accepted + rejected, accepted, rejected, o.message(), warnings, report);
            return new Checked(summary, spool.examples(examples));
        } catch (IOException e) {
            return new Checked(FileSummary.failed(shown, null, name + ": the check could not keep its rejected rows in "
                    + errorReport.reportsDir() + ": " + e.getMessage()), List.of());
        }
    }

    private static final String NO_DATA_ROWS = "the file has a header but no data rows (文件只有表头，没有数据行)";

    /** Why a path cannot be ingested at all (a folder, missing, unreadable), or null. */
    private static FileSummary unreadable(Path file) {
        String shown = file.toString();
        if (Files.isDirectory(file)) {
            return FileSummary.failed(shown, null, shown + ": is a folder, not a file (是文件夹，不是文件); name its"
                    + " files, e.g. " + file.resolve("*.csv"));
        }
        if (!Files.isRegularFile(file)) {
            boolean pattern = shown.contains("*") || shown.contains("?") || shown.contains("[");
            return FileSummary.failed(shown, null, shown + ": file not found (文件不存在)" + (pattern
                    ? "; a pattern that matches no file reaches the command as typed: check the folder and the pattern"
                    : ""));
        }
        if (!Files.isReadable(file)) {
            return FileSummary.failed(shown, null, shown + ": permission denied, the file cannot be read (无读取权限)");
        }
        return null;
    }

    /** The parameters an ingest and a check share: the file by content and the mapping asked for identify the run. */
    private static JobParametersBuilder parameters(Path file, String sha256, String mapping) {
        return new JobParametersBuilder()
                .addString(IngestJobConfiguration.FILE_SHA256, sha256, true)
                .addString(IngestJobConfiguration.MAPPING,
                        mapping == null ? IngestJobConfiguration.AUTO_MAPPING : mapping, true)
                .addString(IngestJobConfiguration.FILE_PATH, file.toAbsolutePath().toString(), false)
                .addString(IngestJobConfiguration.SOURCE_NAME, file.getFileName().toString(), false);
    }

    /** What a finished ingest or check step left in its context: mappings, warnings, tables, format, failure. */
    private record Outcome(StepExecution step, boolean ok, String message, List<String> mappings, List<String> warnings,
                           String format, String encoding, Tables tables, long readCount) {
    }

    private static Outcome outcome(String name, JobExecution execution) {
        StepExecution step = execution.getStepExecutions().stream().findFirst().orElse(null);
        List<String> mappings = step == null ? List.of() : lines(step.getExecutionContext().getString(MappingProcessor.MAPPINGS_KEY, ""));
        List<String> warnings = new ArrayList<>();
        Tables tables = Tables.NONE;
        if (step != null) {
            var context = step.getExecutionContext();
            tables = new Tables(lines(context.getString(MappingProcessor.UNMAPPED_KEY, "")),
                    lines(context.getString(WorkbookReader.HIDDEN_SHEETS_KEY, "")),
                    concat(lines(context.getString(WorkbookReader.SKIPPED_SHEETS_KEY, "")),
                            lines(context.getString(MappingProcessor.UNMAPPED_SHEETS_KEY, ""))),
                    MappingProcessor.headers(context.getString(MappingProcessor.HEADERS_KEY, "")));
            if (!tables.ignoredColumns().isEmpty()) {
                warnings.add("columns not used by the mapping (未使用的列): " + String.join(", ", tables.ignoredColumns()));
            }
            if (!tables.hiddenSheets().isEmpty()) {
                warnings.add("hidden sheets not ingested (隐藏工作表未导入): " + String.join(", ", tables.hiddenSheets()));
            }
            for (String skipped : tables.skippedSheets()) {
                warnings.add("sheet skipped (工作表未导入): " + skipped);
            }
            warnings.addAll(lines(context.getString(SourceReader.WARNINGS_KEY, "")));
            warnings.addAll(lines(context.getString(MappingProcessor.UNNAMED_COLUMNS_KEY, "")));
            warnings.addAll(lines(context.getString(MappingProcessor.KIND_HINTS_KEY, "")));
        }
        boolean ok = execution.getStatus() == BatchStatus.COMPLETED;
        String message = ok ? null : failureMessage(name, execution);
        String format = step == null ? null : step.getExecutionContext().getString(SourceReader.FORMAT_KEY, null);
        String encoding = step == null ? null : step.getExecutionContext().getString(SourceReader.ENCODING_KEY, null);
        return new Outcome(step, ok, message, mappings, warnings, format, encoding, tables,
                step == null ? 0 : step.getReadCount());
    }

    /** What the step learnt about the file's tables, for warnings and the error report. */
    private record Tables(List<String> ignoredColumns, List<String> hiddenSheets, List<String> skippedSheets,
                          Map<String, List<String>> headers) {
        static final Tables NONE = new Tables(List.of(), List.of(), List.of(), Map.of());
    }

    /**
     * Records the outcome and writes the error report: from {@code spooled}, the rejects the step kept as it wrote them,
     * when it holds every row of {@code rejected_row} for the file (a step that completed in one execution, so nothing
     * it spooled was rolled back and nothing was written by an earlier attempt), else from the table.
     */
    private FileSummary finish(String shown, String name, long fileId, Long executionId, String status, String message,
                               List<String> mappings, List<String> warnings, String format, String encoding,
                               Tables tables, RejectSpool spooled) {
        long accepted = jdbc.queryForObject(COUNT_ACCEPTED, Long.class, fileId);
        long rejected = jdbc.queryForObject(COUNT_REJECTED, Long.class, fileId);
        String mapping = mappings == null || mappings.isEmpty() ? null : String.join(",", mappings);
        // A message quotes the file's headers or cells; U+0000 (a UTF-16 file read as 8-bit) cannot be stored in text
        jdbc.update(FINISH_FILE, status, accepted + rejected, accepted, rejected, withoutNul(message), executionId,
                format == null ? "UNKNOWN" : format, encoding, withoutNul(mapping), fileId);
        List<String> notes = warnings == null ? new ArrayList<>() : new ArrayList<>(warnings);
        String report = null;
        try {
            ErrorReport.Info info = new ErrorReport.Info(name, status, format, encoding,
                    mappings == null ? List.of() : mappings, accepted + rejected, accepted, rejected, message,
                    tables.ignoredColumns(), tables.hiddenSheets(), tables.skippedSheets(), tables.headers(),
                    List.copyOf(notes));
            boolean whole = spooled != null && holdsEveryReject(name, spooled, rejected);
            report = (whole ? errorReport.write(fileId, info, spooled) : errorReport.write(fileId, info))
                    .toAbsolutePath().toString();
            jdbc.update(SET_REPORT, report, fileId);
        } catch (Exception e) {
            // The data is staged either way; a report that cannot be written must not turn a good ingest into a failure.
            log.warn("{}: error report not written: {}", name, e.toString());
            notes.add("error report not written (错误报告未生成): " + e.getMessage());
        }
        return new FileSummary(shown, status, fileId, executionId, format, encoding,
                mappings == null ? List.of() : mappings, accepted + rejected, accepted, rejected, message, notes,
                report);
    }

    private static boolean holdsEveryReject(String name, RejectSpool spooled, long rejected) {
        try {
            if (spooled.count() == rejected) {
                return true;
            }
            log.debug("{}: the spool does not hold every rejected row; the report is read from rejected_row", name);
        } catch (IOException e) {
            log.debug("{}: the spool cannot be read ({}); the report is read from rejected_row", name, e.toString());
        }
        return false;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private FileSummary skipped(String shown, long fileId, Map<String, Object> row) {
        long accepted = jdbc.queryForObject(COUNT_ACCEPTED, Long.class, fileId);
        long rejected = jdbc.queryForObject(COUNT_REJECTED, Long.class, fileId);
        String message = "already ingested (已导入过): same content as '" + row.get("source_name") + "' (file id " + fileId
                + ", finished " + row.get("finished_at") + ", accepted " + accepted + ", rejected " + rejected
                + "); nothing was added";
        String report = jdbc.queryForObject(FIND_REPORT, String.class, fileId);
        if (report != null && !Files.exists(Path.of(report))) {
            report = null; // removed by housekeeping (credit.housekeeping.reports-days): not named as if it were there
        }
        return new FileSummary(shown, FileSummary.SKIPPED, fileId, (Long) row.get("job_execution_id"), null, null,
                List.of(), 0, 0, 0, message, List.of(), report);
    }

    /**
     * The first rejected rows of a file as one line each: "row 14: 统一社会信用代码“…”校验不通过（校验位错误） [column …]".
     */
    public List<String> rejectExamples(long fileId, int limit) {
        return jdbc.queryForList(REJECT_EXAMPLES, String.class, fileId, limit);
    }

    /** The data officer's message: an unreadable-file reason when there is one, else the root cause. */
    static String failureMessage(String name, JobExecution execution) {
        List<Throwable> failures = new ArrayList<>(execution.getAllFailureExceptions());
        for (Throwable t : failures) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                if (c instanceof UnreadableSourceException) {
                    return c.getMessage();
                }
            }
        }
        if (failures.isEmpty()) {
            return name + ": ingest ended with status " + execution.getStatus();
        }
        Throwable root = failures.get(0);
        while (root.getCause() != null) {
            root = root.getCause();
        }
        if (root instanceof OutOfMemoryError) {
            return name + ": " + OutOfMemory.advice();
        }
        return name + ": " + root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static List<String> lines(String s) {
        return s.isEmpty() ? List.of() : Arrays.asList(s.split("\n"));
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            try (InputStream in = Files.newInputStream(file)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    digest.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String withoutNul(String s) {
        return s == null || s.indexOf('\u0000') < 0 ? s : s.replace("\u0000", "");
    }
}
