package org.creditpipeline.generate;

import static org.creditpipeline.generate.Field.*;

import java.time.LocalDate;
import java.util.SplittableRandom;
import org.creditpipeline.generate.RecordFactory.Need;
import org.creditpipeline.normalize.ResidentId;

/** The one primary defect of an invalid row; the name is the reject reason code in the ground truth. */
enum Defect {
    USCC_INVALID(Need.ORGANISATION),
    ID_INVALID(Need.PERSON),
    ORG_CODE_INVALID(Need.ORG_CODE),
    DATE_INVALID(Need.ANY),
    AMOUNT_INVALID(Need.FINE),
    REQUIRED_MISSING(Need.ANY),
    REGION_INVALID(Need.ANY),
    PUBLICATION_END_BEFORE_DECISION(Need.ANY),
    CODE_VALUE_UNKNOWN(Need.ANY);

    private static final char[] USCC_CHECKS = Identifiers.USCC_ALPHABET.toCharArray();
    private static final char[] ORG_CHECKS = "0123456789X".toCharArray();
    private static final String[] BAD_DATES = {"2019-02-30", "2019-13-01", "2021-06-31", "2018-00-12", "20190230",
        "2019/13/5", "二〇一九年", "20xx-05-06", "2019-2-29"};
    private static final String[] BAD_AMOUNTS = {"abc", "-0.5", "-12", "五千", "1,2", "0.2.1"};
    private static final String[] BAD_REGIONS = {"999999", "12345", "000000", "3208041", "99000A"};
    private static final String[] UNKNOWN_KINDS = {"外星人", "机器人", "未知主体"};
    private static final String[] UNKNOWN_SANCTIONS = {"罚站", "通报表扬", "记小过"};

    /** What the record must contain for the defect to be placed. */
    final Need need;

    Defect(Need need) {
        this.need = need;
    }

    boolean applicableTo(OutputFile file) {
        return switch (this) {
            case ORG_CODE_INVALID, AMOUNT_INVALID -> file.isPenalty();
            case USCC_INVALID -> file.has(USCC) || file.has(WORK_UNIT_USCC);
            default -> true;
        };
    }

    Need needFor(OutputFile file) {
        return this == USCC_INVALID && file == OutputFile.SANCTION ? Need.ANY : need;
    }

    void apply(GenRecord g, SplittableRandom random) {
        switch (this) {
            case USCC_INVALID -> {
                Field f = g.get(USCC).isEmpty() ? WORK_UNIT_USCC : USCC;
                String uscc = g.get(f);
                int pos = 8 + random.nextInt(8);
                if (random.nextBoolean() || !Character.isDigit(uscc.charAt(pos))) {
                    // Any single changed character breaks the MOD 31 sum, since 31 is prime.
                    g.set(f, Identifiers.replaceCheckChar(uscc, USCC_CHECKS, random));
                } else {
                    char c = uscc.charAt(pos);
                    char d = (char) ('0' + (c - '0' + 1 + random.nextInt(9)) % 10);
                    g.set(f, uscc.substring(0, pos) + d + uscc.substring(pos + 1));
                }
            }
            case ID_INVALID -> {
                String id = g.get(ID_NUMBER);
                if (random.nextInt(10) < 6) {
                    g.set(ID_NUMBER, Identifiers.replaceCheckChar(id, ORG_CHECKS, random));
                } else {
                    // Impossible birth date with a correct check character: only the date is wrong.
                    String bad = random.nextBoolean() ? "0230" : "1301";
                    String first17 = id.substring(0, 10) + bad + id.substring(14, 17);
                    g.set(ID_NUMBER, first17 + ResidentId.checkChar(first17));
                }
            }
            case ORG_CODE_INVALID -> {
                String org = g.get(ORG_CODE).replace("-", "");
                g.set(ORG_CODE, Identifiers.replaceCheckChar(org, ORG_CHECKS, random));
            }
            case DATE_INVALID -> g.set(DECISION_DATE, pick(BAD_DATES, random));
            case AMOUNT_INVALID -> g.set(FINE, pick(BAD_AMOUNTS, random));
            case REQUIRED_MISSING -> {
                Field f = new Field[] {NAME, DOC_NO, DECISION_DATE}[random.nextInt(3)];
                // a 纪律处分 or 问责 without 文号 is valid (county lists): its authority is what it cannot lack
                boolean documentOptional = g.kind == org.creditpipeline.model.RecordKind.DISCIPLINARY_SANCTION
                        || g.kind == org.creditpipeline.model.RecordKind.ACCOUNTABILITY;
                g.set(f == DOC_NO && documentOptional ? AUTHORITY : f, "");
            }
            case REGION_INVALID -> g.set(REGION, pick(BAD_REGIONS, random));
            case PUBLICATION_END_BEFORE_DECISION -> {
                LocalDate decision = LocalDate.parse(g.get(DECISION_DATE));
                g.set(PUBLICATION_END, Text.iso((int) decision.toEpochDay() - 1 - random.nextInt(400)));
            }
            case CODE_VALUE_UNKNOWN -> {
                if (g.kind == org.creditpipeline.model.RecordKind.DISCIPLINARY_SANCTION) {
                    g.set(CATEGORY, pick(UNKNOWN_SANCTIONS, random));
                } else {
                    g.set(SUBJECT_KIND, pick(UNKNOWN_KINDS, random));
                }
            }
            default -> throw new IllegalStateException(name());
        }
    }

    private static String pick(String[] values, SplittableRandom random) {
        return values[random.nextInt(values.length)];
    }
}
