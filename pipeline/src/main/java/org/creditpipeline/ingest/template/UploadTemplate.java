package org.creditpipeline.ingest.template;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.SheetVisibility;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.creditpipeline.ingest.mapping.CanonicalField;
import org.creditpipeline.ingest.mapping.MappingConfig;
import org.creditpipeline.model.RecordKind;

/**
 * A blank upload template for one mapping: one column per field under the mapping's first Chinese header synonym,
 * identifier columns formatted as text (so Excel never rounds an 18-digit number), dates as yyyy-mm-dd, drop-down lists
 * for code-list columns, and a notes sheet saying what each column means. Fields that only feeds fill (headers without
 * Chinese, e.g. publishDateStamp) are left out.
 */
public final class UploadTemplate {

    /** The notes sheet's name; its first line starts with {@link #NOTES_TITLE} and names the mapping. */
    public static final String NOTES_SHEET = "填写说明";
    private static final String NOTES_TITLE = "模板：";
    private static final String NOTES_MAPPING = "（数据映射 ";

    /** Rows prepared with formats and drop-downs below the header. */
    static final int PREPARED_ROWS = 2000;

    /** What a column means, for the notes sheet. */
    private static final Map<CanonicalField, String> MEANING = new LinkedHashMap<>();

    static {
        MEANING.put(CanonicalField.SUBJECT_NAME, "被处罚/被处分/被执行的单位全称或个人姓名");
        MEANING.put(CanonicalField.SUBJECT_CATEGORY, "主体类别，从下拉列表选择");
        MEANING.put(CanonicalField.USCC, "18位统一社会信用代码；没有时可留空（不要填写 00000000000000000X 以外的占位符）");
        MEANING.put(CanonicalField.REGISTRATION_NO, "工商注册号（旧）");
        MEANING.put(CanonicalField.ORG_CODE, "9位组织机构代码，可带连字符，如 12345678-9");
        MEANING.put(CanonicalField.TAX_NO, "税务登记号");
        MEANING.put(CanonicalField.INSTITUTION_CERT_NO, "事业单位证书号");
        MEANING.put(CanonicalField.SOCIAL_ORG_NO, "社会组织登记证号");
        MEANING.put(CanonicalField.LEGAL_REPRESENTATIVE, "法定代表人或负责人姓名");
        MEANING.put(CanonicalField.LEGAL_REP_ID_TYPE, "法定代表人证件类型，从下拉列表选择");
        MEANING.put(CanonicalField.LEGAL_REP_ID_NUMBER, "法定代表人证件号码");
        MEANING.put(CanonicalField.ID_TYPE, "自然人的证件类型，从下拉列表选择");
        MEANING.put(CanonicalField.ID_NUMBER, "证件号码；身份证为18位，末位可为X");
        MEANING.put(CanonicalField.PARTY_ID, "自然人填身份证号码，单位填统一社会信用代码或组织机构代码");
        MEANING.put(CanonicalField.SEX, "男 或 女");
        MEANING.put(CanonicalField.AGE, "年龄（整数）");
        MEANING.put(CanonicalField.WORK_UNIT, "当事人的工作单位");
        MEANING.put(CanonicalField.POSITION, "当事人的职务");
        MEANING.put(CanonicalField.DOCUMENT_NUMBER, "决定书文号或案号，按原文填写，如 X市监罚〔2026〕12号；一行只填一个文号，合并作出的多份决定请分行填写");
        MEANING.put(CanonicalField.VIOLATION_TYPE, "违法行为类型");
        MEANING.put(CanonicalField.FACTS, "违法（违纪）事实或事由");
        MEANING.put(CanonicalField.LEGAL_BASIS, "处罚（处分、问责）依据，或执行依据文号");
        MEANING.put(CanonicalField.CATEGORY, "类别；可从下拉列表选择，多个类别用“；”分隔，其他类别写作“其他-类别名称”");
        MEANING.put(CanonicalField.CONTENT, "处罚内容（金额以元计的原文）或生效法律文书确定的义务");
        MEANING.put(CanonicalField.FINE_AMOUNT, "罚款金额，单位万元，如 2000 元填 0.2");
        MEANING.put(CanonicalField.CONFISCATED_AMOUNT, "没收违法所得、没收非法财物的金额，单位万元");
        MEANING.put(CanonicalField.DECISION_DATE, "决定日期（立案时间），格式 yyyy-mm-dd，如 2026-11-02");
        MEANING.put(CanonicalField.VALID_UNTIL, "有效期，格式 yyyy-mm-dd；长期有效填“长期”");
        MEANING.put(CanonicalField.PUBLICATION_END, "公示截止期，格式 yyyy-mm-dd，不得早于决定日期");
        MEANING.put(CanonicalField.PUBLICATION_DATE, "发布日期，格式 yyyy-mm-dd");
        MEANING.put(CanonicalField.AUTHORITY_NAME, "作出决定的机关（法院）全称");
        MEANING.put(CanonicalField.AUTHORITY_USCC, "作出决定的机关的统一社会信用代码（11 开头为机关，12 开头为事业单位）");
        MEANING.put(CanonicalField.SEVERITY, "失信严重程度，从下拉列表选择");
        MEANING.put(CanonicalField.REGION_CODE, "6位行政区划代码（地方编码），如 520102");
        MEANING.put(CanonicalField.DATA_SOURCE_UNIT, "报送数据的单位");
        MEANING.put(CanonicalField.DATA_SOURCE_USCC, "报送数据的单位的统一社会信用代码");
        MEANING.put(CanonicalField.PERFORMANCE, "履行情况，如 全部未履行、部分未履行");
        MEANING.put(CanonicalField.PERFORMED_PART, "已履行部分");
        MEANING.put(CanonicalField.UNPERFORMED_PART, "未履行部分");
        MEANING.put(CanonicalField.BASIS_UNIT, "做出执行依据的单位");
        MEANING.put(CanonicalField.AREA_NAME, "省份");
        MEANING.put(CanonicalField.REMARKS, "备注");
    }

