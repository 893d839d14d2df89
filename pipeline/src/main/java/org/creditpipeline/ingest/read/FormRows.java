package org.creditpipeline.ingest.read;

import java.text.Normalizer;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The form furniture of a government spreadsheet around its table: label cells such as {@code 填报单位（盖章）：某局}
 * or {@code 填报日期：} above the header, and signature or total lines ({@code 填表人：张三}, {@code 审核人：},
 * {@code 合计  共3条}) below the data. Deliberately narrow: a data row that merely mentions these words is data.
 */
public final class FormRows {

    /** A short label followed by a colon, with or without a value: {@code 填报人：张三}, {@code 联系电话:}. */
    private static final Pattern LABEL = Pattern.compile("^[^:：\\d]{1,12}[:：].*", Pattern.DOTALL);
    /**
     * The labels that end a filled-in form, alone or with {@code ：value}: signatures ({@code 经办人}, {@code 分管领导},
     * {@code 主要负责人（签字）}), the reporting unit and date written under the table ({@code 填报单位（盖章）：},
     * {@code 制表日期：}) and totals.
     */
    private static final Pattern FOOTER = Pattern.compile("^(单位)?(填表人|填报人|审核人|负责人|制表人|联系电话|合计|总计|小计|共计|汇总"
            + "|填报单位|填报日期|填表日期|报送单位|报送日期|制表单位|制表日期|经办人|联系人|分管领导|主要领导|主要负责人|审批人|复核人"
            + "|统计人|签发人)\\s*(\\((盖章|签字|签名|公章)\\)|签字|签名|盖章)?\\s*([:：].*)?$", Pattern.DOTALL);
    /** The first cell of a total line: 合计, 合计：, or with its count in the same cell (合计：3条, 合计 共3条). */
    private static final Pattern TOTAL = Pattern.compile("^(合计|总计|小计|共计|汇总)\\s*[:：]?\\s*(共?\\s*[\\d,]+\\s*(条|件|项|户|人|家|宗|起))?$");
    /** What follows 合计 on a total line: numbers or counts such as {@code 共3条}, {@code 12.5万元}. */
    private static final Pattern TOTAL_VALUE = Pattern.compile("^共?\\s*-?[\\d,]+(\\.\\d+)?\\s*(条|件|项|户|人|家|元|万元)?$");
    /** A count standing alone as the table's last line: {@code 共计2条}, {@code 合计：3件}. */
    private static final Pattern TOTAL_COUNT = Pattern.compile("^(合计|总计|小计|共计|汇总|共)\\s*[:：]?\\s*[\\d,]+\\s*(条|件|项|户|人|家|宗|起)$");
    /**
     * A note written under the table in a cell of its own: {@code 注：1.本表由…}, {@code 注1：…}, {@code 说明：…},
     * {@code 填表说明：…}.
     */
    /** A page mark that paged system exports leave between their pages: 第1页 共3页, 第 2 页/共 3 页, 共3页第1页. */
    private static final Pattern PAGE = Pattern.compile("^(第\\s*\\d+\\s*页\\s*[,，/、]?\\s*(共\\s*\\d+\\s*页)?"
            + "|共\\s*\\d+\\s*页\\s*[,，/、]?\\s*第\\s*\\d+\\s*页)$");
    private static final Pattern NOTE = Pattern.compile("^(注|注释|附注|说明|备注|填表说明|填报说明)\\s*(\\d+\\s*)?[:：.、].*",
            Pattern.DOTALL);

    private static final Pattern INNER_SPACE = Pattern.compile("\\s+");
    private static final String FOOTER_FIRST_CHARS = "单填审负制联合总小共报经分主复统签注附说备汇第";

    /** A cell that is only an example marker, brackets and colon aside: 示例, 填写示例, （示例）, 例：. */
    private static final java.util.Set<String> EXAMPLE_MARKERS = java.util.Set.of("示例", "填写示例", "填报示例", "样例",
            "范例", "举例", "例", "例子", "示例行", "模板示例", "示例数据", "此行为示例");
    private static final Pattern EXAMPLE_DECORATION = Pattern.compile("[()（）【】\\[\\]:：\\s*]");
    /** What an example cell starts with before its sample value: 例：某某公司, （示例）贵阳市…, 【示例】. */
    private static final String[] EXAMPLE_PREFIXES = {"例:", "示例:", "(示例)", "【示例】", "[示例]", "(例)", "【例】", "样例:"};

    private FormRows() {
    }

    /** True for a form label cell ({@code X：value} or {@code X:}): a form field, not a column header. */
    public static boolean isLabel(String cell) {
        return cell != null && LABEL.matcher(normalize(cell)).matches();
    }

