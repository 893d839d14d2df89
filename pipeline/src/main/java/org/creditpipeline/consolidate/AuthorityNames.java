package org.creditpipeline.consolidate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.creditpipeline.normalize.Uscc;

/**
 * Authorities for matching (DOMAIN.md §10): two records with the same 文号 from authorities that clearly differ are two
 * decisions. {@link #core} reduces an authority name to its function (市场监管, 应急管理, 税务, …) so that the spellings
 * of one authority agree ({@code 贵阳市南明区市场监督管理局} = {@code 南明区市场监管局}) while different departments of
 * one place do not.
 */
public final class AuthorityNames {

    /**
     * Function words and their core; old names of merged departments (工商, 质监, 市场和质量监督, 安监, 环保, 卫生局,
     * 农业委员会, 文化广电和旅游) fold into the current one, since one authority re-uploads its old decisions under its
     * new name. 场监督管理, 场监管 and 区监局/县监局/旗监局: authority keys are {@link SubjectNames#canonical}, which
     * reads the 市 of 南明区市场监管局 or 南明区市监局 as a place's 市 and drops it. 食品药品监督管理 (食药监) is
     * 市场监管: below the provinces the 2018 reform merged it with 工商 and 质监 into the 市场监督管理局, which
     * re-uploads its decisions; the provinces' new 药品监督管理局 stays 药品监管 (DOMAIN.md, CONSOLIDATION.md).
     */
    private static final String[][] FUNCTIONS = {
        {"市场监督管理", "市场监管"}, {"市场监管", "市场监管"}, {"场监督管理", "市场监管"}, {"场监管", "市场监管"},
        {"市监", "市场监管"}, {"区监局", "市场监管"}, {"县监局", "市场监管"}, {"旗监局", "市场监管"},
        {"市场和质量监督管理", "市场监管"}, {"场和质量监督管理", "市场监管"},
        {"食品药品监督管理", "市场监管"}, {"食品药品监管", "市场监管"}, {"食药监", "市场监管"},
        {"工商行政管理", "市场监管"},
        {"工商", "市场监管"}, {"质量技术监督", "市场监管"}, {"质监", "市场监管"},
        {"应急管理", "应急管理"}, {"安全生产监督管理", "应急管理"}, {"安监", "应急管理"},
        {"税务", "税务"}, {"生态环境", "生态环境"}, {"环境保护", "生态环境"}, {"环保", "生态环境"},
        {"交通运输", "交通运输"}, {"城市管理", "城市管理"}, {"城管", "城市管理"}, {"综合行政执法", "城市管理"},
        {"自然资源", "自然资源"}, {"国土资源", "自然资源"}, {"住房和城乡建设", "住房城乡建设"},
        {"住房城乡建设", "住房城乡建设"}, {"住建", "住房城乡建设"}, {"卫生健康", "卫生健康"},
        {"卫生和计划生育", "卫生健康"}, {"卫健", "卫生健康"},
        {"卫生局", "卫生健康"}, {"卫生监督", "卫生健康"}, {"人力资源和社会保障", "人力社保"}, {"人社", "人力社保"},
        {"农业农村", "农业农村"}, {"农业委员会", "农业农村"}, {"农委", "农业农村"}, {"水利", "水利"}, {"水务", "水利"}, {"教育", "教育"}, {"财政", "财政"},
        {"民政", "民政"}, {"公安", "公安"}, {"司法", "司法"}, {"文化和旅游", "文化旅游"}, {"文化广电旅游", "文化旅游"},
        {"旅游", "文化旅游"},
        {"商务", "商务"}, {"发展和改革", "发展改革"}, {"发改", "发展改革"}, {"医疗保障", "医疗保障"},
        {"药品监督管理", "药品监管"}, {"林业", "林业"}, {"消防", "消防"}, {"海关", "海关"}, {"烟草", "烟草"},
        {"统计", "统计"}, {"气象", "气象"}, {"审计", "审计"}, {"金融监督管理", "金融监管"}, {"银保监", "金融监管"},
        {"证券监督管理", "证券监管"}, {"证监", "证券监管"}, {"人民法院", "法院"}, {"法院", "法院"},
        {"人民检察院", "检察院"}, {"纪律检查", "纪检监察"}, {"纪委", "纪检监察"}, {"监察委员会", "纪检监察"},
        {"监委", "纪检监察"},
        {"人民政府", "人民政府"},
        // short forms officers write for the bureau's name (南明区应急局, 交通局, 文旅局, 医保局, 贵州省药监局); a
        // longer word holding one (应急管理, 交通运输, 农业农村, 食药监) wins as above, and the traffic police are 公安
        {"应急", "应急管理"}, {"交通", "交通运输"}, {"交通警察", "公安"}, {"交警", "公安"}, {"交通管理", "公安"},
        {"文旅", "文化旅游"}, {"医保", "医疗保障"}, {"药监", "药品监管"}, {"农业", "农业农村"}
    };

