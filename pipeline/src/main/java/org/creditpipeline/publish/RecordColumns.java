package org.creditpipeline.publish;

import java.util.List;

import org.creditpipeline.model.RecordKind;
import org.creditpipeline.model.RecordStatus;
import org.creditpipeline.model.SeverityTier;
import org.creditpipeline.model.SubjectKind;

/**
 * The columns of a consolidated record in data files (packages and exports), with the 双公示-style Chinese headers
 * data officers know. {@code key} is the column of {@code consolidated_record}, as it appears in change-log payloads.
 */
public final class RecordColumns {

    public record Column(String key, String header) {
    }

    /** Every canonical column, in the order of the 行政处罚 v2 template where it has one. */
    public static final List<Column> ALL = List.of(
            new Column("id", "记录编号"),
            new Column("record_kind", "记录类别"),
            new Column("subject_name", "行政相对人名称"),
            new Column("subject_kind", "行政相对人类别"),
            new Column("uscc", "统一社会信用代码"),
            new Column("org_code", "组织机构代码"),
            new Column("registration_no", "工商注册号"),
            new Column("legal_representative", "法定代表人"),
            new Column("id_type", "证件类型"),
            new Column("id_number", "证件号码"),
            new Column("work_unit", "工作单位"),
            new Column("work_unit_uscc", "工作单位统一社会信用代码"),
            new Column("position", "职务"),
            new Column("document_number", "行政处罚决定书文号"),
            new Column("violation_type", "违法行为类型"),
            new Column("facts", "违法事实"),
            new Column("legal_basis", "处罚依据"),
            new Column("category", "处罚类别"),
            new Column("content", "处罚内容"),
            new Column("fine_amount", "罚款金额（万元）"),
            new Column("confiscated_amount", "没收违法所得、没收非法财物的金额（万元）"),
            new Column("decision_date", "处罚决定日期"),
            new Column("valid_until", "处罚有效期"),
            new Column("publication_end", "公示截止期"),
            new Column("authority_name", "处罚机关"),
            new Column("authority_uscc", "处罚机关统一社会信用代码"),
            new Column("data_source_unit", "数据来源单位"),
            new Column("data_source_uscc", "数据来源单位统一社会信用代码"),
            new Column("region_code", "地方编码"),
            new Column("severity", "失信严重程度"),
            new Column("sex", "性别"),
            new Column("age", "年龄"),
            new Column("publication_date", "发布时间"),
            new Column("basis_unit", "做出执行依据单位"),
            new Column("performance", "履行情况"),
            new Column("performed_part", "已履行部分"),
            new Column("unperformed_part", "未履行部分"),
            new Column("status", "状态"),
            new Column("status_reason", "状态原因"),
            new Column("status_ref", "状态依据文号"),
            new Column("status_changed_at", "状态变更时间"),
            new Column("version", "版本"));

    /** Columns written as free text, where a person's ID number may stand in a sentence (masked in public files). */
    private static final java.util.Set<String> FREE_TEXT = java.util.Set.of("subject_name", "legal_representative",
            "work_unit", "position", "violation_type", "facts", "legal_basis", "category", "content", "basis_unit",
            "performance", "performed_part", "unperformed_part", "status_reason", "status_ref");

    private RecordColumns() {
    }

    /** Whether a column holds free text rather than a code, number or date. */
    public static boolean isFreeText(String key) {
        return FREE_TEXT.contains(key);
    }

    /** A value as data officers read it: code-list columns (kind, subject kind, tier, status) by their Chinese label. */
    public static String display(String key, String value) {
        if (value == null) {
            return null;
        }
        try {
            return switch (key) {
                case "record_kind" -> RecordKind.valueOf(value).label();
                case "subject_kind" -> SubjectKind.valueOf(value).label();
                case "severity" -> SeverityTier.valueOf(value).label();
                case "status" -> RecordStatus.valueOf(value).label();
                default -> value;
            };
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    /**
     * A cell as a spreadsheet program may read it: text starting with {@code = + - @} (or a tab / carriage return, or
     * the full-width {@code ＝ ＋ － ＠} that Excel with a CJK input method takes for the half-width ones) is prefixed with
     * an apostrophe so it is never evaluated as a formula (CSV injection).
     */
    public static String neutralise(String value) {
        return startsFormula(value) ? "'" + value : value;
    }

    /** Whether a spreadsheet program would take text typed like this for a formula. */
    public static boolean startsFormula(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        char c = value.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'
                || c == '\uFF1D' || c == '\uFF0B' || c == '\uFF0D' || c == '\uFF20';
    }
}
