package org.creditpipeline.consolidate;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.creditpipeline.model.RecordKind;
import org.creditpipeline.model.SubjectKind;
import org.creditpipeline.normalize.DocumentNumbers;

/**
 * What matching knows about a staged row or a record: its keys, computed once per row (DOMAIN.md §5, §6, §10).
 *
 * @param recordKind   record kind (never matched across kinds)
 * @param person       natural person or civil servant: never merged on name alone
 * @param idKey        a valid identifier: {@code U:} USCC, {@code O:} 组织机构代码 (= USCC characters 9–17),
 *                     {@code P:} 身份证 number, {@code I:type:} other ID document, both numbers as their keyed hash
 *                     ({@link IdPepper}: a key never holds a person's number); null when none or masked
 * @param maskedId     a masked identifier as published ({@code 3206821960****7255}), else null
 * @param nameKey      canonical subject name ({@link SubjectNames#canonical})
 * @param docKey       文号/案号 comparison key
 * @param authorityKey canonical authority name (or its USCC when the name is missing)
 * @param authorityUscc the authority's USCC as staged, or null
 * @param decisionDate decision date
 * @param amount       fine in 万元
 * @param unitKey      canonical work unit (civil servants)
 * @param category     its categories (处分种类, 问责方式 …) sorted and {@code ;}-joined: for a record without 文号 part
 *                     of its decision key ({@link #decisionKey}); for a person also with 文号, so that the fuzzy stage
 *                     can tell the same decision once without its 文号 ({@link PairScorer}); else null
 * @param clearId      the 身份证 number a {@code P:} key was made of, when known: only in memory, for comparing it with
 *                     a masked number ({@link #maskedAgreement}); never written with the keys
 */
