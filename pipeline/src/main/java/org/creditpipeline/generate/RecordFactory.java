package org.creditpipeline.generate;

import static org.creditpipeline.generate.Field.*;

import java.time.LocalDate;
import java.util.SplittableRandom;
import org.creditpipeline.generate.GenRecord.Subject;
import org.creditpipeline.model.RecordKind;

/** Builds realistic, valid records of the four kinds. Authorities and their USCCs are fixed per run. */
final class RecordFactory {

    /** What a record must contain, so that a defect or look-alike has something to work on. */
    enum Need { ANY, ORGANISATION, ENTERPRISE, PERSON, ORG_CODE, FINE }

    record Org(String name, String uscc) {
    }

    private static final int FIRST_DAY = (int) LocalDate.of(2016, 1, 1).toEpochDay();
    private static final int LAST_DAY = (int) LocalDate.of(2026, 3, 31).toEpochDay();
    private static final int JUDGMENT_FIRST_DAY = (int) LocalDate.of(2013, 1, 1).toEpochDay();
    private static final int NOTICE_CRITICISM_FROM = (int) LocalDate.of(2021, 7, 15).toEpochDay();
    private static final int BASE_YEAR = 2012;
    private static final String[] CASE_TYPES = {"行初", "行终", "民初", "民终", "刑初"};

    private final SplittableRandom random;
    private final Identifiers ids;
    private final Org[][] departments;
    private final Org[][] bodies;
    private final Org[][] institutions;
    private final Org[][] towns;
    private final Org[] discipline;
    private final Org[] supervision;
    private final Org[] partyCommittee;
    private final Org[] creditOffice;
    private final int[][][] penaltySerial;
    private final int[][] sanctionSerial;
    private final int[][] accountSerial;
    private final int[][][][] caseSerial;
    private final String exportTime;

