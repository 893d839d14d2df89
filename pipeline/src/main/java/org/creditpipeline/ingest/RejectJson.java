package org.creditpipeline.ingest;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.creditpipeline.ingest.read.SourceRow;

/**
 * The two JSON documents a rejected row is kept with, as {@code rejected_row} stores them and the error report reads
 * them: its original cells ({@code raw}) and every reason ({@code reasons}). One writer for the real ingest's COPY
 * and the check's spool, so that a check's error report reads exactly what a real ingest would have stored.
 */
final class RejectJson {

    private RejectJson() {
    }

    /** The row's original cells as a JSON object keyed by header ("column N" past the headers; "header (N)" twice). */
    static String raw(StringBuilder out, SourceRow source) {
        out.setLength(0);
        out.append('{');
        var headers = source.table().headers();
        String[] cells = source.cells();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < cells.length; i++) {
            String header = i < headers.size() ? headers.get(i) : "column " + (i + 1);
            String key = keys.contains(header) ? header + " (" + (i + 1) + ")" : header;
            keys.add(key);
            JsonText.field(out, key, cells[i], i == 0);
        }
        return out.append('}').toString();
    }

    /** Every reason as a JSON array of {column, value, code, message, messageZh}. */
    static String reasons(StringBuilder out, List<RejectReason> reasons) {
        out.setLength(0);
        out.append('[');
        for (int i = 0; i < reasons.size(); i++) {
            RejectReason r = reasons.get(i);
            out.append(i == 0 ? "{" : ",{");
            JsonText.field(out, "column", r.column(), true);
            JsonText.field(out, "value", r.value(), false);
            JsonText.field(out, "code", r.code(), false);
            JsonText.field(out, "message", r.message(), false);
            JsonText.field(out, "messageZh", r.messageZh(), false);
            out.append('}');
        }
        return out.append(']').toString();
    }
}
