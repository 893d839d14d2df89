package org.creditpipeline.consolidate;

import java.util.ArrayList;
import java.util.List;

import org.creditpipeline.normalize.ChineseScript;
import org.creditpipeline.normalize.Text;

/**
 * Subject names for matching (DOMAIN.md §10): one canonical key applied to both sides, never stored as the name.
 * {@link #canonical} folds width, brackets, spaces, case, traditional → simplified characters, {@code 有限责任公司} →
 * {@code 有限公司} and a place name's {@code 省}/{@code 市} ({@code 淮安市华信…} = {@code 淮安华信…}), while
 * {@code 股份有限公司}, {@code 集团有限公司} and {@code 分公司} stay as they are: they name different legal persons.
 */
public final class SubjectNames {

    /** Legal forms, longest first so 股份有限公司 is not read as 有限公司. */
    private static final String[] LEGAL_FORMS = {"股份有限公司", "集团有限公司", "有限公司", "合伙企业(有限合伙)",
        "合伙企业(普通合伙)", "合伙企业", "个人独资企业", "股份合作公司", "有限合伙", "公司"};

    /** Words that make an establishment of its own, never its head office. */
    private static final String[] BRANCH_WORDS = {"分公司", "分店", "分厂", "分行", "支行", "分部", "分中心", "营业部",
        "办事处"};

    private SubjectNames() {
    }

    /** The canonical comparison key of a subject name; null for null or blank. */
    public static String canonical(String name) {
        String k = Text.key(name);
        if (k == null || k.isEmpty()) {
            return null;
        }
        k = ChineseScript.toSimplified(k);
        if (k.contains("有限责任公司")) {
            k = k.replace("有限责任公司", "有限公司");
        }
        return dropPlaceSuffix(k);
    }

    /**
     * Drops the 省 or 市 closing a leading place name of two or three characters (淮安市华信 → 淮安华信,
     * 黑龙江省… → 黑龙江…). Both sides get the same treatment, so a rare real 市 at that spot costs nothing.
     */
    private static String dropPlaceSuffix(String k) {
        for (int at = 2; at <= 3 && at < k.length() - 1; at++) {
            char c = k.charAt(at);
            if ((c == '市' || c == '省') && allHan(k, at)) {
                return k.substring(0, at) + k.substring(at + 1);
            }
        }
        return k;
    }

