package org.creditpipeline.ingest.mapping;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.creditpipeline.ingest.read.FormRows;
import org.creditpipeline.ingest.read.SourceTable;
import org.creditpipeline.model.RecordKind;
import org.creditpipeline.model.SubjectKind;

/**
 * A mapping applied to one table: for each canonical field, the column that feeds it (or -1). Headers are matched by
 * meaning, never by position or ordinal: first exact synonyms, then keywords (DOMAIN.md §3).
 */
public final class ColumnMapping {

    private final MappingConfig config;
    private final SourceTable table;
    private final int[] columnOf;
    private final int exactMatches;
    private final List<CanonicalField> missingRequired;
    private final RecordKind kind;
    private final SubjectKind defaultSubjectKind;
    /** Per field: powers of ten its amounts are divided by to give 万元 (4 for a column headed in 元). */
    private final int[] amountShift;
    /** Where the kind of record was told when that chose this mapping (sheet name, title row, file name), or null. */
    private KindHint toldBy;
    /** Field specs by {@link CanonicalField#ordinal()}: looked up for several fields of every row. */
    private final MappingConfig.FieldSpec[] specs;

    /** The fields fed through a generic synonym ({@code hinted:}), in config order. */
    private final List<CanonicalField> generic;
    /** The fields required under conditions ({@code requiredUnless}, {@code requiredFor}), in config order. */
    private final List<Requirement> conditionallyRequired;

    private ColumnMapping(MappingConfig config, SourceTable table, int[] columnOf, int exactMatches,
                          List<CanonicalField> missingRequired, List<CanonicalField> generic) {
        this.generic = generic;
        this.config = config;
        this.table = table;
        this.columnOf = columnOf;
        this.exactMatches = exactMatches;
        this.missingRequired = missingRequired;
        this.kind = RecordKind.fromText(config.kind());
        this.defaultSubjectKind = config.subjectKind() == null ? null : SubjectKind.valueOf(config.subjectKind());
        this.specs = new MappingConfig.FieldSpec[CanonicalField.values().length];
        this.amountShift = new int[CanonicalField.values().length];
        this.conditionallyRequired = config.fields().entrySet().stream()
                .filter(e -> e.getValue().conditionallyRequired())
                .map(e -> Requirement.of(CanonicalField.byName(e.getKey()), e.getValue())).toList();
        for (CanonicalField field : CanonicalField.values()) {
            specs[field.ordinal()] = config.fields().get(field.fieldName());
            if (field.type() == CanonicalField.Type.AMOUNT && columnOf[field.ordinal()] >= 0) {
                amountShift[field.ordinal()] = headedInYuan(table.headers().get(columnOf[field.ordinal()])) ? 4 : 0;
            }
        }
    }

    /**
     * A header that names 元 but not 万元 (罚款金额（元）, 罚款金额(单位:元)): the standard's amounts are in 万元
     * (DOMAIN.md §2.2), so such a column's values are converted, never taken as 万元.
     */
    static boolean headedInYuan(String header) {
        // traditional 萬元 is 万元: the column must not be taken for one in 元
        String h = org.creditpipeline.normalize.ChineseScript.toSimplified(
                java.text.Normalizer.normalize(header, java.text.Normalizer.Form.NFKC));
        return h.contains("元") && !h.contains("万元");
    }

    /** Powers of ten to divide this amount field's values by to give 万元: 4 when its column is headed in 元. */
    public int amountShift(CanonicalField field) {
        return amountShift[field.ordinal()];
    }

    public static ColumnMapping resolve(MappingConfig config, SourceTable table) {
        return resolve(config, table, false);
    }

    /**
     * Resolves the table's headers; with {@code kindTold} (the sheet name, a title row, the file name or
     * {@code --mapping} says which kind of record the table holds) the fields' {@code hinted:} synonyms count too.
     */
    /** The first column not yet taken whose header is one of the synonyms, tried in their order; -1 when none. */
    private static int firstFreeColumn(List<String> synonyms, String[] keys, Set<Integer> taken) {
        for (String synonym : synonyms) {
            String key = HeaderKey.ofConfigured(synonym);
            for (int c = 0; c < keys.length; c++) {
                if (!taken.contains(c) && key.equals(keys[c])) {
                    return c;
                }
            }
        }
        return -1;
    }

