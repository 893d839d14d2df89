package org.creditpipeline.exchange;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

import org.creditpipeline.ingest.CopyBinary;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the record a change line carries into one {@code staged_record} row of a binary COPY ({@link #COPY}): the
 * child's record after its last change in the package, a newer version of the record its {@code origin_key} names.
 * The line's UTF-8 bytes are read once with a streaming parser; its {@code lineage} array goes to the server as the
 * bytes it is. Replaces staging through a {@code jsonb} temporary table and {@code jsonb_populate_record}, which cost the
 * server more than the consolidation of the same rows (docs/PERFORMANCE.md).
 *
 * <p>Values are read as {@code jsonb_populate_record} read them: a string or number into a text column, ISO dates,
 * numbers (or numeric strings) into amounts. A value that does not fit its column is a {@link RefusedPackageException}
 * naming the change, the field and the value: the package is refused and nothing of it is applied.
 */
final class PackageRows {

    private enum Type { TEXT, DATE, NUMERIC, INT4, TIMESTAMPTZ }

    /** The record's columns a staged row takes, in COPY order (consolidated_record's names). */
    private static final String[] COLUMNS = {"record_kind", "subject_kind", "subject_name", "uscc", "org_code",
            "registration_no", "id_type", "id_number", "legal_representative", "work_unit", "work_unit_uscc",
            "position", "document_number", "document_number_key", "authority_name", "authority_uscc", "decision_date",
            "category", "violation_type", "facts", "content", "fine_amount", "confiscated_amount", "legal_basis",
            "valid_until", "publication_end", "severity", "region_code", "data_source_unit", "data_source_uscc", "sex",
            "age", "publication_date", "basis_unit", "performed_part", "unperformed_part", "performance", "status",
            "status_reason", "status_ref", "status_changed_at"};

    static final String COPY = "COPY staged_record (file_id, sheet, source_row, origin_key, lineage, "
            + String.join(", ", COLUMNS) + ") FROM STDIN (FORMAT binary)";

    private static final Map<String, Integer> INDEX = new HashMap<>();
    private static final Type[] TYPES = new Type[COLUMNS.length];

    static {
        for (int i = 0; i < COLUMNS.length; i++) {
            INDEX.put(COLUMNS[i], i);
            TYPES[i] = switch (COLUMNS[i]) {
                case "decision_date", "valid_until", "publication_end", "publication_date" -> Type.DATE;
                case "fine_amount", "confiscated_amount" -> Type.NUMERIC;
                case "age" -> Type.INT4;
                case "status_changed_at" -> Type.TIMESTAMPTZ;
                default -> Type.TEXT;
            };
        }
    }

    /** Integer digits numeric(20, 6) holds. */
    private static final int AMOUNT_INTEGER_DIGITS = 14;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Object[] values = new Object[COLUMNS.length];

    /**
     * Appends the staged row of one change line.
     *
     * @param fileId the package's {@code ingest_file} row
     * @param child the sending node: {@code origin_key} is {@code child:recordId}
     */
    void append(CopyBinary out, long fileId, String child, long seq, long recordId, byte[] buf, int off, int len) {
        java.util.Arrays.fill(values, null);
        int lineageFrom = -1;
        int lineageTo = -1;
        try (JsonParser p = JSON.createParser(buf, off, len)) {
            p.nextToken();
            for (String name; (name = p.nextName()) != null; ) {
                JsonToken t = p.nextToken();
                if (name.equals("record") && t == JsonToken.START_OBJECT) {
                    readRecord(p, seq);
                } else if (name.equals("lineage") && (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT)) {
                    lineageFrom = off + (int) p.currentTokenLocation().getByteOffset();
                    p.skipChildren();
                    lineageTo = off + (int) p.currentLocation().getByteOffset();
                } else {
                    p.skipChildren();
                }
            }
        } catch (JacksonException e) {
            throw new RefusedPackageException("change " + seq + " is not valid JSON: " + e.getOriginalMessage()
                    + " / 变更记录格式错误");
        }
        out.startRow();
        out.int8(fileId);
        out.text(PackageManifest.CHANGES);
        out.int8(seq);
        out.text(child + ":" + recordId);
        if (lineageFrom < 0) {
            out.nullValue();
        } else {
            out.jsonb(buf, lineageFrom, lineageTo - lineageFrom);
        }
        for (int i = 0; i < COLUMNS.length; i++) {
            Object v = values[i];
            switch (TYPES[i]) {
                case TEXT -> out.text((String) v);
                case DATE -> out.date((LocalDate) v);
                case NUMERIC -> out.numeric((BigDecimal) v);
                case INT4 -> out.int4((Integer) v);
                case TIMESTAMPTZ -> out.timestamptz((java.time.OffsetDateTime) v);
            }
        }
        out.endRow();
    }

    private void readRecord(JsonParser p, long seq) {
        for (String field; (field = p.nextName()) != null; ) {
            JsonToken t = p.nextToken();
            Integer i = INDEX.get(field);
            if (i == null || t == JsonToken.VALUE_NULL) {
                p.skipChildren();
                continue;
            }
            if (t.isStructStart()) {
                if (TYPES[i] != Type.TEXT) {
                    throw unfit(seq, field, t == JsonToken.START_OBJECT ? "{…}" : "[…]");
                }
                values[i] = JSON.readTree(p).toString(); // as jsonb_populate_record: the JSON text
                continue;
            }
            String text = p.getString();
            try {
                values[i] = switch (TYPES[i]) {
                    case TEXT -> text;
                    case DATE -> t == JsonToken.VALUE_STRING ? LocalDate.parse(text) : unfitValue(seq, field, text);
                    case NUMERIC -> amount(t.isNumeric() ? p.getDecimalValue() : new BigDecimal(text.strip()), seq,
                            field, text);
                    case INT4 -> t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_STRING
                            ? Integer.valueOf(text.strip()) : unfitValue(seq, field, text);
                    case TIMESTAMPTZ -> t == JsonToken.VALUE_STRING ? java.time.OffsetDateTime.parse(text)
                            : unfitValue(seq, field, text);
                };
            } catch (DateTimeParseException | NumberFormatException e) {
                throw unfit(seq, field, text);
            }
        }
    }

    private static BigDecimal amount(BigDecimal v, long seq, String field, String text) {
        if (v.precision() - v.scale() > AMOUNT_INTEGER_DIGITS) {
            throw unfit(seq, field, text);
        }
        return v;
    }

    private static Object unfitValue(long seq, String field, String text) {
        throw unfit(seq, field, text);
    }

    private static RefusedPackageException unfit(long seq, String field, String text) {
        String shown = text.length() > 60 ? text.substring(0, 60) + "…" : text;
        return new RefusedPackageException("change " + seq + ": field " + field + " = '" + shown + "' does not fit"
                + " the record model / 变更记录字段值无效: " + field);
    }
}