    /**
     * True for a signature or total line: every non-empty cell is a footer label ({@code 填表人：张三},
     * {@code 审核人}, {@code 填报日期：2026年11月30日}), or the first is {@code 合计}/{@code 小计}/{@code 总计} and the
     * others are numbers or counts; also a count alone ({@code 共计2条}), a note in a cell of its own
     * ({@code 注：本表由…}) or the page mark of a paged export ({@code 第1页 共3页}).
     */
    public static boolean isFooter(List<String> cells) {
        if (!mayStartFooter(cells)) {
            return false; // the common case, decided without normalizing: this runs for every data row
        }
        boolean any = false;
        boolean total = false;
        boolean onlyLabels = true;
        boolean totalShape = true;
        String only = null;
        int count = 0;
        for (String raw : cells) {
            if (raw == null || raw.isBlank()) {
                continue;
            }
            // 合　计 and 小  计 are spaced out to fill the cell
            String cell = normalize(raw);
            String label = cell.length() <= 12 ? INNER_SPACE.matcher(cell).replaceAll("") : cell;
            if (!any) {
                total = TOTAL.matcher(label).matches();
                only = cell;
            } else if (!TOTAL_VALUE.matcher(cell).matches()) {
                totalShape = false;
            }
            any = true;
            count++;
            if (!FOOTER.matcher(label).matches()) {
                onlyLabels = false;
            }
        }
        if (count == 1 && (TOTAL_COUNT.matcher(only).matches() || NOTE.matcher(only).matches()
                || PAGE.matcher(only).matches())) {
            return true;
        }
        return any && (onlyLabels || (total && totalShape));
    }

    /**
     * Whether the first non-empty cell starts with the first character of a footer label: the cheap test to make before
     * building a row's cell list for {@link #isFooter} (a CSV record's list is a copy).
     */
    public static boolean mayStartFooter(Iterable<String> cells) {
        for (String cell : cells) {
            if (cell == null || cell.isBlank()) {
                continue;
            }
            char first = cell.strip().charAt(0);
            return FOOTER_FIRST_CHARS.indexOf(first) >= 0;
        }
        return false;
    }

    /**
     * True for a template's example row: some cell marks it ({@code 示例}, {@code 填写示例}, {@code 例：某某有限公司},
     * {@code （示例）贵阳市…}, {@code 示例行，请删除}). Readers ask only about the rows between the header and the first
     * data row, where templates put their examples; a real record never carries such a cell there.
     */
    public static boolean isExample(List<String> cells) {
        for (String raw : cells) {
            if (raw == null || raw.isBlank() || (raw.indexOf('例') < 0 && raw.indexOf('样') < 0)) {
                continue;
            }
            String cell = normalize(raw);
            String bare = EXAMPLE_DECORATION.matcher(cell).replaceAll("");
            if (EXAMPLE_MARKERS.contains(bare)) {
                return true;
            }
            for (String prefix : EXAMPLE_PREFIXES) {
                if (cell.startsWith(prefix)) {
                    return true;
                }
            }
            if (cell.contains("示例") && cell.contains("删除")) {
                return true; // 示例行，请删除 / 此行为示例，导入前删除
            }
        }
        return false;
    }

    /** Headers of a serial-number column, which templates number in advance down rows nobody fills. */
    private static final java.util.Set<String> SERIAL_HEADERS = java.util.Set.of("序号", "序", "顺序号", "行号", "NO", "NO.");
    /** Around a serial header: spaces, a required mark, a bracketed note ({@code *序号}, {@code 序号（必填）}). */
    private static final Pattern SERIAL_HEADER_DECORATION = Pattern.compile("\\s|^\\*|\\*$|\\(.*\\)$");
    private static final Pattern SERIAL = Pattern.compile("^\\d{1,7}(\\.0)?$");

    /**
     * The serial-number columns ({@code 序号}) among a table's headers, or null when it has none: the columns whose
     * values {@link #isSerialOnly} ignores.
     */
    public static boolean[] serialColumns(List<String> headers) {
        boolean[] serial = new boolean[headers.size()];
        boolean any = false;
        for (int i = 0; i < headers.size(); i++) {
            String header = headers.get(i);
            if (header != null && SERIAL_HEADERS.contains(
                    SERIAL_HEADER_DECORATION.matcher(normalize(header)).replaceAll("").toUpperCase())) {
                serial[i] = any = true;
            }
        }
        return any ? serial : null;
    }

    /** What a lookup formula shows in a row nobody filled ({@code =VLOOKUP(G9,代码表!A:B,2,0)} → #N/A). */
    private static final java.util.Set<String> LOOKUP_ERRORS = java.util.Set.of("#N/A", "#VALUE!", "#REF!", "#NAME?",
            "#DIV/0!");

