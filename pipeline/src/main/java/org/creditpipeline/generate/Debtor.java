package org.creditpipeline.generate;

/**
 * One generated 失信被执行人 listing (DOMAIN.md §4) before rendering: the values as the court holds them. How they are
 * published (mask shape, 男 or 男性, empty or 暂无 parts, key order) depends on {@link #era2016}.
 */
final class Debtor {

    enum Party { PERSON, COMPANY, GOVERNMENT_BODY, PUBLIC_INSTITUTION }

    Party party;
    String name;
    /** The full resident ID (persons) or USCC (organisations). */
    String fullId;
    /** cardNum as published; null means "derive from fullId by the era's mask". */
    String cardNum;
    String legalRep = "";
    boolean male;
    int birthYear;
    String caseNo;
    String court;
    String area;
    String gistId;
    String gistUnit;
    String duty;
    String performance;
    String performedPart;
    String disruptTypes;
    /** regDate, normally an epoch day; {@link #regDateText} overrides it for broken values. */
    int regDay;
    String regDateText;
    int publishDay;
    long siteRecordId;
    boolean era2016;
    String trueId;

    Debtor copy() {
        Debtor d = new Debtor();
        d.party = party;
        d.name = name;
        d.fullId = fullId;
        d.cardNum = cardNum;
        d.legalRep = legalRep;
        d.male = male;
        d.birthYear = birthYear;
        d.caseNo = caseNo;
        d.court = court;
        d.area = area;
        d.gistId = gistId;
        d.gistUnit = gistUnit;
        d.duty = duty;
        d.performance = performance;
        d.performedPart = performedPart;
        d.disruptTypes = disruptTypes;
        d.regDay = regDay;
        d.regDateText = regDateText;
        d.publishDay = publishDay;
        d.siteRecordId = siteRecordId;
        d.era2016 = era2016;
        d.trueId = trueId;
        return d;
    }

    boolean isPerson() {
        return party == Party.PERSON;
    }

    /** cardNum as this era publishes it: 2016 11 + **** + 4 (19 chars), 2019 10 + **** + 4; org codes as they are. */
    String publishedCardNum() {
        if (cardNum != null) {
            return cardNum;
        }
        return fullId.substring(0, era2016 ? 11 : 10) + "****" + fullId.substring(14);
    }
}