    /** One template column. */
    record Column(CanonicalField field, String header, MappingConfig.FieldSpec spec, List<String> choices) {
    }

    private UploadTemplate() {
    }

    /** The template's columns in the mapping's field order. */
    static List<Column> columns(MappingConfig config) {
        List<Column> out = new ArrayList<>();
        config.fields().forEach((name, spec) -> {
            CanonicalField field = CanonicalField.byName(name);
            String header = spec.chineseHeader();
            if (header == null || !field.inUploadTemplate()) {
                return;
            }
            if (field == CanonicalField.PARTY_ID && config.fields().containsKey(CanonicalField.USCC.fieldName())
                    && config.fields().containsKey(CanonicalField.ID_NUMBER.fieldName())) {
                return; // the shared code-or-ID column is read from county sheets; the template asks for each apart
            }
            List<String> choices = !spec.choices().isEmpty() ? spec.choices()
                    : spec.values().keySet().stream().filter(UploadTemplate::hasChinese).toList();
            out.add(new Column(field, header, spec, choices));
        });
        return out;
    }

    public static Path write(MappingConfig config, Path out) throws IOException {
        List<Column> columns = columns(config);
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            String kind = RecordKind.fromText(config.kind()).label();
            Sheet data = book.createSheet(kind);
            Sheet lists = book.createSheet("代码表");
            Sheet notes = book.createSheet(NOTES_SHEET);

            CellStyle text = book.createCellStyle();
            text.setDataFormat(book.createDataFormat().getFormat("@"));
            CellStyle date = book.createCellStyle();
            date.setDataFormat(book.createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle amount = book.createCellStyle();
            amount.setDataFormat(book.createDataFormat().getFormat("0.0000##"));
            Font bold = book.createFont();
            bold.setBold(true);
            CellStyle header = book.createCellStyle();
            header.setFont(bold);
            header.setFillForegroundColor(IndexedColors.LIGHT_YELLOW.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            header.setDataFormat(book.createDataFormat().getFormat("@"));
            CellStyle requiredHeader = book.createCellStyle();
            requiredHeader.cloneStyleFrom(header);
            requiredHeader.setFillForegroundColor(IndexedColors.LIGHT_ORANGE.getIndex());

            Row head = data.createRow(0);
            DataValidationHelper dv = data.getDataValidationHelper();
            int listColumn = 0;
            for (int c = 0; c < columns.size(); c++) {
                Column col = columns.get(c);
                var cell = head.createCell(c);
                cell.setCellValue(col.header());
                cell.setCellStyle(Boolean.TRUE.equals(col.spec().required()) ? requiredHeader : header);
                data.setColumnWidth(c, Math.max(12, Math.min(40, col.header().length() * 2 + 4)) * 256);
                CellStyle style = switch (col.field().type()) {
                    case USCC, ORG_CODE, IDENTIFIER_TEXT, PERSON_ID, PARTY_ID, DOCUMENT_NUMBER, REGION, CODE, LIST,
                         SEX -> text;
                    case DATE, VALIDITY_DATE -> date;
                    case AMOUNT -> amount;
                    default -> null;
                };
                if (style != null) {
                    data.setDefaultColumnStyle(c, style);
                }
                if (!col.choices().isEmpty() || col.field().type() == CanonicalField.Type.SEX) {
                    List<String> choices = col.field().type() == CanonicalField.Type.SEX ? List.of("男", "女")
                            : col.choices();
                    for (int i = 0; i < choices.size(); i++) {
                        Row r = lists.getRow(i + 1) == null ? lists.createRow(i + 1) : lists.getRow(i + 1);
                        r.createCell(listColumn).setCellValue(choices.get(i));
                    }
                    Row r0 = lists.getRow(0) == null ? lists.createRow(0) : lists.getRow(0);
                    r0.createCell(listColumn).setCellValue(col.header());
                    String letter = org.apache.poi.ss.util.CellReference.convertNumToColString(listColumn);
                    String range = "'代码表'!$" + letter + "$2:$" + letter + "$" + (choices.size() + 1);
                    DataValidation validation = dv.createValidation(dv.createFormulaListConstraint(range),
                            new CellRangeAddressList(1, PREPARED_ROWS, c, c));
                    // Categories take several values and 其他-…: suggest, do not forbid.
                    boolean strict = col.field().type() == CanonicalField.Type.CODE
                            || col.field().type() == CanonicalField.Type.SEX;
                    validation.setErrorStyle(strict ? DataValidation.ErrorStyle.STOP : DataValidation.ErrorStyle.INFO);
                    validation.setShowErrorBox(true);
                    validation.createErrorBox("取值不在列表中", strict ? "请从下拉列表中选择" : "列表外的取值请写作“其他-…”");
                    data.addValidationData(validation);
                    listColumn++;
                }
            }
            data.createFreezePane(0, 1);
            book.setSheetVisibility(book.getSheetIndex(lists), SheetVisibility.HIDDEN);

            writeNotes(book, notes, config, columns, bold);
            book.setActiveSheet(0);
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream os = Files.newOutputStream(out)) {
                book.write(os);
            }
        }
        return out;
    }