    /**
     * True for a template row nobody filled: its only values are numbers in the serial-number columns (templates number
     * 序号 down to row 100 in advance, by hand or with {@code =ROW()-2}) and the error values lookup formulas give on
     * an empty row ({@code #N/A}). Such a row is not a record with everything missing, it is an empty line of the form.
     */
    public static boolean isSerialOnly(Iterable<String> cells, boolean[] serialColumns) {
        boolean any = false;
        int i = -1;
        for (String cell : cells) {
            i++;
            if (cell == null || org.creditpipeline.normalize.Text.isBlankText(cell)) {
                continue;
            }
            if (LOOKUP_ERRORS.contains(cell.strip())) {
                any = true;
                continue;
            }
            if (serialColumns == null || i >= serialColumns.length || !serialColumns[i] || !SERIAL.matcher(cell.strip()).matches()) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /** How a template's fill-in note under a header starts: 必填, 选填, 填写全称, 请选择, 格式：yyyy-mm-dd … */
    private static final Pattern NOTE_CELL = Pattern.compile("^[(\\[【*]*(必填|选填|非必填|可选|可不填|可空|不必填|条件必填|"
            + "填写|请填写|请选择|请输入|下拉选择|从下拉|格式|日期格式|例如|如:|文本格式|数字格式|法人必填|自然人必填|单位必填|"
            + "个人必填|.{0,6}必填).*", Pattern.DOTALL);

    /**
     * True for the row of fill-in notes templates put under the header ({@code 必填}, {@code 必填，下拉选择},
     * {@code 选填}, {@code 格式：yyyy-mm-dd}): at least two of its non-empty cells, and at least half, are such notes.
     * Readers ask only about the rows between the header and the first data row.
     */
    public static boolean isInstructions(List<String> cells) {
        int filled = 0;
        int notes = 0;
        for (String raw : cells) {
            if (raw == null || raw.isBlank()) {
                continue;
            }
            filled++;
            if (raw.length() <= 40 && NOTE_CELL.matcher(normalize(raw)).matches()) {
                notes++;
            }
        }
        return notes >= 2 && 2 * notes >= filled;
    }

    /** A section heading inside a table: 一、市场监管局, （二）交通运输局, 第三部分 … */
    private static final Pattern SECTION = Pattern.compile(
            "^(([一二三四五六七八九十]{1,3})\\s*[、.]|\\(\\s*[一二三四五六七八九十]{1,3}\\s*\\)|第[一二三四五六七八九十]{1,3}(部分|类|批))\\s*\\S.*",
            Pattern.DOTALL);

    /**
     * True for a section heading between the records of a consolidated table ({@code 一、市场监督管理局（2条）},
     * {@code （二）交通运输局}): one non-empty cell, numbered with a Chinese ordinal. A record always fills more than one
     * cell.
     */
    public static boolean isSectionHeading(List<String> cells) {
        String only = null;
        for (String cell : cells) {
            if (cell == null || cell.isBlank()) {
                continue;
            }
            if (only != null) {
                return false;
            }
            only = cell;
        }
        return only != null && only.length() <= 60 && SECTION.matcher(normalize(only)).matches();
    }

    /** A form numbers all its columns; a short row of small numbers is more likely data of a narrow table. */
    private static final int MIN_NUMBERED_COLUMNS = 5;

    /**
     * True for the column-number line official forms put under the header ({@code 1 2 3 …}, {@code (1) (2) (3) …},
     * optionally after a {@code 栏次} label): every other non-empty cell is a column number, at least five, counting up
     * by one from 1 or 2. No record of a credit file looks like that (it would need a name).
     */
    public static boolean isColumnNumbering(List<String> cells) {
        if (cells.size() < MIN_NUMBERED_COLUMNS) {
            return false;
        }
        int previous = -1;
        int numbers = 0;
        boolean first = true;
        for (String raw : cells) {
            if (raw == null || raw.isBlank()) {
                continue;
            }
            String cell = normalize(raw);
            if (first && (cell.equals("栏次") || cell.equals("列次") || cell.equals("栏号") || cell.equals("列号"))) {
                first = false;
                continue;
            }
            first = false;
            if (cell.length() > 2 && (cell.charAt(0) == '(' && cell.charAt(cell.length() - 1) == ')')) {
                cell = cell.substring(1, cell.length() - 1);
            }
            if (cell.endsWith(".0")) {
                cell = cell.substring(0, cell.length() - 2); // a number cell read as 1.0
            }
            if (cell.isEmpty() || cell.length() > 3 || !cell.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return false;
            }
            int n = Integer.parseInt(cell);
            if (previous < 0 ? n > 2 : n != previous + 1) {
                return false;
            }
            previous = n;
            numbers++;
        }
        return numbers >= MIN_NUMBERED_COLUMNS;
    }

    private static String normalize(String cell) {
        return Normalizer.normalize(cell, Normalizer.Form.NFKC).strip();
    }
}