    /** Bodies with a 委员会 or 委 of their own that are not the party committee: 政协, 人大（常委会）, 共青团 … */
    private static final String NOT_ANOTHER_BODY = "^(?!.*(?:政协|人大|常委|共青团|团委|工会|妇联|科协))";

    /**
     * A place's party committee as officers write it: 中共淮安市淮阴区委员会, 中共淮阴区委, 淮阴区委, 贵阳市委 — places,
     * then 委员会 or 委 and nothing else (区委组织部 is a department of it; 政协南明区委员会, 共青团…委员会 are other
     * bodies). Read on the canonical name; for the forms whose 市 it dropped, see {@link #PARTY_COMMITTEE_OF_CITY}.
     */
    private static final Pattern PARTY_COMMITTEE = Pattern.compile(NOT_ANOTHER_BODY + "(?:中国共产党|中共)?"
                    + "(?:\\p{IsHan}{1,9}?(?:省|自治区|市|自治州|地区|州|盟|区|县|旗))+(?:委员会|委)$");

    /**
     * A party committee whose place lost its 市 or 省 to {@link SubjectNames#canonical} (常熟市委 → 常熟委, 中共贵阳市委员会
     * is kept whole but 贵阳市委员会 becomes 贵阳委员会): two or three characters, then 委 or 委员会 — unless they are
     * the short name of a government committee ({@link #COMMITTEE_ABBREVIATIONS}).
     */
    private static final Pattern PARTY_COMMITTEE_OF_CITY = Pattern.compile(
            NOT_ANOTHER_BODY + "(?:中共)?(\\p{IsHan}{2,3})委(?:员会)?$");

    /** Committees written as an abbreviation and 委 that are not a place's party committee (经信委, 国资委, 政法委 …). */
    private static final java.util.Set<String> COMMITTEE_ABBREVIATIONS = java.util.Set.of(
            "经信", "卫计", "计生", "国资", "政法", "网信", "编", "科", "教", "建", "体", "民", "侨", "商", "经", "外经",
            "外经贸", "经贸", "财经", "规划", "口岸", "民宗", "宗教", "民族", "侨务", "人口", "科技", "教育", "卫生",
            "体育", "工信", "住建", "城乡", "农工", "政研", "机关工", "党工", "街道党工", "工", "团", "妇");

    /** The function of a place's party committee (问责 decisions are often its own). */
    static final String PARTY_COMMITTEE_CORE = "党委";

    /** Leading place names (贵阳南明区…, 淮安淮阴区…) of a name without a known function word. */
    private static final Pattern PLACES = Pattern.compile("^(?:中共)?(?:\\p{IsHan}{1,6}?(?:省|自治区|市|自治州|地区|盟|区|县|旗))+");

    private AuthorityNames() {
    }

