package org.creditpipeline.generate;

import java.time.LocalDate;
import java.util.SplittableRandom;
import org.creditpipeline.generate.Debtor.Party;
import org.creditpipeline.model.RecordKind;
import org.creditpipeline.normalize.ResidentId;

/**
 * Builds 失信被执行人 listings as the court list publishes them (DOMAIN.md §4): persons with masked IDs, companies
 * with hyphenated org codes or masked USCCs, government bodies and public institutions with their 11…/12… USCC,
 * 执行案号 in the pre-2016 and 2016+ forms, 失信情形 lists. Also the defects and republication variants.
 */
final class DebtorFactory {

    /** The one defect of a listing that must be rejected, and the reject code ingest gives it. */
    enum FeedDefect {
        NAME_MISSING("REQUIRED_MISSING"),
        CASE_NUMBER_MISSING("REQUIRED_MISSING"),
        COURT_MISSING("REQUIRED_MISSING"),
        REG_DATE_INVALID("DATE_INVALID"),
        PERSON_ID_INVALID("ID_INVALID"),
        ORG_CODE_INVALID("ORG_CODE_INVALID"),
        USCC_INVALID("USCC_INVALID");

        final String rejectCode;

        FeedDefect(String rejectCode) {
            this.rejectCode = rejectCode;
        }
    }

    /** 具体情形 (2017 art. 1; 2016 lists say 违反限制高消费令), spelt with 其他 here; variants swap in 其它. */
    private static final String[] GROUNDS = {"有履行能力而拒不履行生效法律文书确定义务", "其他有履行能力而拒不履行生效法律文书确定义务",
        "违反财产报告制度", "违反限制高消费令", "违反限制消费令", "其他规避执行", "被执行人无正当理由拒不履行执行和解协议",
        "以伪造证据、暴力、威胁等方法妨碍、抗拒执行"};
    private static final String[] BASIS_TYPES = {"民初", "民终", "民特", "仲", "执证"};
    private static final String[] BASIS_SUFFIXES = {"", "", "民事判决书", "民事调解书", "裁决书", "民事裁定书"};
    private static final String[] DUTIES = {"支付案款%d元及利息", "偿还借款本金%d元及利息", "给付货款%d元", "支付工程款%d元",
        "支付劳动报酬%d元"};
    private static final int FIRST_DAY = (int) LocalDate.of(2014, 1, 1).toEpochDay();
    private static final int LAST_DAY = (int) LocalDate.of(2026, 3, 31).toEpochDay();
    private static final int BASE_YEAR = 2013;

    private final SplittableRandom random;
    private final RecordFactory records;
    private final int[][] caseSerial;
    private long siteRecordId = 100_000_000L;

    DebtorFactory(SplittableRandom random, RecordFactory records) {
        this.random = random;
        this.records = records;
        caseSerial = new int[Regions.size()][2027 - BASE_YEAR];
    }

    Debtor create() {
        int roll = random.nextInt(100);
        return create(roll < 78 ? Party.PERSON : roll < 93 ? Party.COMPANY
                : roll < 97 ? Party.GOVERNMENT_BODY : Party.PUBLIC_INSTITUTION);
    }

    Debtor create(Party party) {
        Debtor d = new Debtor();
        int r = random.nextInt(Regions.size());
        Region region = Regions.get(r);
        d.party = party;
        d.era2016 = random.nextInt(10) < 3;
        d.regDay = FIRST_DAY + random.nextInt(LAST_DAY - FIRST_DAY + 1);
        d.publishDay = d.regDay + 30 + random.nextInt(170);
        d.siteRecordId = siteRecordId += 1 + random.nextInt(40);
        switch (party) {
            case PERSON -> {
                d.name = records.personName();
                d.fullId = records.newResidentId(false);
                d.male = ResidentId.isMale(d.fullId);
                d.birthYear = Integer.parseInt(d.fullId.substring(6, 10));
            }
            case COMPANY -> {
                GenRecord company = new GenRecord(RecordKind.DISHONEST_DEBTOR);
                records.enterprise(company, random.nextInt(10) < 8 ? region : Regions.get(random.nextInt(Regions.size())));
                d.name = company.get(Field.NAME);
                d.fullId = company.get(Field.USCC);
                d.legalRep = company.get(Field.LEGAL_REP);
                d.cardNum = random.nextBoolean() ? orgCodeHyphen(d.fullId)
                        : d.fullId.substring(0, 10) + "****" + d.fullId.substring(14);
            }
            default -> {
                RecordFactory.Org body = records.publicBody(r, party == Party.PUBLIC_INSTITUTION);
                d.name = body.name();
                d.fullId = body.uscc();
                d.legalRep = records.personName();
                d.cardNum = body.uscc(); // published in full: a public body's code is public
            }
        }
        setCase(d, region);
        return d;
    }

