package org.creditpipeline.generate;

import static org.creditpipeline.generate.Field.*;

import java.time.LocalDate;
import java.util.SplittableRandom;
import org.creditpipeline.generate.GenRecord.Subject;

/**
 * Rewrites a duplicate so it looks different but stays the same real-world record: the 文号/案号 serial, valid
 * identifiers (up to NFKC and case), the decision date and the amounts keep their meaning.
 */
final class Variants {

    /** Variant names, in the order they are applied and reported. */
    static final String[] NAMES = {"lowercase_x", "legal_form", "region_prefix", "traditional", "whitespace",
        "bracket", "case_serial", "missing_id", "fullwidth", "date_format"};

    private static final String[][] BRACKETS = {{"〔", "〕"}, {"【", "】"}, {"[", "]"}, {"（", "）"}, {"(", ")"}};

    private final SplittableRandom random;

    Variants(SplittableRandom random) {
        this.random = random;
    }

    /** Applies 0–3 applicable variants to {@code g} in place and returns their names comma-joined, or "exact". */
    String apply(GenRecord g, OutputFile file) {
        int roll = random.nextInt(100);
        int wanted = roll < 10 ? 0 : roll < 65 ? 1 : roll < 90 ? 2 : 3;
        boolean[] applicable = new boolean[NAMES.length];
        int count = 0;
        for (int v = 0; v < NAMES.length; v++) {
            applicable[v] = applicable(v, g, file);
            if (applicable[v]) {
                count++;
            }
        }
        wanted = Math.min(wanted, count);
        boolean[] chosen = new boolean[NAMES.length];
        for (int k = 0; k < wanted; k++) {
            int n = random.nextInt(count - k);
            for (int v = 0; v < NAMES.length; v++) {
                if (applicable[v] && !chosen[v] && n-- == 0) {
                    chosen[v] = true;
                    break;
                }
            }
        }
        StringBuilder names = new StringBuilder();
        for (int v = 0; v < NAMES.length; v++) {
            if (chosen[v]) {
                applyOne(v, g);
                names.append(names.length() > 0 ? "," : "").append(NAMES[v]);
            }
        }
        return names.length() == 0 ? "exact" : names.toString();
    }

    private boolean applicable(int v, GenRecord g, OutputFile file) {
        String name = g.get(NAME);
        return switch (NAMES[v]) {
            case "lowercase_x" -> g.get(ID_NUMBER).endsWith("X") || (file.has(LEGAL_REP_ID)
                    && g.get(LEGAL_REP_ID).endsWith("X"));
            case "legal_form" -> g.subject == Subject.ENTERPRISE && !name.contains("股份有限公司")
                    && !name.contains("集团有限") && (name.contains("有限责任公司") || name.contains("有限公司"));
            case "region_prefix" -> g.namePrefix != null && name.startsWith(g.namePrefix);
            case "traditional" -> TraditionalChars.convertible(name);
            case "whitespace" -> !name.isEmpty();
            case "bracket" -> bracketStyle(g.get(DOC_NO)) >= 0;
            case "case_serial" -> file == OutputFile.JUDGMENT;
            case "missing_id" -> !g.get(USCC).isEmpty() && !name.isEmpty();
            case "fullwidth" -> Text.hasAsciiAlnum(g.get(DOC_NO)) || !g.get(USCC).isEmpty();
            case "date_format" -> !g.get(DECISION_DATE).isEmpty();
            default -> false;
        };
    }