public record MatchProfile(RecordKind recordKind, boolean person, String idKey, String maskedId, String nameKey,
                           String docKey, String authorityKey, String authorityUscc, LocalDate decisionDate,
                           BigDecimal amount, String unitKey, String category, String clearId) {

    public MatchProfile(RecordKind recordKind, boolean person, String idKey, String maskedId, String nameKey,
                        String docKey, String authorityKey, String authorityUscc, LocalDate decisionDate,
                        BigDecimal amount, String unitKey, String category) {
        this(recordKind, person, idKey, maskedId, nameKey, docKey, authorityKey, authorityUscc, decisionDate, amount,
                unitKey, category, null);
    }

    /** This profile knowing the number of its {@code P:} key (read from a staged row or a record), else as it is. */
    public MatchProfile withClearId(String number) {
        return number == null ? this : new MatchProfile(recordKind, person, idKey, maskedId, nameKey, docKey,
                authorityKey, authorityUscc, decisionDate, amount, unitKey, category, number);
    }

    /** The fields of a staged row that matching reads. */
    public record Row(RecordKind recordKind, SubjectKind subjectKind, String subjectName, String uscc, String orgCode,
                      String idType, String idNumber, String documentNumber, String documentNumberKey,
                      String authorityName, String authorityUscc, LocalDate decisionDate, BigDecimal fineAmount,
                      String workUnit, String category) {

        public Row(RecordKind recordKind, SubjectKind subjectKind, String subjectName, String uscc, String orgCode,
                   String idType, String idNumber, String documentNumber, String documentNumberKey,
                   String authorityName, String authorityUscc, LocalDate decisionDate, BigDecimal fineAmount,
                   String workUnit) {
            this(recordKind, subjectKind, subjectName, uscc, orgCode, idType, idNumber, documentNumber,
                    documentNumberKey, authorityName, authorityUscc, decisionDate, fineAmount, workUnit, null);
        }
    }

    /** Work units of civil servants repeat across rows: canonicalised once each. */
    private static final Memo WORK_UNITS = new Memo(SubjectNames::canonical, 10_000);

    /** The profile of a row; {@code pepper} hashes the numbers of people's identifiers. */
    public static MatchProfile of(Row r, IdPepper pepper) {
        boolean person = r.subjectKind() != null ? r.subjectKind().isPerson()
                : r.uscc() == null && r.orgCode() == null && r.idNumber() != null;
        String idKey = null;
        String masked = null;
        String clear = null;
        if (person) {
            if (r.idNumber() != null) {
                if (isMasked(r.idNumber())) {
                    masked = r.idNumber();
                } else {
                    boolean resident = isResidentId(r.idType());
                    idKey = resident ? pepper.personKey(r.idNumber()) : pepper.documentKey(r.idType(), r.idNumber());
                    clear = resident ? r.idNumber() : null;
                }
            }
        } else if (r.uscc() != null && !isMasked(r.uscc())) {
            idKey = "U:" + r.uscc();
        } else if (r.orgCode() != null && !isMasked(r.orgCode())) {
            idKey = "O:" + r.orgCode();
        } else {
            masked = r.uscc() != null ? r.uscc() : r.orgCode();
        }
        String docKey = r.documentNumberKey() != null ? r.documentNumberKey() : DocumentNumbers.key(r.documentNumber());
        String authority = AuthorityNames.canonical(r.authorityName());
        if (authority == null) {
            authority = r.authorityUscc();
        }
        return new MatchProfile(r.recordKind(), person, idKey, masked, SubjectNames.canonical(r.subjectName()), docKey,
                authority, r.authorityUscc(), r.decisionDate(), r.fineAmount(), WORK_UNITS.apply(r.workUnit()),
                docKey == null || person ? sortedCategories(r.category()) : null, clear);
    }

    /**
     * The exact-stage key: record kind | subject key | document key. Rows with the same key are the same record. The
     * subject key is the identifier when there is one, else the masked identifier with the name; a person without an
     * identifier is known by name and work unit ({@code W:}, DOMAIN.md §10: two 张伟 of two units stay two people),
     * and without a unit gets a key of its own ({@code S:} + staged id), because a name alone never merges people; an
     * organisation without identifier is known by its canonical name. The document key carries the authority's
     * function ({@link AuthorityNames#core}): the same 文号 from another authority (市场监管 / 应急管理) is another
     * decision, while the spellings of one authority agree. A decision without 文号 (county 纪律处分 and 问责 lists)
     * is keyed by {@link #decisionKey}.
     */
    public String groupKey(long stagedId) {
        String subject;
        if (idKey != null) {
            subject = idKey;
        } else if (maskedId != null) {
            subject = "M:" + nameKey + "/" + maskedId;
        } else if (person && nameKey != null && unitKey != null) {
            subject = "W:" + nameKey + "/" + unitKey;
        } else if (person || nameKey == null) {
            subject = "S:" + stagedId;
        } else {
            subject = "N:" + nameKey;
        }
        String document = docKey != null ? withAuthority(docKey, authorityKey) : decisionKey();
        return kindCode(recordKind) + "|" + subject + "|" + document;
    }

    /**
     * What tells a decision without 文号 from the subject's other decisions: {@code D:} + decision date + the sorted
     * categories + the authority's function (its canonical name, or USCC, when it has none). The same person sanctioned
     * again on another date, or with another kind of sanction, is another record; the same decision re-uploaded (also
     * with the authority spelt another way) is the same. A row with a 文号 never has this key, so the same decision
     * once with and once without 文号 stays two records (docs/CONSOLIDATION.md).
     */
    String decisionKey() {
        String core = AuthorityNames.core(authorityKey);
        return "D:" + decisionDate + "/" + (category == null ? "" : category) + "/" + (core != null ? core : authorityKey);
    }

    /** Without {@link #clearId}: a profile in a message or a log never shows a person's number. */
    @Override
    public String toString() {
        return "MatchProfile[" + recordKind + ", person=" + person + ", idKey=" + idKey + ", maskedId=" + maskedId
                + ", name=" + nameKey + ", doc=" + docKey + ", authority=" + authorityKey + ", date=" + decisionDate
                + ", unit=" + unitKey + ", category=" + category + "]";
    }

    /** The ;-joined categories in code-point order, without repeats or blanks; null when there are none. */
    static String sortedCategories(String category) {
        if (category == null || category.isBlank()) {
            return null;
        }
        java.util.TreeSet<String> items = new java.util.TreeSet<>();
        for (String item : category.split(";")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return items.isEmpty() ? null : String.join(";", items);
    }

    /** A document key with the authority's function appended ({@code 筑南市监罚(2026)601号/市场监管}). */
    static String withAuthority(String docKey, String authorityKey) {
        String core = AuthorityNames.core(authorityKey);
        return core == null ? docKey : docKey + "/" + core;
    }

    /**
     * True when the exact key is not a full identifier (USCC, 身份证, other ID): such groups go on to the fuzzy stage,
     * where an 组织机构代码 links to the USCC holding it and a missing identifier is matched by name and document.
     */
    public boolean residual() {
        return idKey == null || idKey.startsWith("O:");
    }

    /** The 组织机构代码 inside an organisation identifier key (USCC characters 9–17), or null. */
    static String orgPart(String idKey) {
        if (idKey == null) {
            return null;
        }
        if (idKey.startsWith("U:") && idKey.length() == 20) {
            return idKey.substring(10, 19);
        }
        return idKey.startsWith("O:") ? idKey.substring(2) : null;
    }

    /**
     * TRUE when two identifier keys name the same subject (a USCC and an 组织机构代码 compare on characters 9–17),
     * FALSE when they are comparable and disagree (the cannot-link rule), null when either is missing or they are of
     * kinds that cannot be compared.
     */
    public static Boolean sameIdentifier(String a, String b) {
        if (a == null || b == null) {
            return null;
        }
        if (a.equals(b)) {
            return Boolean.TRUE;
        }
        String orgA = orgPart(a);
        String orgB = orgPart(b);
        if (orgA != null && orgB != null) {
            boolean bothFull = a.startsWith("U:") && b.startsWith("U:");
            return !bothFull && orgA.equals(orgB);
        }
        return a.charAt(0) == b.charAt(0) ? Boolean.FALSE : null;
    }

    /**
     * What the visible characters of a masked identifier say about the other side's masked or full identifier: TRUE
     * when they agree (the court feed's 2016 form {@code 41038119781****3436} and its 2019 form
     * {@code 4103811978****3436} of one number, or either of them and the full number), FALSE when a visible character
     * contradicts it, null when either side has no masked identifier or nothing comparable. Only the leading and
     * trailing visible runs are compared: the number of {@code *} differs between forms.
     */
    public static Boolean maskedAgreement(MatchProfile a, MatchProfile b) {
        if (a.maskedId() == null && b.maskedId() == null) {
            return null;
        }
        String x = a.maskedId() != null ? a.maskedId() : fullNumber(a);
        String y = b.maskedId() != null ? b.maskedId() : fullNumber(b);
        if (x == null || y == null) {
            return null;
        }
        return visibleAgreement(x, y);
    }

    /**
     * {@link #maskedAgreement} on two numbers as written, one or both masked: TRUE when their leading and trailing
     * visible runs agree and are long enough to say so (six characters and one), FALSE when one contradicts the other.
     */
    public static Boolean visibleAgreement(String x, String y) {
        String headX = x.substring(0, visibleHead(x));
        String headY = y.substring(0, visibleHead(y));
        String tailX = x.substring(visibleTailStart(x));
        String tailY = y.substring(visibleTailStart(y));
        boolean heads = headX.length() <= headY.length() ? headY.startsWith(headX) : headX.startsWith(headY);
        boolean tails = tailX.length() <= tailY.length() ? tailY.endsWith(tailX) : tailX.endsWith(tailY);
        if (!heads || !tails) {
            return Boolean.FALSE;
        }
        // Agreement needs enough visible characters on both ends: an address and a birth year, and a suffix.
        int head = Math.min(headX.length(), headY.length());
        int tail = Math.min(tailX.length(), tailY.length());
        return head >= 6 && tail >= 1 ? Boolean.TRUE : null;
    }

    /**
     * The number of a 身份证 or USCC identifier, comparable with a masked form of it; else null. A USCC key holds it; a
     * 身份证 key holds its hash only, so the number comes with the profile ({@link #clearId}) or is not known.
     */
    private static String fullNumber(MatchProfile p) {
        String idKey = p.idKey();
        if (idKey == null) {
            return null;
        }
        return idKey.startsWith("U:") ? idKey.substring(2) : idKey.startsWith("P:") ? p.clearId() : null;
    }

    private static int visibleHead(String id) {
        int star = id.indexOf('*');
        return star < 0 ? id.length() : star;
    }

    private static int visibleTailStart(String id) {
        int star = id.lastIndexOf('*');
        return star < 0 ? 0 : star + 1;
    }

    static boolean isMasked(String id) {
        return id.indexOf('*') >= 0;
    }

    private static boolean isResidentId(String idType) {
        return idType == null || idType.contains("身份证") || idType.equals("01") || idType.equals("1");
    }

    static String kindCode(RecordKind kind) {
        return switch (kind) {
            case COURT_JUDGMENT -> "J";
            case ADMINISTRATIVE_PENALTY -> "P";
            case DISCIPLINARY_SANCTION -> "S";
            case ACCOUNTABILITY -> "A";
            case DISHONEST_DEBTOR -> "D";
        };
    }
}