    /**
     * The function an authority name stands for, the same for every spelling of one authority: the known function
     * word that starts last (公安县市场监督管理局 is 市场监管, not 公安), a word inside a longer one not counting (人民政府
     * is not 民政), and for 综合行政执法 the function named right before it (交通运输综合行政执法大队 is 交通运输); else
     * the name without its leading place names.
     * Null for null, blank, or a value that is a USCC (the name was missing).
     */
    public static String core(String name) {
        return CORES.apply(name);
    }

    /** The canonical key of an authority name ({@link SubjectNames#canonical}), remembered: authorities repeat. */
    static String canonical(String name) {
        return NAMES.apply(name);
    }

    private static final Memo NAMES = new Memo(SubjectNames::canonical, 10_000);
    private static final Memo CORES = new Memo(AuthorityNames::computeCore, 10_000);

    private static String computeCore(String name) {
        String k = canonical(name);
        if (k == null || looksLikeCode(k)) {
            return null;
        }
        // Each function word's last occurrence; a word inside a longer one found there (民政 in 人民政府, 工商 in
        // 工商行政管理) is part of that word, not a function of its own.
        int[] at = new int[FUNCTIONS.length];
        for (int i = 0; i < FUNCTIONS.length; i++) {
            at[i] = k.lastIndexOf(FUNCTIONS[i][0]);
        }
        int best = -1;
        for (int i = 0; i < FUNCTIONS.length; i++) {
            if (at[i] < 0 || insideLonger(i, at)) {
                continue;
            }
            if (best < 0 || at[i] > at[best]) {
                best = i;
            }
        }
        if (best >= 0 && FUNCTIONS[best][0].equals(GENERIC_ENFORCEMENT)) {
            // 交通运输综合行政执法大队 enforces for 交通运输: the function named right before the generic word wins.
            for (int i = 0; i < FUNCTIONS.length; i++) {
                if (at[i] >= 0 && !insideLonger(i, at) && at[i] + FUNCTIONS[i][0].length() == at[best]) {
                    best = i;
                    break;
                }
            }
        }
        if (best >= 0) {
            return FUNCTIONS[best][1];
        }
        if (PARTY_COMMITTEE.matcher(k).matches()) {
            return PARTY_COMMITTEE_CORE;
        }
        Matcher city = PARTY_COMMITTEE_OF_CITY.matcher(k);
        if (city.matches() && !COMMITTEE_ABBREVIATIONS.contains(city.group(1))) {
            return PARTY_COMMITTEE_CORE;
        }
        String rest = PLACES.matcher(k).replaceFirst("");
        return rest.length() >= 2 ? rest : k;
    }

    /** The generic enforcement word of the 2019 reforms: its own function (城市管理) only when nothing names another. */
    private static final String GENERIC_ENFORCEMENT = "综合行政执法";

    /** True when function word {@code i} found at {@code at[i]} lies inside a longer function word found around it. */
    private static boolean insideLonger(int i, int[] at) {
        int start = at[i];
        int end = start + FUNCTIONS[i][0].length();
        for (int j = 0; j < FUNCTIONS.length; j++) {
            int len = FUNCTIONS[j][0].length();
            if (j != i && at[j] >= 0 && len > end - start && at[j] <= start && at[j] + len >= end) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when two authorities are clearly different: valid authority USCCs that differ, or function cores that
     * differ. A missing or invalid code, or a missing name, decides nothing.
     */
    public static boolean clearlyDifferent(String nameKeyA, String usccA, String nameKeyB, String usccB) {
        if (usccA != null && usccB != null && !usccA.equals(usccB) && Uscc.check(usccA).isValid()
                && Uscc.check(usccB).isValid()) {
            return true;
        }
        String a = core(nameKeyA);
        String b = core(nameKeyB);
        return a != null && b != null && !a.equals(b);
    }

    private static boolean looksLikeCode(String k) {
        for (int i = 0; i < k.length(); i++) {
            char c = k.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return true;
    }
}
