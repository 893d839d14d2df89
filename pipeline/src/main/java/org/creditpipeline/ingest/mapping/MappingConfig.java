package org.creditpipeline.ingest.mapping;

import java.util.List;
import java.util.Map;

/**
 * A source mapping as written in {@code job-configs/mappings/NAME.yaml}: which headers feed which canonical field, and
 * how code-list values translate. A new source format needs a new file like this, not code.
 *
 * @param name        the mapping's name (must equal the file name without .yaml)
 * @param title       what the mapping is for, shown in summaries
 * @param kind        the record kind of every row (RecordKind name or Chinese label)
 * @param subjectKind the subject kind when no category column says otherwise (SubjectKind name)
 * @param fields      canonical field name → how to find and read its column
 * @param kindWords   words that name this kind of record (纪律处分, 问责): in a sheet name, a title row or a file name
 *                    they hint at this mapping; in a header they name it, and a hint at another mapping is then ignored
 */
public record MappingConfig(String name, String title, String kind, String subjectKind, Map<String, FieldSpec> fields,
                            List<String> kindWords) {

    public MappingConfig {
        kindWords = kindWords == null ? List.of() : List.copyOf(kindWords);
    }

    public MappingConfig(String name, String title, String kind, String subjectKind, Map<String, FieldSpec> fields) {
        this(name, title, kind, subjectKind, fields, null);
    }

    /**
     * @param headers  exact header synonyms (compared after {@link HeaderKey} normalization)
     * @param keywords alternatives; each is a list of words that must all appear in the normalized header
     * @param exclude  words that disqualify a keyword match (e.g. 处罚机关 for the subject's own code)
     * @param required the file fails when no column maps to this field; the row is rejected when the cell is empty
     * @param values   code-list translation of cell values (e.g. 自然人 → NATURAL_PERSON); unknown values are rejected
     * @param separators for a list field, the characters that separate values in one cell (default {@code ;；、,，/});
     *                 失信情形 takes only commas and semicolons, because 、 occurs inside one ground (妨碍、抗拒执行)
     * @param choices  suggested values for the upload template's drop-down list (not enforced at ingest: 处罚类别,
     *                 证件类型 and the like also take 其他-… and several values per cell)
     * @param hinted   exact header synonyms too generic to tell the kind ({@code 种类}, {@code 决定机关}, {@code 时间}):
     *                 used only when the kind is told otherwise, by the sheet name, a title row or the file name
     *                 ({@link MappingConfig#kindWords}) or by {@code --mapping}
     * @param requiredUnless other fields that may stand in for this one: a row is rejected when this field and every
     *                 one of them are empty (a civil servant's {@code idNumber} unless the {@code workUnit}). Checked
     *                 on the row only: a file without the column is not failed, since its rows may have the others
     * @param requiredFor subject kinds (SubjectKind names) the row-level requirement holds for; empty: every row. With
     *                 it alone the field is required for those subjects only ({@code idNumber} for natural persons),
     *                 and a file without the column is not failed
     */
    public record FieldSpec(List<String> headers, List<List<String>> keywords, List<String> exclude, Boolean required,
                            Map<String, String> values, List<String> choices, String separators, List<String> hinted,
                            List<String> requiredUnless, List<String> requiredFor) {

        public FieldSpec(List<String> headers, List<List<String>> keywords, List<String> exclude, Boolean required,
                         Map<String, String> values, List<String> choices, String separators) {
            this(headers, keywords, exclude, required, values, choices, separators, null, null, null);
        }

        public static final String DEFAULT_SEPARATORS = ";；、,，/";

        public FieldSpec {
            headers = headers == null ? List.of() : List.copyOf(headers);
            keywords = keywords == null ? List.of() : keywords.stream().map(List::copyOf).toList();
            exclude = exclude == null ? List.of() : List.copyOf(exclude);
            // Config order, not Map.copyOf's per-JVM order: messages that list the allowed values must be stable.
            values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
            choices = choices == null ? List.of() : List.copyOf(choices);
            required = required != null && required;
            separators = separators == null || separators.isEmpty() ? DEFAULT_SEPARATORS : separators;
            hinted = hinted == null ? List.of() : List.copyOf(hinted);
            requiredUnless = requiredUnless == null ? List.of() : List.copyOf(requiredUnless);
            requiredFor = requiredFor == null ? List.of() : List.copyOf(requiredFor);
        }

        /**
         * The first header synonym in Chinese (an upload template's column, what a reason calls a column the file
         * lacks); null when every synonym is a code ({@code CF_XDR_MC}).
         */
        public String chineseHeader() {
            return headers.stream().filter(h -> h.codePoints().anyMatch(Character::isIdeographic)).findFirst()
                    .orElse(null);
        }

        /**
         * Whether a row may be rejected for this field being empty under a condition ({@code requiredUnless},
         * {@code requiredFor}), rather than whenever it is empty ({@code required}).
         */
        public boolean conditionallyRequired() {
            return !requiredUnless.isEmpty() || !requiredFor.isEmpty();
        }
    }
}