    private void applyOne(int v, GenRecord g) {
        String name = g.get(NAME);
        switch (NAMES[v]) {
            case "lowercase_x" -> {
                Field f = g.get(ID_NUMBER).endsWith("X") ? ID_NUMBER : LEGAL_REP_ID;
                String id = g.get(f);
                g.set(f, id.substring(0, id.length() - 1) + "x");
            }
            case "legal_form" -> g.set(NAME, name.contains("有限责任公司") ? name.replace("有限责任公司", "有限公司")
                    : name.replace("有限公司", "有限责任公司"));
            case "region_prefix" -> {
                String p = g.namePrefix;
                String rest = name.substring(p.length());
                // 淮安华信… ↔ 淮安市华信…; 淮安市淮阴区人民医院 → 淮阴区人民医院 (the county alone still locates it).
                g.set(NAME, rest.startsWith("市") ? (g.subject == Subject.ENTERPRISE ? p + rest.substring(1)
                        : rest.substring(1)) : p + "市" + rest);
            }
            case "traditional" -> g.set(NAME, TraditionalChars.toTraditional(name));
            case "whitespace" -> g.set(NAME, whitespace(name));
            case "bracket" -> {
                String doc = g.get(DOC_NO);
                int from = bracketStyle(doc);
                int to;
                do {
                    to = random.nextInt(BRACKETS.length);
                } while (to == from);
                g.set(DOC_NO, doc.replace(BRACKETS[from][0], BRACKETS[to][0]).replace(BRACKETS[from][1],
                        BRACKETS[to][1]));
            }
            case "case_serial" -> g.set(DOC_NO, toggleCaseSerial(g.get(DOC_NO)));
            case "missing_id" -> g.set(USCC, "");
            case "fullwidth" -> {
                if (Text.hasAsciiAlnum(g.get(DOC_NO)) && (g.get(USCC).isEmpty() || random.nextBoolean())) {
                    g.set(DOC_NO, Text.fullWidth(g.get(DOC_NO)));
                } else {
                    g.set(USCC, Text.fullWidth(g.get(USCC)));
                }
            }
            case "date_format" -> {
                int style = random.nextInt(4);
                for (Field f : Field.DATES) {
                    String iso = g.get(f);
                    if (!iso.isEmpty()) {
                        g.set(f, reformat(iso, style));
                    }
                }
            }
            default -> throw new IllegalStateException(NAMES[v]);
        }
    }

    private String whitespace(String name) {
        return switch (random.nextInt(4)) {
            case 0 -> " " + name + " ";
            case 1 -> name + "\u3000";
            case 2 -> name.substring(0, Math.min(2, name.length() - 1)) + "\u3000" + name.substring(Math.min(2,
                    name.length() - 1));
            default -> name.substring(0, 1) + " " + name.substring(1);
        };
    }

    private static int bracketStyle(String doc) {
        for (int i = 0; i < BRACKETS.length; i++) {
            int open = doc.indexOf(BRACKETS[i][0]);
            if (open >= 0 && doc.indexOf(BRACKETS[i][1], open) > open) {
                return i;
            }
        }
        return -1;
    }

    /** (2021)苏0804行初123号 ↔ (2021)苏0804行初字第00123号; the §5 comparison key is the same. */
    static String toggleCaseSerial(String caseNo) {
        int end = caseNo.length() - 1; // the 号
        int start = end;
        while (start > 0 && Character.isDigit(caseNo.charAt(start - 1))) {
            start--;
        }
        String serial = caseNo.substring(start, end);
        String head = caseNo.substring(0, start);
        if (head.endsWith("字第")) {
            return head.substring(0, head.length() - 2) + Long.parseLong(serial) + "号";
        }
        StringBuilder sb = new StringBuilder(head).append("字第");
        Text.appendPadded(sb, Long.parseLong(serial), 5);
        return sb.append('号').toString();
    }

    static String reformat(String iso, int style) {
        LocalDate d = LocalDate.parse(iso);
        int y = d.getYear();
        int m = d.getMonthValue();
        int day = d.getDayOfMonth();
        return switch (style) {
            case 0 -> y + "/" + m + "/" + day;
            case 1 -> iso.replace('-', '.');
            case 2 -> iso.replace("-", "");
            default -> y + "年" + m + "月" + day + "日";
        };
    }
}
