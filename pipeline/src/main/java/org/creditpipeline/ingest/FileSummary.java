package org.creditpipeline.ingest;

import java.util.List;

/**
 * What happened to one input file.
 *
 * @param file            the path as given
 * @param status          COMPLETED, FAILED, or SKIPPED (the same content was ingested before)
 * @param fileId          row id in {@code ingest_file}, or null when the file could not even be registered
 * @param jobExecutionId  the Spring Batch job execution, or null
 * @param format          detected format (CSV, XLSX ...)
 * @param encoding        detected text encoding, for text formats
 * @param mappings        mapping(s) used
 * @param read            rows read
 * @param accepted        rows staged
 * @param rejected        rows rejected (see rejected_row and the error report)
 * @param message         why the file failed or was skipped; null when completed
 * @param warnings        things the data officer should know (ignored columns, hidden sheets)
 * @param errorReport     path of the .xlsx error report (rejected rows and a summary), or null
 */
public record FileSummary(String file, String status, Long fileId, Long jobExecutionId, String format, String encoding,
                          List<String> mappings, long read, long accepted, long rejected, String message,
                          List<String> warnings, String errorReport) {

    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";
    public static final String SKIPPED = "SKIPPED";

    public static FileSummary failed(String file, Long fileId, String message) {
        return new FileSummary(file, FAILED, fileId, null, null, null, List.of(), 0, 0, 0, message, List.of(), null);
    }
}