    public static ColumnMapping resolve(MappingConfig config, SourceTable table, boolean kindTold) {
        List<String> headers = table.headers();
        String[] keys = headers.stream().map(HeaderKey::of).toArray(String[]::new);
        int[] columnOf = new int[CanonicalField.values().length];
        Arrays.fill(columnOf, -1);
        Set<Integer> taken = new HashSet<>();
        int exact = 0;
        // Pass 1: exact synonyms, fields in config order, each field's synonyms in their order (公示截止期 before
        // 公开截止期 when a file has both).
        for (Map.Entry<String, MappingConfig.FieldSpec> e : config.fields().entrySet()) {
            int c = firstFreeColumn(e.getValue().headers(), keys, taken);
            if (c >= 0) {
                columnOf[CanonicalField.byName(e.getKey()).ordinal()] = c;
                taken.add(c);
                exact++;
            }
        }
        // Pass 1b: generic synonyms (种类, 决定机关, 时间) for the fields still open, only when the kind is told otherwise.
        List<CanonicalField> generic = new ArrayList<>();
        if (kindTold) {
            for (Map.Entry<String, MappingConfig.FieldSpec> e : config.fields().entrySet()) {
                CanonicalField field = CanonicalField.byName(e.getKey());
                if (columnOf[field.ordinal()] >= 0) {
                    continue;
                }
                int c = firstFreeColumn(e.getValue().hinted(), keys, taken);
                if (c >= 0) {
                    columnOf[field.ordinal()] = c;
                    taken.add(c);
                    exact++;
                    generic.add(field);
                }
            }
        }
        // Pass 2: keywords for the fields still open; the shortest matching header is the most specific one.
        for (Map.Entry<String, MappingConfig.FieldSpec> e : config.fields().entrySet()) {
            CanonicalField field = CanonicalField.byName(e.getKey());
            if (columnOf[field.ordinal()] >= 0) {
                continue;
            }
            int best = -1;
            for (int c = 0; c < keys.length; c++) {
                if (!taken.contains(c) && keywordMatch(e.getValue(), keys[c])
                        && (best < 0 || keys[c].length() < keys[best].length())) {
                    best = c;
                }
            }
            if (best >= 0) {
                columnOf[field.ordinal()] = best;
                taken.add(best);
            }
        }
        List<CanonicalField> missing = new ArrayList<>();
        config.fields().forEach((name, spec) -> {
            CanonicalField field = CanonicalField.byName(name);
            if (Boolean.TRUE.equals(spec.required()) && columnOf[field.ordinal()] < 0) {
                missing.add(field);
            }
        });
        return new ColumnMapping(config, table, columnOf, exact, missing, generic);
    }