    RecordFactory(SplittableRandom random, Identifiers ids) {
        this.random = random;
        this.ids = ids;
        int n = Regions.size();
        departments = new Org[n][Vocabulary.DEPARTMENTS.length];
        bodies = new Org[n][Vocabulary.BODIES.length];
        institutions = new Org[n][Vocabulary.INSTITUTIONS.length];
        towns = new Org[n][Vocabulary.TOWNS.length];
        discipline = new Org[n];
        supervision = new Org[n];
        partyCommittee = new Org[n];
        creditOffice = new Org[n];
        for (int r = 0; r < n; r++) {
            Region region = Regions.get(r);
            String p = region.prefix();
            for (int d = 0; d < departments[r].length; d++) {
                String name = Vocabulary.DEPARTMENTS[d].name();
                departments[r][d] = body(region, name.equals("生态环境局") && !region.countyLevelCity()
                        ? region.city() + "生态环境局" + region.county() + "分局" : p + name);
            }
            for (int b = 0; b < bodies[r].length; b++) {
                bodies[r][b] = body(region, p + Vocabulary.BODIES[b]);
            }
            for (int i = 0; i < institutions[r].length; i++) {
                institutions[r][i] = new Org(p + Vocabulary.INSTITUTIONS[i], ids.uscc("12", region.code(), false));
            }
            for (int t = 0; t < towns[r].length; t++) {
                String town = Vocabulary.TOWNS[t];
                towns[r][t] = body(region, p + town + (town.endsWith("街道") ? "办事处" : "人民政府"));
            }
            discipline[r] = body(region, "中共" + p + "纪律检查委员会");
            supervision[r] = body(region, p + "监察委员会");
            partyCommittee[r] = body(region, "中共" + p + "委员会");
            creditOffice[r] = body(region, p + "发展和改革局");
        }
        int years = 2027 - BASE_YEAR;
        penaltySerial = new int[n][Vocabulary.DEPARTMENTS.length][years];
        sanctionSerial = new int[n][years];
        accountSerial = new int[n][years];
        caseSerial = new int[n][2][CASE_TYPES.length][years];
        LocalDate export = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(700));
        StringBuilder sb = new StringBuilder(Text.iso((int) export.toEpochDay())).append(' ');
        Text.appendPadded(sb, 8 + random.nextInt(10), 2);
        sb.append(':');
        Text.appendPadded(sb, random.nextInt(60), 2);
        sb.append(':');
        Text.appendPadded(sb, random.nextInt(60), 2);
        exportTime = sb.toString();
    }

    private Org body(Region region, String name) {
        return new Org(name, ids.uscc("11", region.code(), false));
    }

    GenRecord create(RecordKind kind, Need need) {
        return switch (kind) {
            case ADMINISTRATIVE_PENALTY -> penalty(need);
            case DISCIPLINARY_SANCTION -> sanction();
            case ACCOUNTABILITY -> accountability(need);
            case COURT_JUDGMENT -> judgment(need);
            default -> throw new IllegalArgumentException("not generated: " + kind);
        };
    }

    // ---- 行政处罚 ----

    GenRecord penalty(Need need) {
        GenRecord g = new GenRecord(RecordKind.ADMINISTRATIVE_PENALTY);
        int r = random.nextInt(Regions.size());
        g.region = r;
        Region region = Regions.get(r);
        int d = random.nextInt(Vocabulary.DEPARTMENTS.length);
        Vocabulary.Department dept = Vocabulary.DEPARTMENTS[d];
        Org authority = departments[r][d];
        int day = day(FIRST_DAY, LAST_DAY);
        int year = LocalDate.ofEpochDay(day).getYear();

        penaltySubject(g, need, r);

        g.set(DOC_NO, documentNumber(region.shortName() + dept.docWord(), year,
                next(penaltySerial[r][d], year - BASE_YEAR)));
        String violation = pick(dept.violations());
        g.set(VIOLATION_TYPE, violation);
        g.set(FACTS, "经查，当事人存在" + violation + "的违法行为，事实清楚，证据确凿");
        g.set(BASIS, dept.basis());

        int roll = need == Need.FINE ? random.nextInt(70) : random.nextInt(100);
        long fine = 0;
        long confiscated = 0;
        String category;
        String licence = "";
        if (roll < 45) {
            category = "罚款";
            fine = yuan();
        } else if (roll < 55) {
            category = "警告;罚款";
            fine = yuan();
        } else if (roll < 70) {
            category = "罚款;没收违法所得";
            fine = yuan();
            confiscated = yuan();
        } else if (roll < 80) {
            category = day >= NOTICE_CRITICISM_FROM && random.nextBoolean() ? "通报批评" : "警告";
        } else if (roll < 87) {
            category = random.nextBoolean() ? "暂扣许可证件" : "吊销许可证件";
            licence = "经营许可证" + region.code() + (100000 + random.nextInt(900000));
        } else if (roll < 94) {
            category = "责令停产停业;罚款";
            fine = yuan();
        } else {
            category = "没收违法所得;没收非法财物";
            confiscated = yuan();
        }
        g.set(CATEGORY, category);
        StringBuilder content = new StringBuilder();
        if (confiscated > 0) {
            content.append("没收违法所得").append(confiscated).append("元");
            g.set(CONFISCATED, Text.wanYuan(confiscated));
        }
        if (fine > 0) {
            content.append(content.length() > 0 ? "，" : "").append("罚款").append(fine).append("元");
            g.set(FINE, Text.wanYuan(fine));
        }
        if (content.length() == 0) {
            content.append(category.replace(';', '，'));
        }
        g.set(CONTENT, content.toString());
        g.set(LICENCE, licence);
        setDates(g, day, true);
        g.set(AUTHORITY, authority.name());
        g.set(AUTHORITY_USCC, authority.uscc());
        Org source = random.nextInt(10) < 7 ? authority : creditOffice[r];
        g.set(SOURCE_UNIT, source.name());
        g.set(SOURCE_USCC, source.uscc());
        g.set(REGION, region.code());
        g.set(EXPORT_TIME, exportTime);
        return g;
    }

    private void penaltySubject(GenRecord g, Need need, int authorityRegion) {
        int roll = random.nextInt(100);
        if (need == Need.PERSON) {
            roll = 95;
        } else if (need == Need.ENTERPRISE) {
            roll = 0;
        } else if (need != Need.ANY && roll >= 85) {
            roll = random.nextInt(85);
        }
        int r = random.nextInt(10) < 8 ? authorityRegion : random.nextInt(Regions.size());
        Region region = Regions.get(r);
        if (roll < 65) {
            enterprise(g, region);
        } else if (roll < 75) {
            g.subject = Subject.SOLE_TRADER;
            String owner = personName();
            g.set(NAME, region.county() + pick(Vocabulary.SURNAMES).substring(0, 1) + "记" + pick(Vocabulary.SHOP_TRADES));
            g.set(SUBJECT_KIND, "个体工商户");
            g.set(USCC, ids.uscc("92", region.code(), true));
            g.set(LEGAL_REP, owner);
        } else if (roll < 82) {
            g.subject = Subject.INSTITUTION;
            Org org = pick(institutions[r]);
            g.set(NAME, org.name());
            g.set(SUBJECT_KIND, "法人及非法人组织");
            g.set(USCC, org.uscc());
            g.set(INST_CERT, "1" + region.code() + (10000 + random.nextInt(90000)));
            g.set(LEGAL_REP, personName());
            g.namePrefix = region.countyLevelCity() ? null : region.cityShort();
        } else if (roll < 85) {
            g.subject = Subject.BODY;
            Org org = pick(bodies[r]);
            g.set(NAME, org.name());
            g.set(SUBJECT_KIND, "法人及非法人组织");
            g.set(USCC, org.uscc());
            g.set(LEGAL_REP, personName());
            g.namePrefix = region.countyLevelCity() ? null : region.cityShort();
        } else {
            g.subject = Subject.PERSON;
            g.set(NAME, personName());
            g.set(SUBJECT_KIND, "自然人");
            g.set(ID_TYPE, "身份证");
            g.set(ID_NUMBER, ids.residentId(false));
        }
        if (g.isOrganisation()) {
            String uscc = g.get(USCC);
            if (need == Need.ORG_CODE || random.nextInt(10) < 3) {
                String org = uscc.substring(8, 17);
                g.set(ORG_CODE, random.nextBoolean() ? org : org.substring(0, 8) + "-" + org.charAt(8));
            }
            if (random.nextInt(10) < 2) {
                g.set(TAX_NO, uscc);
            }
            if (random.nextInt(10) < 3) {
                g.set(LEGAL_REP_ID_TYPE, "身份证");
                g.set(LEGAL_REP_ID, ids.residentId(false));
            }
        }
    }

    /** A company subject in the given region: [city] + 字号 + 行业 + 组织形式. */
    void enterprise(GenRecord g, Region region) {
        g.subject = Subject.ENTERPRISE;
        boolean withCity = random.nextInt(10) < 9;
        String form = pick(Vocabulary.LEGAL_FORMS);
        g.set(NAME, (withCity ? region.cityShort() : "") + pick(Vocabulary.SHOP_NAMES) + pick(Vocabulary.INDUSTRIES)
                + form);
        g.namePrefix = withCity ? region.cityShort() : null;
        g.set(SUBJECT_KIND, "法人及非法人组织");
        g.set(USCC, ids.uscc("91", region.code(), random.nextInt(10) < 7));
        g.set(LEGAL_REP, personName());
    }

    /** A 机关 (USCC 11…) or 事业单位 (12…) of a region, one of those fixed for the run. */
    Org publicBody(int region, boolean institution) {
        return institution ? pick(institutions[region]) : pick(bodies[region]);
    }

    /** The region's 纪委 (中共…纪律检查委员会), 监委 (…监察委员会) and 党委 (中共…委员会), fixed for the run. */
    Org discipline(int region) {
        return discipline[region];
    }

    Org supervision(int region) {
        return supervision[region];
    }

    Org partyCommittee(int region) {
        return partyCommittee[region];
    }

    String newEnterpriseUscc(int region) {
        return ids.uscc("91", Regions.get(region).code(), true);
    }

    String newResidentId(boolean civil) {
        return ids.residentId(civil);
    }

    // ---- 纪律处分 ----

    GenRecord sanction() {
        GenRecord g = new GenRecord(RecordKind.DISCIPLINARY_SANCTION);
        int r = random.nextInt(Regions.size());
        g.region = r;
        Region region = Regions.get(r);
        int day = day(FIRST_DAY, LAST_DAY);
        int year = LocalDate.ofEpochDay(day).getYear();
        g.subject = Subject.CIVIL_SERVANT;
        g.set(NAME, personName());
        g.set(ID_NUMBER, ids.residentId(true));
        Org unit = workUnit(r);
        g.set(WORK_UNIT, unit.name());
        g.set(WORK_UNIT_USCC, unit.uscc());
        g.set(POSITION, pick(Vocabulary.POSITIONS));
        boolean party = random.nextBoolean();
        g.set(DOC_NO, documentNumber(region.shortName() + (party ? "纪处" : "监处"), year,
                next(sanctionSerial[r], year - BASE_YEAR)));
        g.set(CATEGORY, pick(Vocabulary.SANCTION_KINDS));
        g.set(FACTS, pick(Vocabulary.SANCTION_FACTS));
        g.set(BASIS, pick(Vocabulary.SANCTION_BASES));
        Org authority = party ? discipline[r] : supervision[r];
        g.set(AUTHORITY, authority.name());
        g.set(AUTHORITY_USCC, authority.uscc());
        setDates(g, day, false);
        g.set(SEVERITY, pick(Vocabulary.SEVERITIES));
        g.set(REGION, region.code());
        g.set(SOURCE_UNIT, random.nextBoolean() ? authority.name() : creditOffice[r].name());
        return g;
    }

    // ---- 问责处理 ----

    GenRecord accountability(Need need) {
        GenRecord g = new GenRecord(RecordKind.ACCOUNTABILITY);
        int r = random.nextInt(Regions.size());
        g.region = r;
        Region region = Regions.get(r);
        int day = day(FIRST_DAY, LAST_DAY);
        int year = LocalDate.ofEpochDay(day).getYear();
        int roll = need == Need.PERSON ? 99 : need == Need.ANY ? random.nextInt(100) : random.nextInt(55);
        if (roll < 55) {
            boolean body = roll < 40;
            Org org = body ? (random.nextBoolean() ? pick(bodies[r]) : pick(towns[r])) : pick(institutions[r]);
            g.subject = body ? Subject.BODY : Subject.INSTITUTION;
            g.set(NAME, org.name());
            g.set(SUBJECT_KIND, body ? "机关" : "事业单位");
            g.set(USCC, org.uscc());
            g.set(CATEGORY, pick(Vocabulary.ACCOUNT_FORMS_BODY));
            g.namePrefix = region.countyLevelCity() ? null : region.cityShort();
        } else {
            g.subject = Subject.CIVIL_SERVANT;
            g.set(NAME, personName());
            g.set(SUBJECT_KIND, "公务员");
            g.set(ID_NUMBER, ids.residentId(true));
            g.set(WORK_UNIT, workUnit(r).name());
            g.set(POSITION, pick(Vocabulary.POSITIONS));
            g.set(CATEGORY, pick(Vocabulary.ACCOUNT_FORMS_PERSON));
        }
        g.set(DOC_NO, documentNumber(region.shortName() + "委问责", year, next(accountSerial[r], year - BASE_YEAR)));
        g.set(FACTS, pick(Vocabulary.ACCOUNT_FACTS));
        g.set(BASIS, pick(Vocabulary.ACCOUNT_BASES));
        Org authority = random.nextBoolean() ? partyCommittee[r] : discipline[r];
        g.set(AUTHORITY, authority.name());
        g.set(AUTHORITY_USCC, authority.uscc());
        setDates(g, day, false);
        g.set(SEVERITY, pick(Vocabulary.SEVERITIES));
        g.set(REGION, region.code());
        g.set(SOURCE_UNIT, creditOffice[r].name());
        return g;
    }

    // ---- 司法判决 ----

    GenRecord judgment(Need need) {
        GenRecord g = new GenRecord(RecordKind.COURT_JUDGMENT);
        int r = random.nextInt(Regions.size());
        g.region = r;
        Region region = Regions.get(r);
        int day = random.nextInt(100) < 15 ? day(JUDGMENT_FIRST_DAY, FIRST_DAY - 1) : day(FIRST_DAY, LAST_DAY);
        int year = LocalDate.ofEpochDay(day).getYear();
        int caseYear = random.nextInt(10) < 3 ? year - 1 : year;
        int roll = need == Need.PERSON ? 70 + random.nextInt(25)
                : need == Need.ANY ? random.nextInt(100) : random.nextInt(70);
        int type;
        String cause;
        String result;
        if (roll < 60) {
            boolean body = roll < 45;
            Org org = body ? pick(bodies[r]) : pick(institutions[r]);
            g.subject = body ? Subject.BODY : Subject.INSTITUTION;
            g.set(NAME, org.name());
            g.set(SUBJECT_KIND, body ? "机关" : "事业单位");
            g.set(USCC, org.uscc());
            g.set(LEGAL_REP, personName());
            g.namePrefix = region.countyLevelCity() ? null : region.cityShort();
            int t = random.nextInt(10);
            type = t < 6 ? 0 : t < 8 ? 1 : 2;
        } else if (roll < 70) {
            enterprise(g, Regions.get(random.nextInt(10) < 8 ? r : random.nextInt(Regions.size())));
            type = random.nextBoolean() ? 2 : 3;
        } else if (roll < 95) {
            g.subject = Subject.CIVIL_SERVANT;
            g.set(NAME, personName());
            g.set(SUBJECT_KIND, "公务员");
            g.set(ID_NUMBER, ids.residentId(true));
            type = 4;
        } else {
            g.subject = Subject.PERSON;
            g.set(NAME, personName());
            g.set(SUBJECT_KIND, "自然人");
            g.set(ID_NUMBER, ids.residentId(false));
            type = 2;
        }
        switch (type) {
            case 0, 1 -> {
                cause = pick(Vocabulary.ADMIN_CAUSES);
                result = "撤销被告作出的" + cause + "行为，责令被告于判决生效之日起六十日内重新作出处理";
            }
            case 2, 3 -> {
                cause = pick(Vocabulary.CIVIL_CAUSES);
                result = "被告于本判决生效之日起十日内支付原告" + yuan() + "元";
            }
            default -> {
                cause = pick(Vocabulary.CRIMINAL_CAUSES);
                result = "被告人犯" + cause + "，判处有期徒刑" + (1 + random.nextInt(8)) + "年";
            }
        }
        boolean intermediate = (type == 1 || type == 3) && region.intermediateCourtCode() != null;
        if ((type == 1 || type == 3) && !intermediate) {
            type--;
        }
        int serial = next(caseSerial[r][intermediate ? 1 : 0][type], caseYear - BASE_YEAR);
        StringBuilder caseNo = new StringBuilder(24).append('(').append(caseYear).append(')');
        if (caseYear < 2016) {
            caseNo.append(intermediate ? region.cityShort().substring(0, 1) : region.shortName())
                    .append(CASE_TYPES[type]).append("字第");
            Text.appendPadded(caseNo, serial, 5);
        } else {
            caseNo.append(intermediate ? region.intermediateCourtCode() : region.basicCourtCode())
                    .append(CASE_TYPES[type]).append(serial);
        }
        g.set(DOC_NO, caseNo.append('号').toString());
        g.set(CAUSE, cause);
        g.set(RESULT, result);
        String court = intermediate ? region.intermediateCourtName() : region.basicCourtName();
        g.set(AUTHORITY, court);
        setDates(g, day, false);
        g.set(SEVERITY, pick(Vocabulary.SEVERITIES));
        g.set(REGION, region.code());
        g.set(SOURCE_UNIT, random.nextBoolean() ? court : creditOffice[r].name());
        return g;
    }

    // ---- helpers ----

    /** Next serial of an issuer's year: starts at a random point (the run sees only part of a year), then climbs. */
    private int next(int[] serials, int yearIndex) {
        int current = serials[yearIndex];
        serials[yearIndex] = (current == 0 ? random.nextInt(300) : current) + 1 + random.nextInt(3);
        return serials[yearIndex];
    }

    /** A civil servant's work unit in region {@code r}: a 机关, a 乡镇/街道, or a 事业单位, named with the region prefix. */
    Org workUnit(int r) {
        int roll = random.nextInt(10);
        return roll < 6 ? pick(bodies[r]) : roll < 8 ? pick(towns[r]) : pick(institutions[r]);
    }

    private void setDates(GenRecord g, int day, boolean validity) {
        g.set(DECISION_DATE, Text.iso(day));
        if (validity) {
            g.set(VALID_UNTIL, Text.iso(day + 365 * (1 + random.nextInt(3)) - 1));
        }
        int roll = random.nextInt(10);
        g.set(PUBLICATION_END, roll == 0 ? "" : Text.iso(day + (roll < 4 ? 91 : roll < 7 ? 365 : 1095)));
    }

    private static String documentNumber(String issuer, int year, int serial) {
        return issuer + "〔" + year + "〕" + serial + "号";
    }

    String personName() {
        // Skewed towards the frequent surnames and given names: plenty of homonyms.
        int s = (int) (Math.pow(random.nextDouble(), 2) * Vocabulary.SURNAMES.length);
        int n = (int) (Math.pow(random.nextDouble(), 1.5) * Vocabulary.GIVEN.length);
        String given = Vocabulary.GIVEN[n];
        if (given.length() == 1 && random.nextInt(3) == 0) {
            given = given + pick(Vocabulary.GIVEN).substring(0, 1);
        }
        return Vocabulary.SURNAMES[s] + given;
    }

    private long yuan() {
        int roll = random.nextInt(10);
        if (roll < 6) {
            return 100L * (5 + random.nextInt(500));
        }
        if (roll < 9) {
            return 500 + random.nextInt(200_000);
        }
        return 10_000L * (10 + random.nextInt(300));
    }

    private int day(int from, int to) {
        return from + random.nextInt(to - from + 1);
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