    /**
     * Whether a sheet is this template's own notes sheet, left in the workbook an officer filled in and sent back: named
     * {@link #NOTES_SHEET}, its first line the template's title. Readers pass it by without a word (it is no data table).
     */
    public static boolean isNotesSheet(String sheetName, List<String> firstLine) {
        if (!NOTES_SHEET.equals(sheetName == null ? null : sheetName.strip())) {
            return false;
        }
        String first = firstLine.stream().filter(c -> c != null && !c.isBlank()).findFirst().orElse("").strip();
        return first.startsWith(NOTES_TITLE) && first.contains(NOTES_MAPPING);
    }

    private static void writeNotes(XSSFWorkbook book, Sheet notes, MappingConfig config, List<Column> columns, Font bold) {
        CellStyle head = book.createCellStyle();
        head.setFont(bold);
        CellStyle wrap = book.createCellStyle();
        wrap.setWrapText(true);
        int r = 0;
        String[] general = {
            NOTES_TITLE + (config.title() == null ? config.name() : config.title()) + NOTES_MAPPING + config.name() + "）",
            "第一行为表头，请勿修改列名；数据从第二行开始填写，每行一条记录。表头上方可以有标题行。",
            "橙色表头为必填列；必填列为空的行会被拒绝，并在错误报告中说明原因。",
            "证件号码、统一社会信用代码、组织机构代码、文号等列已设为“文本”格式：请勿改为数值，否则18位号码会被Excel四舍五入而无法使用。",
            "日期请填写为 yyyy-mm-dd（如 2026-11-02）；Excel日期格式的单元格也可以。",
            "金额单位为万元（例如罚款2000元填 0.2）；处罚内容中的原文金额以元计。",
            "带下拉列表的列请从列表中选择；类别列可填多个，用“；”分隔。",
            "隐藏的工作表不会被导入。"};
        for (String line : general) {
            notes.createRow(r++).createCell(0).setCellValue(line);
        }
        r++;
        Row h = notes.createRow(r++);
        String[] titles = {"列名", "含义", "是否必填", "格式", "可选值"};
        for (int i = 0; i < titles.length; i++) {
            var cell = h.createCell(i);
            cell.setCellValue(titles[i]);
            cell.setCellStyle(head);
        }
        for (Column col : columns) {
            Row row = notes.createRow(r++);
            row.createCell(0).setCellValue(col.header());
            var meaning = row.createCell(1);
            meaning.setCellValue(MEANING.getOrDefault(col.field(), col.header()));
            meaning.setCellStyle(wrap);
            row.createCell(2).setCellValue(requirement(config, col));
            row.createCell(3).setCellValue(switch (col.field().type()) {
                case DATE, VALIDITY_DATE -> "日期 yyyy-mm-dd";
                case AMOUNT -> "数字，单位万元";
                case INTEGER -> "整数";
                case USCC, ORG_CODE, IDENTIFIER_TEXT, PERSON_ID, PARTY_ID, DOCUMENT_NUMBER, REGION -> "文本";
                default -> "文本";
            });
            row.createCell(4).setCellValue(col.field().type() == CanonicalField.Type.SEX ? "男、女"
                    : String.join("、", col.choices()));
        }
        notes.setColumnWidth(0, 36 * 256);
        notes.setColumnWidth(1, 70 * 256);
        notes.setColumnWidth(2, 10 * 256);
        notes.setColumnWidth(3, 18 * 256);
        notes.setColumnWidth(4, 60 * 256);
    }