    private static boolean allHan(String s, int end) {
        for (int i = 0; i < end; i++) {
            if (Character.UnicodeScript.of(s.charAt(i)) != Character.UnicodeScript.HAN) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when two canonical work units name one unit: equal, or one is the other with only place names in front
     * ({@code 南明区财政局} / {@code 贵阳南明区财政局} / {@code 贵州贵阳市南明区财政局}, the canonical forms of 南明区财政局,
     * 贵阳市南明区财政局 and 贵州省贵阳市南明区财政局). The shorter must name a place of its own: {@code 财政局} alone is
     * every county's, so it agrees with no {@code 南明区财政局}; {@code 南明区财政局} and {@code 云岩区财政局} never agree.
     */
    public static boolean sameUnit(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        if (a.equals(b)) {
            return true;
        }
        String longer = a.length() >= b.length() ? a : b;
        String shorter = longer == a ? b : a;
        for (String form : unitForms(shorter)) {
            if (longer.length() > form.length() && longer.endsWith(form) && placeAt(form, 0) > 0
                    && placesOnly(longer.substring(0, longer.length() - form.length()), 0)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The unit as canonical, and with the 省/市 that {@link #canonical} drops after a leading place of two or three
     * characters put back ({@code 贵阳财政局} → {@code 贵阳市财政局}), so it is found inside a longer unit that keeps it
     * ({@code 贵州贵阳市财政局}).
     */
    private static List<String> unitForms(String unit) {
        List<String> forms = new ArrayList<>(5);
        forms.add(unit);
        for (int at = 2; at <= 3 && at < unit.length() - 1; at++) {
            if (allHan(unit, at)) {
                forms.add(unit.substring(0, at) + '市' + unit.substring(at));
                forms.add(unit.substring(0, at) + '省' + unit.substring(at));
            }
        }
        return forms;
    }

    /**
     * True when {@code s} from {@code from} on is place names only: each ends in 省, 市, 区 (after at least two
     * characters: 城市, 社区 are words), or 县, 州, 旗, 盟 (after one: 沛县, 杭州); the first may also stand bare, two or
     * three characters whose 省/市 {@link #canonical} dropped ({@code 贵阳}).
     */
    static boolean placesOnly(String s, int from) {
        if (from == s.length()) {
            return true;
        }
        for (int end = from + 2; end <= s.length() && end <= from + PLACE_MAX; end++) {
            if (closesPlace(s, from, end) && placesOnly(s, end)) {
                return true;
            }
        }
        if (from == 0) {
            for (int bare = 2; bare <= 3 && bare <= s.length(); bare++) {
                if (allHan(s, bare) && !s.startsWith("中共") && placesOnly(s, bare)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The end of the place name {@code s} starts with at {@code from}, or -1 when it does not start with one. */
    static int placeAt(String s, int from) {
        for (int end = from + 2; end <= s.length() && end <= from + PLACE_MAX; end++) {
            if (closesPlace(s, from, end)) {
                return end;
            }
        }
        return -1;
    }

    /** Longest place name read (内蒙古自治区, 黔南布依族苗族自治州: ten characters). */
    private static final int PLACE_MAX = 10;

    private static boolean closesPlace(String s, int from, int end) {
        for (int i = from; i < end; i++) {
            if (Character.UnicodeScript.of(s.charAt(i)) != Character.UnicodeScript.HAN) {
                return false;
            }
        }
        char last = s.charAt(end - 1);
        int before = end - 1 - from;
        return (last == '省' || last == '市' || last == '区') && before >= 2
                || (last == '县' || last == '州' || last == '旗' || last == '盟') && before >= 1;
    }

    /** The legal form a canonical name ends with (股份有限公司, 有限公司, …), or "" when none. */
    public static String legalForm(String canonical) {
        if (canonical == null) {
            return "";
        }
        for (String form : LEGAL_FORMS) {
            if (canonical.endsWith(form)) {
                return form;
            }
        }
        return "";
    }

    /** True when the name is a branch (分公司, 分店, 支行, …): its own legal establishment with its own code. */
    public static boolean isBranch(String canonical) {
        if (canonical == null) {
            return false;
        }
        for (String word : BRANCH_WORDS) {
            if (canonical.endsWith(word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Similarity of two canonical names in [0, 1], on the core name (字号 + 行业, DOMAIN.md §10): 1 when equal; 0.95
     * when one is the other with a place prefix in front (淮阴区人民医院 in 淮安淮阴区人民医院); otherwise the Dice
     * coefficient of the character bigrams of the names without their legal form, capped at {@link #SUBSTITUTED}
     * when each name has characters the other lacks in the same place (贵阳华新科技 / 贵阳华兴科技): a different
     * 字号 character names another company far more often than a typo does. The shared place prefix and legal form
     * no longer lift the score of two different 字号.
     */
    public static double similarity(String a, String b) {
        if (a == null || b == null) {
            return 0;
        }
        if (a.equals(b)) {
            return 1;
        }
        String longer = a.length() >= b.length() ? a : b;
        String shorter = longer == a ? b : a;
        if (shorter.length() >= 4 && longer.endsWith(shorter)) {
            return 0.95;
        }
        String x = withoutLegalForm(a);
        String y = withoutLegalForm(b);
        if (x.isEmpty() || y.isEmpty()) {
            return dice(a, b);
        }
        double score = dice(x, y);
        return substituted(x, y) ? Math.min(score, SUBSTITUTED) : score;
    }

    /** Highest name score of two core names that differ by a substitution, not by an omitted word. */
    static final double SUBSTITUTED = 0.5;

    private static String withoutLegalForm(String canonical) {
        return canonical.substring(0, canonical.length() - legalForm(canonical).length());
    }

    /**
     * True when, after the common prefix and suffix, both names still have characters left: something was replaced
     * or reordered, not just left out (an omitted place or industry word leaves one side empty).
     */
    static boolean substituted(String x, String y) {
        int p = 0;
        int max = Math.min(x.length(), y.length());
        while (p < max && x.charAt(p) == y.charAt(p)) {
            p++;
        }
        int s = 0;
        while (s < max - p && x.charAt(x.length() - 1 - s) == y.charAt(y.length() - 1 - s)) {
            s++;
        }
        return x.length() - p - s > 0 && y.length() - p - s > 0;
    }

    static double dice(String a, String b) {
        int[] x = bigrams(a);
        int[] y = bigrams(b);
        if (x.length == 0 || y.length == 0) {
            return 0;
        }
        java.util.Arrays.sort(x);
        java.util.Arrays.sort(y);
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < x.length && j < y.length) {
            if (x[i] == y[j]) {
                common++;
                i++;
                j++;
            } else if (x[i] < y[j]) {
                i++;
            } else {
                j++;
            }
        }
        return 2.0 * common / (x.length + y.length);
    }

    /** Bigrams of UTF-16 units packed in an int (names are BMP in practice; a split surrogate only lowers the score). */
    private static int[] bigrams(String s) {
        if (s.length() < 2) {
            return s.isEmpty() ? new int[0] : new int[] {s.charAt(0)};
        }
        int[] out = new int[s.length() - 1];
        for (int i = 0; i + 1 < s.length(); i++) {
            out[i] = (s.charAt(i) << 16) | s.charAt(i + 1);
        }
        return out;
    }
}
