package org.creditpipeline.normalize;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one column county 纪律处分 and 问责 lists give a civil servant's post in: 工作单位及职务, {@code 南明区财政局党组书记、局长}.
 * Split into the unit ({@code 南明区财政局}) and the position ({@code 党组书记、局长}) by the titles of the civil service
 * read from the end, so that the unit compares with a 工作单位 column of another upload: without an ID number, name and
 * unit are what tell a person from a namesake (DOMAIN.md §10). Plain function, no guessing beyond the list: a cell
 * that does not end in a known title is all unit.
 */
public final class WorkUnitPosition {

    /** What the cell holds: either part may be null (a cell that is only a title, or only a unit). */
    public record Parts(String unit, String position) {
        static final Parts NONE = new Parts(null, null);
    }

    /**
     * A title at the end of the text: 原 (former), a party body (党组, 党委, 党支部 …), 常务/专职, 副, a grade (一级 …
     * 四级), then the title itself. Longer titles first (主任科员 before 主任, 大队长 before 队长).
     */
    private static final Pattern TITLE_AT_END = Pattern.compile(
            "(?:原|时任|曾任)?(?:党组|党委|党工委|党总支|党支部|支部|总支|纪检组|纪工委|监察室)?(?:常务|专职|执行)?副?"
                    + "(?:一级|二级|三级|四级)?"
                    + "(?:主任科员|主任医师|主治医师|主任|书记|局长|处长|科长|股长|所长|站长|大队长|中队长|队长|院长|校长|园长"
                    + "|主席|部长|厅长|县长|区长|市长|州长|镇长|乡长|村长|社长|馆长|行长|秘书长|理事长|董事长|总经理|经理"
                    + "|调研员|巡视员|科员|办事员|干部|工作人员|职工|职员|会计|出纳|委员|组长|主管|专干|专员|助理|文书"
                    + "|审判员|检察员|监察员|民警|辅警|协警|网格员|执法队员|队员|教师|医生|护士|驾驶员|司机|负责人)$");

    /** Separators officers put between the unit and the post, or between two posts. */
    private static final Pattern SEPARATORS_AT_END = Pattern.compile("[\\s、,，;；/／\\\\|兼]+$");

    /** The post written in brackets after the unit: 南明区财政局（局长）. */
    private static final Pattern BRACKETED = Pattern.compile("^(.+?)[（(]([^（）()]+)[)）]$");

    private WorkUnitPosition() {
    }

    /** The unit and position of one cell (cleaned text, {@link Text#clean}); null parts for null or blank input. */
    public static Parts split(String cell) {
        if (cell == null || cell.isBlank()) {
            return Parts.NONE;
        }
        String value = cell.strip();
        Matcher bracket = BRACKETED.matcher(value);
        if (bracket.matches() && titlesOnly(bracket.group(2).strip())) {
            return new Parts(unitOrNull(bracket.group(1)), bracket.group(2).strip());
        }
        int end = value.length();
        int cut = end;
        String rest = value;
        while (true) {
            Matcher title = TITLE_AT_END.matcher(rest);
            if (!title.find()) {
                break;
            }
            cut = title.start();
            rest = rest.substring(0, cut);
            Matcher separators = SEPARATORS_AT_END.matcher(rest);
            if (separators.find()) {
                rest = rest.substring(0, separators.start());
            }
        }
        if (cut == end) {
            return new Parts(value, null);
        }
        String position = value.substring(cut).strip();
        return new Parts(unitOrNull(value.substring(0, cut)), position);
    }

    private static boolean titlesOnly(String text) {
        Parts parts = split(text);
        return parts.unit() == null && parts.position() != null;
    }

    private static String unitOrNull(String text) {
        String unit = SEPARATORS_AT_END.matcher(text.strip()).replaceFirst("").strip();
        return unit.isEmpty() ? null : unit;
    }
}