    /**
     * 必填, 选填, or the condition a row must meet: {@code 身份证号码、工作单位至少填一项（公务员、自然人）} on the field
     * that states it ({@code requiredUnless}, {@code requiredFor}) and on the fields that may stand in for it.
     */
    static String requirement(MappingConfig config, Column col) {
        if (Boolean.TRUE.equals(col.spec().required())) {
            return "必填";
        }
        for (Map.Entry<String, MappingConfig.FieldSpec> e : config.fields().entrySet()) {
            MappingConfig.FieldSpec spec = e.getValue();
            if (!spec.conditionallyRequired() || !(e.getKey().equals(col.field().fieldName())
                    || spec.requiredUnless().contains(col.field().fieldName()))) {
                continue;
            }
            List<String> names = new ArrayList<>();
            names.add(chineseHeader(spec, e.getKey()));
            spec.requiredUnless().forEach(other -> names.add(chineseHeader(config.fields().get(other), other)));
            String who = spec.requiredFor().isEmpty() ? "" : "（" + String.join("、", spec.requiredFor().stream()
                    .map(k -> org.creditpipeline.model.SubjectKind.valueOf(k).label()).toList()) + "）";
            return names.size() == 1 ? "必填" + who : String.join("、", names) + "至少填一项" + who;
        }
        return "选填";
    }

    private static String chineseHeader(MappingConfig.FieldSpec spec, String field) {
        return spec.chineseHeader() != null ? spec.chineseHeader() : field;
    }

    static boolean hasChinese(String s) {
        return s.codePoints().anyMatch(Character::isIdeographic);
    }

    static int maxRows() {
        return SpreadsheetVersion.EXCEL2007.getMaxRows();
    }
}