    private void setCase(Debtor d, Region region) {
        int regYear = LocalDate.ofEpochDay(d.regDay).getYear();
        int r = Regions.ALL.indexOf(region);
        int serial = caseSerial[r][regYear - BASE_YEAR] = (caseSerial[r][regYear - BASE_YEAR] == 0
                ? random.nextInt(500) : caseSerial[r][regYear - BASE_YEAR]) + 1 + random.nextInt(3);
        StringBuilder caseNo = new StringBuilder(24).append('(').append(regYear).append(')');
        if (regYear < 2016) {
            caseNo.append(region.shortName()).append("法执字第");
            Text.appendPadded(caseNo, serial, 5);
        } else {
            caseNo.append(region.basicCourtCode()).append('执').append(serial);
        }
        d.caseNo = caseNo.append('号').toString();
        d.court = region.basicCourtName();
        d.area = province(region.code());
        int basisYear = regYear - 1 - random.nextInt(2);
        String open = random.nextInt(5) == 0 ? "（" : "(";
        d.gistId = open + basisYear + ")" + region.basicCourtCode() + BASIS_TYPES[random.nextInt(BASIS_TYPES.length)]
                + (100 + random.nextInt(5000)) + "号" + BASIS_SUFFIXES[random.nextInt(BASIS_SUFFIXES.length)];
        int unit = random.nextInt(20);
        d.gistUnit = unit == 0 ? "本院" : unit == 1 ? d.court + "`" : unit == 2 ? region.shortName() : d.court;
        long yuan = 1000L * (1 + random.nextInt(2000)) + random.nextInt(1000);
        int duty = random.nextInt(12);
        d.duty = duty == 0 ? "执行" : duty == 1 ? d.gistId : DUTIES[duty % DUTIES.length].replace("%d", Long.toString(yuan));
        boolean partly = random.nextInt(5) == 0;
        d.performance = partly ? "部分未履行" : "全部未履行";
        d.performedPart = partly ? "已履行人民币" + (yuan / 10) + "元" : null;
        int grounds = random.nextInt(10) < 7 ? 1 : 2 + random.nextInt(2);
        StringBuilder types = new StringBuilder();
        int first = random.nextInt(GROUNDS.length);
        for (int i = 0; i < grounds; i++) {
            types.append(i > 0 ? "," : "").append(GROUNDS[(first + i * 3) % GROUNDS.length]);
        }
        d.disruptTypes = types.toString();
    }

    /** Breaks a fresh listing so that it must be rejected. */
    Debtor invalid(FeedDefect defect) {
        Debtor d = switch (defect) {
            case PERSON_ID_INVALID -> create(Party.PERSON);
            case ORG_CODE_INVALID -> create(Party.COMPANY);
            case USCC_INVALID -> create(random.nextBoolean() ? Party.GOVERNMENT_BODY : Party.PUBLIC_INSTITUTION);
            default -> create();
        };
        switch (defect) {
            case NAME_MISSING -> d.name = "";
            case CASE_NUMBER_MISSING -> d.caseNo = "";
            case COURT_MISSING -> d.court = "";
            case REG_DATE_INVALID -> d.regDateText = LocalDate.ofEpochDay(d.regDay).getYear()
                    + (random.nextBoolean() ? "0230" : "1301");
            case PERSON_ID_INVALID -> // an unmasked number (some courts publish them) with a wrong check character
                    d.cardNum = Identifiers.replaceCheckChar(d.fullId, "0123456789X".toCharArray(), random);
            case ORG_CODE_INVALID -> {
                String org = d.fullId.substring(8, 17);
                d.cardNum = org.substring(0, 8) + "-" + Identifiers.replaceCheckChar(org, "0123456789X".toCharArray(),
                        random).charAt(8);
            }
            case USCC_INVALID -> d.cardNum = Identifiers.replaceCheckChar(d.fullId,
                    Identifiers.USCC_ALPHABET.toCharArray(), random);
            default -> throw new IllegalStateException(defect.name());
        }
        return d;
    }

    /** The same listing published again, possibly in the other era's format; returns the variant names or "exact". */
    String republish(Debtor d) {
        StringBuilder names = new StringBuilder();
        if (random.nextInt(10) < 4) {
            d.era2016 = !d.era2016;
            names.append("era");
        }
        if (random.nextInt(10) < 3 && d.caseNo.startsWith("(")) {
            d.caseNo = "（" + d.caseNo.substring(1).replace(')', '）');
            names.append(names.length() > 0 ? "," : "").append("bracket");
        }
        if (random.nextInt(10) < 3 && d.disruptTypes.contains("其他")) {
            d.disruptTypes = d.disruptTypes.replace("其他", "其它");
            names.append(names.length() > 0 ? "," : "").append("other_spelling");
        }
        if (random.nextBoolean()) {
            d.publishDay += 1 + random.nextInt(60);
            d.siteRecordId = siteRecordId += 1 + random.nextInt(40);
            names.append(names.length() > 0 ? "," : "").append("republished");
        }
        return names.length() == 0 ? "exact" : names.toString();
    }

    /** A different person with the same name (homonyms are common on the list). */
    Debtor homonym(Debtor other) {
        Debtor d = create(Party.PERSON);
        d.name = other.name;
        return d;
    }

    /** Another party of the same case: the company's legal representative listed as a person under its case number. */
    Debtor coParty(Debtor company) {
        Debtor d = create(Party.PERSON);
        d.name = company.legalRep;
        d.caseNo = company.caseNo;
        d.court = company.court;
        d.area = company.area;
        d.regDay = company.regDay;
        d.gistId = company.gistId;
        d.gistUnit = company.gistUnit;
        d.duty = company.duty;
        return d;
    }

    private static String orgCodeHyphen(String uscc) {
        return uscc.substring(8, 16) + "-" + uscc.charAt(16);
    }

    /** areaName as the list publishes it: the province's short name. */
    static String province(String regionCode) {
        return switch (regionCode.substring(0, 2)) {
            case "11" -> "北京";
            case "12" -> "天津";
            case "13" -> "河北";
            case "14" -> "山西";
            case "21" -> "辽宁";
            case "31" -> "上海";
            case "32" -> "江苏";
            case "33" -> "浙江";
            case "34" -> "安徽";
            case "35" -> "福建";
            case "36" -> "江西";
            case "37" -> "山东";
            case "41" -> "河南";
            case "42" -> "湖北";
            case "43" -> "湖南";
            case "44" -> "广东";
            case "45" -> "广西";
            case "50" -> "重庆";
            case "51" -> "四川";
            case "53" -> "云南";
            case "61" -> "陕西";
            default -> "";
        };
    }
}