    static boolean keywordMatch(MappingConfig.FieldSpec spec, String key) {
        for (String ex : spec.exclude()) {
            if (key.contains(HeaderKey.ofConfigured(ex))) {
                return false;
            }
        }
        for (List<String> group : spec.keywords()) {
            boolean all = !group.isEmpty();
            for (String word : group) {
                if (!key.contains(HeaderKey.ofConfigured(word))) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    ColumnMapping toldBy(KindHint hint) {
        this.toldBy = hint;
        return this;
    }

    /** The sheet name, title row or file name that chose this mapping, or null when the headers did. */
    public KindHint toldBy() {
        return toldBy;
    }

    /**
     * The generic headers read because the kind was told, as {@code 种类 → category}, for the file's warnings; empty
     * when every column was known by its own name.
     */
    public List<String> genericHeaders() {
        return generic.stream().map(f -> table.headers().get(columnOf[f.ordinal()]) + " → " + f.fieldName()).toList();
    }

    /** Column index of a field, or -1. */
    public int column(CanonicalField field) {
        return columnOf[field.ordinal()];
    }

    public MappingConfig config() {
        return config;
    }

    public SourceTable table() {
        return table;
    }

    public RecordKind kind() {
        return kind;
    }

    public SubjectKind defaultSubjectKind() {
        return defaultSubjectKind;
    }

    public MappingConfig.FieldSpec spec(CanonicalField field) {
        return specs[field.ordinal()];
    }

    /** The fields a row may lack only under conditions ({@code requiredUnless}, {@code requiredFor}), checked per row. */
    public List<Requirement> conditionallyRequired() {
        return conditionallyRequired;
    }

    /**
     * A row-level requirement, resolved once per mapping rather than per row: the field, the fields that may stand in
     * for it (the field itself first), and the subject kinds it holds for (empty: every row).
     */
    public record Requirement(CanonicalField field, List<CanonicalField> fields, Set<SubjectKind> requiredFor) {

        static Requirement of(CanonicalField field, MappingConfig.FieldSpec spec) {
            List<CanonicalField> fields = new ArrayList<>();
            fields.add(field);
            spec.requiredUnless().forEach(other -> fields.add(CanonicalField.byName(other)));
            Set<SubjectKind> kinds = java.util.EnumSet.noneOf(SubjectKind.class);
            spec.requiredFor().forEach(kind -> kinds.add(SubjectKind.valueOf(kind)));
            return new Requirement(field, List.copyOf(fields), java.util.Collections.unmodifiableSet(kinds));
        }

        /** Whether the requirement holds for a row of this subject kind (null: unknown). */
        public boolean holdsFor(SubjectKind subject) {
            return requiredFor.isEmpty() || subject != null && requiredFor.contains(subject);
        }
    }

    public List<CanonicalField> missingRequired() {
        return missingRequired;
    }

    /** How many columns feed a field. */
    public int mappedColumns() {
        int mapped = 0;
        for (int c : columnOf) {
            if (c >= 0) {
                mapped++;
            }
        }
        return mapped;
    }

    /**
     * How near the headers come to the missing required columns (the sum of the closest similarity per missing field):
     * decides which mapping's message to show when none fits and none maps a column.
     */
    public double closeness() {
        double sum = 0;
        for (CanonicalField field : missingRequired) {
            for (String header : table.headers()) {
                String key = HeaderKey.of(header);
                double best = 0;
                for (String synonym : spec(field).headers()) {
                    best = Math.max(best, dice(key, HeaderKey.ofConfigured(synonym)));
                }
                sum += best;
            }
        }
        return sum;
    }

    /** Higher is a better fit: mapped columns, exact synonyms weighing more; a missing required column disqualifies. */
    public int score() {
        if (!missingRequired.isEmpty()) {
            return -1000 * missingRequired.size();
        }
        int mapped = 0;
        for (int c : columnOf) {
            if (c >= 0) {
                mapped++;
            }
        }
        return mapped * 2 + exactMatches;
    }

    /**
     * Headers that feed no field (reported, not an error). A serial-number column ({@code 序号}) is not among them: it
     * numbers the rows and holds no data, and nearly every county list has one.
     */
    public List<String> unmappedHeaders() {
        Set<Integer> used = new HashSet<>();
        for (int c : columnOf) {
            used.add(c);
        }
        boolean[] serial = FormRows.serialColumns(table.headers());
        List<String> out = new ArrayList<>();
        for (int c = 0; c < table.headers().size(); c++) {
            String h = table.headers().get(c);
            if (!used.contains(c) && h != null && !h.isBlank() && (serial == null || !serial[c])) {
                out.add(h);
            }
        }
        return out;
    }

    /** field name → raw header, for lineage and summaries. */
    public Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        for (CanonicalField f : CanonicalField.values()) {
            if (columnOf[f.ordinal()] >= 0) {
                out.put(f.fieldName(), table.headers().get(columnOf[f.ordinal()]));
            }
        }
        return out;
    }

    /** What was found, what was expected and the closest headers, for the file's failure message. */
    public String describeMissing() {
        StringBuilder sb = new StringBuilder();
        sb.append(table.describe());
        if (table.headerRow() > 0) {
            sb.append(", header taken from row ").append(table.headerRow()).append(" (表头取自第")
                    .append(table.headerRow()).append("行)");
        }
        sb.append(": mapping '").append(config.name()).append("' cannot find required column(s) (缺少必需的列): ");
        for (int i = 0; i < missingRequired.size(); i++) {
            CanonicalField field = missingRequired.get(i);
            MappingConfig.FieldSpec spec = spec(field);
            if (i > 0) {
                sb.append("; ");
            }
            sb.append(field.fieldName()).append(" expected ").append(spec.headers());
            String closest = closest(spec);
            if (closest != null) {
                sb.append(", closest found '").append(closest).append('\'');
            }
        }
        sb.append(". Found headers (文件中的列): ").append(table.headers()).append('.');
        return sb.toString();
    }

    private String closest(MappingConfig.FieldSpec spec) {
        String best = null;
        double bestScore = 0.3;
        for (String header : table.headers()) {
            String key = HeaderKey.of(header);
            for (String synonym : spec.headers()) {
                double s = dice(key, HeaderKey.ofConfigured(synonym));
                if (s > bestScore) {
                    bestScore = s;
                    best = header;
                }
            }
        }
        return best;
    }

    /** Dice coefficient over character bigrams: good enough to point at a misspelt header. */
    static double dice(String a, String b) {
        if (a.length() < 2 || b.length() < 2) {
            return a.equals(b) ? 1 : 0;
        }
        Map<String, Integer> grams = new java.util.HashMap<>();
        for (int i = 0; i + 1 < a.length(); i++) {
            grams.merge(a.substring(i, i + 2), 1, Integer::sum);
        }
        int common = 0;
        for (int i = 0; i + 1 < b.length(); i++) {
            String g = b.substring(i, i + 2);
            Integer n = grams.get(g);
            if (n != null && n > 0) {
                common++;
                grams.put(g, n - 1);
            }
        }
        return 2.0 * common / (a.length() - 1 + b.length() - 1);
    }
}
