package org.creditpipeline.ingest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.creditpipeline.ingest.mapping.CanonicalField;
import org.creditpipeline.ingest.mapping.ColumnMapping;
import org.creditpipeline.ingest.mapping.MappingConfig;
import org.creditpipeline.ingest.read.SourceRow;
import org.creditpipeline.model.CreditRecord;
import org.creditpipeline.model.Provenance;
import org.creditpipeline.model.RecordStatus;
import org.creditpipeline.model.SeverityTier;
import org.creditpipeline.model.SubjectKind;
import org.creditpipeline.normalize.Amounts;
import org.creditpipeline.normalize.Dates;
import org.creditpipeline.normalize.DocumentNumbers;
import org.creditpipeline.normalize.IdCheck;
import org.creditpipeline.normalize.InvalidValueException;
import org.creditpipeline.normalize.OrgCode;
import org.creditpipeline.normalize.RegionCodes;
import org.creditpipeline.normalize.RegionTable;
import org.creditpipeline.normalize.ResidentId;
import org.creditpipeline.normalize.Text;
import org.creditpipeline.normalize.Uscc;
import org.creditpipeline.normalize.Validity;
import org.creditpipeline.normalize.WorkUnitPosition;

/**
 * Turns one source row into a canonical record or a list of reasons: every cell is normalized (text, identifiers,
 * dates, amounts, codes) and checked; every problem in the row is reported, not only the first. Plain Java, so the
 * rules are unit-tested without Spring.
 */
public final class RowNormalizer {

    /** An identifier Excel stored as a number and shows in scientific notation, e.g. 9.13501E+17. */
    /** A code with its label, as coded lists are often typed: 01-自然人, 02 法人, 04．个体工商户. */
    private static final java.util.regex.Pattern CODE_LABEL =
            java.util.regex.Pattern.compile("(\\d{1,2})\\s*[-－—.．、:：]?\\s*(\\D.*)");
    /** Excel's error values: a formula that failed, never data. */
    private static final java.util.Set<String> EXCEL_ERRORS = java.util.Set.of("#N/A", "#VALUE!", "#REF!", "#DIV/0!",
            "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA");
    private static final java.util.regex.Pattern EXCEL_ROUNDED = java.util.regex.Pattern.compile("\\d(\\.\\d+)?[Ee]\\+\\d+");
    /**
     * An 18-digit number whose last three digits are 0: what Excel keeps of an ID typed into a number cell (15
     * significant digits) once shown with a plain number format or saved to CSV; told only when the check fails.
     */
    private static final java.util.regex.Pattern EXCEL_TRUNCATED = java.util.regex.Pattern.compile("\\d{15}000");

    /** A 文号/案号 cell saying there is none: 无文号, 暂无文号, 无决定书文号, 没有案号. */
    private static final java.util.regex.Pattern NO_NUMBER =
            java.util.regex.Pattern.compile("(暂无|无|没有|未编)\\S{0,6}?(文号|案号|文书号|编号)");

    private final RegionTable regionTable;
    private final NodeRegion nodeRegion;

    /** @param regionTable the operator's GB/T 2260 table, or null for structural checks only */
    public RowNormalizer(RegionTable regionTable) {
        this(regionTable, null);
    }

    /**
     * @param regionTable the operator's GB/T 2260 table, or null for structural checks only
     * @param nodeRegion  the ingesting node's region, whose rule applies to every row; null for no region rule
     */
    public RowNormalizer(RegionTable regionTable, NodeRegion nodeRegion) {
        this.regionTable = regionTable;
        this.nodeRegion = nodeRegion;
    }

    public ProcessedRow normalize(SourceRow row, ColumnMapping mapping) {
        Cells cells = new Cells(row, mapping);
        if (row.problem() != null) {
            cells.reject(null, null, RejectReason.ROW_STRUCTURE, row.problem(), row.problem());
        }
        CreditRecord.Builder b = CreditRecord.builder()
                .kind(mapping.kind())
                .provenance(new Provenance(row.table().source(), row.table().sheet(), row.rowNumber()));

        String name = cells.name(CanonicalField.SUBJECT_NAME);
        b.subjectName(name);
        // 统一社会信用代码/注册号 columns (市场监管) hold the 15-digit 工商注册号 of enterprises never re-registered
        String usccCell = cells.idText(CanonicalField.USCC);
        String registrationInUscc = usccCell == null ? null : usccCell.replace(" ", "");
        if (!isFifteenDigits(registrationInUscc)) {
            registrationInUscc = null;
        }
        SubjectKind hint = categoryHint(cells, mapping);
        // The only code column of many county sheets also gets an enterprise's 组织机构代码 (no USCC yet) or, for a
        // natural person, the 身份证: a valid one is taken for what it is when its own column is empty.
        IdCheck orgInUscc = null;
        String personInUscc = null;
        if (registrationInUscc == null && usccCell != null) {
            String compact = usccCell.replace(" ", "").toUpperCase();
            if (compact.length() <= 10 && Text.nullIfBlank(cells.raw(CanonicalField.ORG_CODE)) == null
                    && OrgCode.check(compact).isValid()) {
                orgInUscc = OrgCode.check(compact);
            } else if (hint != null && hint.isPerson() && compact.length() >= 15 && compact.length() <= 18
                    && Text.nullIfBlank(cells.raw(CanonicalField.ID_NUMBER)) == null
                    && ResidentId.check(compact).isValid() && !Uscc.check(compact).isUsable()) {
                personInUscc = ResidentId.check(compact).value();
            }
        }
        IdCheck uscc = registrationInUscc == null && orgInUscc == null && personInUscc == null
                ? cells.uscc(CanonicalField.USCC, usccCell) : null;
        IdCheck org = orgInUscc;
        if (org == null) {
            String orgCell = cells.idText(CanonicalField.ORG_CODE);
            IdCheck usccInOrg = orgCell == null || orgCell.replace(" ", "").length() < 18 ? null : Uscc.check(orgCell);
            if (usccInOrg != null && usccInOrg.isValid()) {
                // the USCC pasted into the 组织机构代码 column as well: its characters 9-17 are the organisation code
                org = OrgCode.check(Uscc.embeddedOrgCode(usccInOrg.value()));
                if (uscc == null && registrationInUscc == null && Text.nullIfBlank(usccCell) == null) {
                    uscc = usccInOrg;
                }
            } else {
                org = cells.orgCode(CanonicalField.ORG_CODE);
            }
        }
        PartyId party = cells.partyId(CanonicalField.PARTY_ID, hint);
        if (party.uscc() != null && uscc == null) {
            uscc = party.uscc();
        }
        if (party.orgCode() != null && org == null) {
            org = party.orgCode();
        }
        b.uscc(uscc == null ? null : uscc.value());
        b.orgCode(org == null ? null : org.value());
        String registrationNo = cells.registrationNo(CanonicalField.REGISTRATION_NO,
                cells.identifierText(CanonicalField.REGISTRATION_NO));
        b.registrationNo(registrationNo != null || registrationInUscc == null ? registrationNo
                : cells.registrationNo(CanonicalField.USCC, registrationInUscc));
        b.taxNo(cells.identifierText(CanonicalField.TAX_NO));
        b.institutionCertNo(cells.identifierText(CanonicalField.INSTITUTION_CERT_NO));
        b.socialOrgNo(cells.identifierText(CanonicalField.SOCIAL_ORG_NO));

        String idType = idTypeName(cells.text(CanonicalField.ID_TYPE));
        b.idType(idType);
        String idNumber = cells.personId(CanonicalField.ID_NUMBER, idType);
        if (idNumber == null) {
            idNumber = party.personId() != null ? party.personId() : personInUscc;
        }
        b.idNumber(idNumber);
        b.legalRepresentative(cells.name(CanonicalField.LEGAL_REPRESENTATIVE));
        String repIdType = idTypeName(cells.text(CanonicalField.LEGAL_REP_ID_TYPE));
        b.legalRepIdType(repIdType);
        b.legalRepIdNumber(cells.personId(CanonicalField.LEGAL_REP_ID_NUMBER, repIdType));
        String unit = cells.name(CanonicalField.WORK_UNIT);
        String position = cells.text(CanonicalField.POSITION);
        // 工作单位及职务 in one column: its unit and post where their own columns say nothing
        WorkUnitPosition.Parts post = WorkUnitPosition.split(cells.text(CanonicalField.WORK_UNIT_AND_POSITION));
        b.workUnit(unit != null || post.unit() == null ? unit : Text.cleanName(post.unit()));
        b.position(position != null ? position : post.position());
        IdCheck workUnit = cells.uscc(CanonicalField.WORK_UNIT_USCC);
        b.workUnitUscc(workUnit == null ? null : workUnit.value());

        String doc = cells.text(CanonicalField.DOCUMENT_NUMBER);
        b.documentNumber(doc);
        b.documentNumberKey(documentKey(cells, doc));
        String authorityName = cells.name(CanonicalField.AUTHORITY_NAME);
        b.authorityName(authorityName);
        IdCheck authority = cells.uscc(CanonicalField.AUTHORITY_USCC);
        b.authorityUscc(authority == null ? null : authority.value());
        LocalDate decided = cells.date(CanonicalField.DECISION_DATE);
        LocalDate today = Dates.today();
        if (decided != null && decided.isAfter(today)) {
            // a decision not yet taken: a mistyped year (2032 for 2023) or the publication end in the wrong column
            cells.reject(CanonicalField.DECISION_DATE, RejectReason.DATE_INVALID,
                    "decision date " + decided + " is after today (" + today + "): check the year",
                    cells.header(CanonicalField.DECISION_DATE) + " " + decided + " 晚于今天（" + today + "），请核对年份是否录错");
            decided = null;
        }
        b.decisionDate(decided);
        b.category(joinLists(cells.list(CanonicalField.CATEGORY), cells.list(CanonicalField.CATEGORY_2)));
        b.violationType(cells.text(CanonicalField.VIOLATION_TYPE));
        b.facts(cells.text(CanonicalField.FACTS));
        String content = cells.text(CanonicalField.CONTENT);
        b.content(content);
        b.fineAmount(cells.amountAgainstContent(CanonicalField.FINE_AMOUNT, Amounts.fineInYuan(content), "罚款"));
        b.confiscatedAmount(cells.amountAgainstContent(CanonicalField.CONFISCATED_AMOUNT,
                Amounts.confiscatedInYuan(content), "没收违法所得"));
        b.legalBasis(cells.text(CanonicalField.LEGAL_BASIS));
        LocalDate validUntil = cells.validityDate(CanonicalField.VALID_UNTIL, decided);
        if (decided != null && validUntil != null && validUntil.isBefore(decided)) {
            // a penalty cannot end before it is decided: a mistyped year, or the columns swapped
            cells.reject(CanonicalField.VALID_UNTIL, RejectReason.DATE_INVALID,
                    "validity end " + validUntil + " is before the decision date " + decided,
                    cells.header(CanonicalField.VALID_UNTIL) + " " + validUntil + " 早于决定日期 " + decided + "，请核对");
            validUntil = null;
        }
        b.validUntil(validUntil);
        LocalDate publicationEnd = cells.validityDate(CanonicalField.PUBLICATION_END, decided);
        b.publicationEnd(publicationEnd);
        if (decided != null && publicationEnd != null && publicationEnd.isBefore(decided)) {
            cells.reject(CanonicalField.PUBLICATION_END, RejectReason.PUBLICATION_END_BEFORE_DECISION,
                    "publication end " + publicationEnd + " is before the decision date " + decided,
                    "公示截止期 " + publicationEnd + " 早于决定日期 " + decided);
        }
        String severity = cells.code(CanonicalField.SEVERITY);
        b.severity(severity == null ? SeverityTier.UNSPECIFIED : SeverityTier.valueOf(severity));
        b.regionCode(region(cells, authority));
        b.dataSourceUnit(cells.name(CanonicalField.DATA_SOURCE_UNIT));
        IdCheck source = cells.uscc(CanonicalField.DATA_SOURCE_USCC);
        b.dataSourceUscc(source == null ? null : source.value());
        b.performance(cells.text(CanonicalField.PERFORMANCE));
        b.remarks(cells.text(CanonicalField.REMARKS));
        LocalDate published = cells.date(CanonicalField.PUBLICATION_DATE);
        LocalDate stamped = cells.date(CanonicalField.PUBLICATION_TIMESTAMP);
        b.publicationDate(published != null ? published : stamped);
        String basisUnit = cells.name(CanonicalField.BASIS_UNIT);
        if (basisUnit != null) {
            basisUnit = Text.nullIfBlank(basisUnit.replace("`", "")); // 沈丘县人民法院` (a typing slip of the feed)
        }
        b.basisUnit("本院".equals(basisUnit) && authorityName != null ? authorityName : basisUnit); // 本院: the court itself
        b.performedPart(cells.text(CanonicalField.PERFORMED_PART));
        b.unperformedPart(cells.text(CanonicalField.UNPERFORMED_PART));
        b.areaName(cells.text(CanonicalField.AREA_NAME));
        b.sex(cells.sex(CanonicalField.SEX));
        String status = cells.code(CanonicalField.RECORD_STATUS);
        if (status != null) {
            b.status(RecordStatus.valueOf(status));
        }

        SubjectKind subjectKind = subjectKind(cells, mapping, uscc, org, name);
        if (isOrganisationByDefault(subjectKind, name)
                && Text.nullIfBlank(cells.raw(CanonicalField.SUBJECT_CATEGORY)) == null
                && uscc == null && org == null
                && registrationNo == null && idNumber != null) {
            // no 类别 column (the 2016 template: CF_XDR_SFZ 代码_5(居民身份证号); a court's list of 被告人) and only a
            // person's ID: a person, or the person running an 个体工商户 named as a shop, never a company or a body
            subjectKind = looksLikeBusiness(name) ? SubjectKind.INDIVIDUAL_BUSINESS : SubjectKind.NATURAL_PERSON;
        }
        b.subjectKind(subjectKind);
        Integer age = cells.integer(CanonicalField.AGE);
        // The court list publishes age "0" for organisations: not an age.
        b.age(subjectKind != null && subjectKind.isPerson() ? age : null);
        CreditRecord record = b.build();
        for (ColumnMapping.Requirement requirement : mapping.conditionallyRequired()) {
            requireUnless(cells, mapping, record, requirement);
        }
        return cells.reasons.isEmpty() ? ProcessedRow.accepted(row, record) : ProcessedRow.rejected(row, cells.reasons);
    }

    /**
     * A field required under conditions ({@code requiredUnless}, {@code requiredFor}): the row is rejected when its
     * subject is of a kind the field is required for and neither the field nor any field that may stand in for it has a
     * value (a field whose cell was rejected has its own reason). A person's name never identifies the person
     * (DOMAIN.md §10): the mappings require a person's ID number this way, or for civil servants the work unit instead.
     * Subject kinds are not checked when the category cell holds an unknown value (that is the row's reason).
     */
    private static void requireUnless(Cells cells, ColumnMapping mapping, CreditRecord record,
                                      ColumnMapping.Requirement requirement) {
        SubjectKind subject = record.subjectKind();
        if (!requirement.requiredFor().isEmpty() && (!requirement.holdsFor(subject)
                || Text.nullIfBlank(cells.raw(CanonicalField.SUBJECT_CATEGORY)) != null
                && categoryHint(cells, mapping) == null)) {
            return;
        }
        List<CanonicalField> fields = requirement.fields();
        for (CanonicalField f : fields) {
            if (value(record, f, cells) != null || cells.rejected(f)
                    || anyRejected(cells, suppliedBy(f))) {
                return; // a value, or a cell with its own reason (a wrong ID number in the shared code column)
            }
        }
        List<String> names = fields.stream().map(cells::label).toList();
        boolean person = subject != null && subject.isPerson();
        boolean several = fields.size() > 1;
        String who = !person ? "" : subject == SubjectKind.CIVIL_SERVANT ? "公职人员" : subject.label();
        // the reason's column: one the file has (工作单位及职务 when there is no ID column), so the report marks it
        String column = fields.stream().filter(f -> cells.columnFor(f) != null).findFirst().map(cells::label)
                .orElse(names.get(0));
        cells.reject(column, null, RejectReason.REQUIRED_MISSING,
                (person ? "a " + subject.name().toLowerCase().replace('_', ' ') + " needs " : "needs ")
                        + String.join(" or ", names) + (several ? " (at least one of them)" : "")
                        + (person ? ": a name alone does not tell a person from a namesake" : ""),
                who + "须填写" + String.join("或", names) + (several ? "（至少填写一项）" : "")
                        + (person && several ? "：仅凭姓名无法区分同名人员" : ""));
    }

    /**
     * The other columns a field's value may come from, the one meant for it first: 工作单位及职务 for the unit and the
     * post, the shared 统一社会信用代码/身份证号码 column for the codes and the ID number, and (typed in the wrong
     * column) the USCC column for a person's ID number.
     */
    private static List<CanonicalField> suppliedBy(CanonicalField field) {
        return switch (field) {
            case WORK_UNIT, POSITION -> FROM_UNIT_AND_POSITION;
            case ID_NUMBER -> FROM_PARTY_ID_OR_USCC;
            case USCC, ORG_CODE -> FROM_PARTY_ID;
            default -> List.of();
        };
    }

    private static final List<CanonicalField> FROM_UNIT_AND_POSITION = List.of(CanonicalField.WORK_UNIT_AND_POSITION);
    private static final List<CanonicalField> FROM_PARTY_ID_OR_USCC = List.of(CanonicalField.PARTY_ID, CanonicalField.USCC);
    private static final List<CanonicalField> FROM_PARTY_ID = List.of(CanonicalField.PARTY_ID);

    private static boolean anyRejected(Cells cells, List<CanonicalField> fields) {
        for (CanonicalField f : fields) {
            if (cells.rejected(f)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A field's value in the record, wherever it came from (an ID number from a 统一社会信用代码/身份证号码 column, a unit
     * from 工作单位及职务); for fields the record holds under another form, whether the cell was filled.
     */
    private static Object value(CreditRecord r, CanonicalField field, Cells cells) {
        return switch (field) {
            case SUBJECT_NAME -> r.subjectName();
            case USCC -> r.uscc();
            case ORG_CODE -> r.orgCode();
            case REGISTRATION_NO -> r.registrationNo();
            case ID_NUMBER -> r.idNumber();
            case WORK_UNIT -> r.workUnit();
            case WORK_UNIT_USCC -> r.workUnitUscc();
            case POSITION -> r.position();
            case DOCUMENT_NUMBER -> r.documentNumber();
            case AUTHORITY_NAME -> r.authorityName();
            case AUTHORITY_USCC -> r.authorityUscc();
            case DECISION_DATE -> r.decisionDate();
            case CATEGORY -> r.category();
            default -> Text.nullIfBlank(cells.raw(field));
        };
    }

    /**
     * The comparison key of the 文号/案号 cell. A cell joining several decisions' numbers (黔南公罚决字〔2024〕12号、13号,
     * A〔2024〕1号；B〔2024〕2号) rejects the row: a record is one decision document (双公示: one 行政处罚决定书文号 per row),
     * with its own date, content, amount and publication period, and no one key is right for two (it would merge the
     * row with one decision's own row and never with the other's). The same number typed twice is that number.
     */
    private static String documentKey(Cells cells, String doc) {
        if (doc == null) {
            return null;
        }
        List<String> numbers = DocumentNumbers.numbers(doc);
        if (numbers.size() < 2) {
            return DocumentNumbers.key(doc);
        }
        List<String> distinct = new ArrayList<>(numbers.size());
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (String n : numbers) {
            if (keys.add(DocumentNumbers.key(n))) {
                distinct.add(n);
            }
        }
        if (distinct.size() == 1) {
            return DocumentNumbers.key(distinct.get(0));
        }
        int n = distinct.size();
        cells.reject(CanonicalField.DOCUMENT_NUMBER, RejectReason.DOCUMENT_NUMBER_MULTIPLE,
                "the cell holds " + n + " document numbers (" + String.join("; ", distinct) + "): one row per decision"
                        + " document; split the row into " + n + " rows, each with one number and that decision's own"
                        + " date, content and amount",
                "“" + cells.header(CanonicalField.DOCUMENT_NUMBER) + "”含 " + n + " 个文号（" + String.join("、", distinct)
                        + "）：每份决定书填写一行，请拆分为 " + n + " 行（每行一个文号及该决定的日期、内容和金额）后重新上传");
        return null;
    }

    private String region(Cells cells, IdCheck authority) {
        String code = Text.nullIfBlank(unwrapExcelText(cells.raw(CanonicalField.REGION_CODE)));
        if (code != null && code.length() > 6 && code.matches("\\d{6}\\.0+")) {
            code = code.substring(0, 6); // a code column read as a number: 520102.0
        }
        if (code != null && code.length() == 12 && code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // the 12-digit 统计用区划代码 (NBS) of platforms that code down to the township: its first six digits are
            // the county (520102000000, 520102001000 → 520102)
            code = code.substring(0, 6);
        }
        if (code != null && !RegionCodes.isWellFormed(code) && hasHan(code)) {
            // a place name where the code belongs (南明区, 贵阳市南明区): the configured table names it, if uniquely
            List<String> named = regionTable == null ? List.of() : regionTable.codesNamed(code);
            if (nodeRegion != null && named.size() > 1) {
                named = named.stream().filter(this::insideNode).toList();
            }
            if (named.size() != 1) {
                cells.reject(CanonicalField.REGION_CODE, RejectReason.REGION_INVALID, "'" + code + "' is a place name, not"
                                + " a GB/T 2260 region code" + (regionTable == null ? "" : named.isEmpty()
                                ? " (no region of the configured table has this name)"
                                : " (several regions have this name: " + String.join(", ", named) + ")")
                                + ": enter the 6-digit code",
                        cells.header(CanonicalField.REGION_CODE) + "“" + code + "”是地名，不是行政区划代码"
                                + (named.size() > 1 ? "（多个区划同名：" + String.join("、", named) + "）" : "")
                                + "，请填写6位行政区划代码（如520102）");
                return null;
            }
            code = named.get(0);
        }
        if (code != null) {
            if (!RegionCodes.isWellFormed(code) || (regionTable != null && !regionTable.contains(code))) {
                cells.reject(CanonicalField.REGION_CODE, RejectReason.REGION_INVALID,
                        "'" + code + "' is not a GB/T 2260 region code" + (regionTable == null ? ""
                                : " in the configured tables (current or historical)"),
                        cells.header(CanonicalField.REGION_CODE) + "“" + code + "”不是有效的行政区划代码");
                return null;
            }
            if (nodeRegion != null && !insideNode(code)) {
                List<String> became = regionTable == null || regionTable.isCurrent(code) ? List.of()
                        : regionTable.successors(code);
                cells.reject(CanonicalField.REGION_CODE, RejectReason.REGION_OUTSIDE_NODE,
                        "region " + code + (became.isEmpty() ? "" : " (abolished, now " + String.join(" → ", became)
                                + ")") + " lies outside this node's region " + nodeRegion.name() + " ("
                                + nodeRegion.code() + ")",
                        cells.header(CanonicalField.REGION_CODE) + " " + code + (became.isEmpty() ? ""
                                : "（已撤销，现为 " + String.join("、", became) + "）") + " 不在本节点（"
                                + nodeRegion.describe() + "）辖区内");
                return null;
            }
            return code; // as written: a historical code stays on the record decided while it was valid
        }
        // No region given: the deciding authority's registration region (USCC characters 3-8) is the best evidence.
        String derived = null;
        if (authority != null && authority.isValid()) {
            String fromUscc = authority.value().substring(2, 8);
            if (RegionCodes.isWellFormed(fromUscc)) {
                derived = fromUscc;
            }
        }
        if (nodeRegion != null && !insideNode(derived)) {
            // A provincial authority's decision uploaded at a county, or no evidence at all: this node collected it.
            return nodeRegion.code();
        }
        return derived;
    }

    /**
     * Whether a region lies in the node's: by its digits, or, for a code abolished or renumbered since, by what it
     * became as the historical table says (小河区 520114, merged into 花溪区 520111 in 2012, lies in 花溪区's region;
     * 莱城区 371202 in 济南市's since 莱芜 joined it).
     */
    private boolean insideNode(String code) {
        if (nodeRegion.covers(code)) {
            return true;
        }
        if (regionTable == null || code == null) {
            return false;
        }
        for (String became : regionTable.successors(code)) {
            if (nodeRegion.covers(became)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The subject kind the category column states (or the mapping's default when it is empty), read without reporting
     * problems; null for a value outside the code list, so that the identifier's shape decides and the row is rejected
     * for the unknown category only, not also for an "invalid resident ID" that is an organisation code.
     */
    private static SubjectKind categoryHint(Cells cells, ColumnMapping mapping) {
        String value = Text.nullIfBlank(cells.raw(CanonicalField.SUBJECT_CATEGORY));
        MappingConfig.FieldSpec spec = mapping.spec(CanonicalField.SUBJECT_CATEGORY);
        if (value == null || spec == null) {
            return mapping.defaultSubjectKind();
        }
        String code = lookupCode(spec.values(), value);
        return code == null ? null : SubjectKind.valueOf(code);
    }

    /** 证件类型 codes of the 双公示 standard, 01–05 in this order (DOMAIN.md §2.3). */
    private static final String[] ID_TYPES = {"身份证", "护照号", "港澳居民来往内地通行证", "台湾居民来往大陆通行证",
        "外国人永久居留身份证"};

    /**
     * A 证件类型 in words: the code 01–05 (or 1–5, as a number loses its zero) as its name, a code with its label ({@code 01-身份证}, {@code 02 护照})
     * as the label; anything else as written.
     */
    static String idTypeName(String idType) {
        if (idType == null) {
            return null;
        }
        String t = idType.strip();
        if (t.length() == 2 && t.charAt(0) == '0' && t.charAt(1) >= '1' && t.charAt(1) <= '5') {
            return ID_TYPES[t.charAt(1) - '1'];
        }
        if (t.length() == 1 && t.charAt(0) >= '1' && t.charAt(0) <= '5') {
            return ID_TYPES[t.charAt(0) - '1']; // the code as a number (a JSON feed's 1, a number cell): 01
        }
        java.util.regex.Matcher m = CODE_LABEL.matcher(t);
        return m.matches() && m.group(1).length() == 2 ? m.group(2).strip() : t;
    }

    /**
     * Whether a 证件类型 names the 居民身份证 (or is empty, or its code 01): only that number is checked by GB 11643.
     * 外国人永久居留身份证 (code 05) also says 身份证 but is another document: the old card's number is three letters
     * and twelve digits, the 2023 card's starts with 9; either is kept as text.
     */
    static boolean isResidentIdType(String idType) {
        if (idType == null || idType.equals("01")) {
            return true;
        }
        return idType.contains("身份证") && !idType.contains("外国人") && !idType.contains("永久居留");
    }

    private static boolean hasHan(String s) {
        return s.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    private static boolean isFifteenDigits(String v) {
        return v != null && v.length() == 15 && v.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static String joinLists(String a, String b) {
        if (a == null || a.isEmpty()) {
            return b == null || b.isEmpty() ? a : b;
        }
        return b == null || b.isEmpty() ? a : a + ";" + b;
    }

    /** Each part's code, joined by ';', or null when a part is not in the list. */
    private static String lookupEach(Map<String, String> codes, String[] parts) {
        StringBuilder joined = new StringBuilder();
        for (String part : parts) {
            String code = lookupCode(codes, part);
            if (code == null) {
                return null;
            }
            if (joined.length() > 0) {
                joined.append(';');
            }
            joined.append(code);
        }
        return joined.toString();
    }

    /**
     * An identifier as Excel users force it to stay text: {@code ="0123"} (a formula of a text constant, as exported
     * to CSV) or a leading apostrophe.
     */
    static String unwrapExcelText(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        String v = value.strip();
        if (v.length() >= 3 && v.startsWith("=\"") && v.endsWith("\"")) {
            return v.substring(2, v.length() - 1);
        }
        if (v.length() >= 2 && (v.charAt(0) == '\'' || v.charAt(0) == '‘' || v.charAt(0) == '’')) {
            return v.substring(1);
        }
        return value;
    }

    /**
     * A code-list value as officers type it: exactly; without spaces and brackets (留党察看（一年）); as code and label
     * (01-自然人: the label, else the code); a number as the code of the same value (1, 1.0 and 01 alike: a JSON
     * number or a number cell has no leading zero); without a trailing 处分 (记大过处分); 其它 as 其他. Null when none is
     * in the list.
     */
    static String lookupCode(Map<String, String> codes, String value) {
        String code = codes.get(value);
        if (code != null) {
            return code;
        }
        StringBuilder compact = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!Character.isWhitespace(c) && c != '(' && c != ')' && c != '（' && c != '）' && c != '\u3000') {
                compact.append(c);
            }
        }
        String v = compact.toString();
        if ((code = codes.get(v)) != null) {
            return code;
        }
        int point = v.indexOf('.');
        if (point > 0 && point < v.length() - 1 && v.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9')
                && v.substring(point + 1).chars().allMatch(c -> c == '0') && v.indexOf('.', point + 1) < 0) {
            return lookupCode(codes, v.substring(0, point)); // a code a JSON feed or a sheet wrote as a number: 1.0, 580.0
        }
        if (v.length() <= 9 && v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return sameNumber(codes, Integer.parseInt(v)); // 1 for the standard's code 01 (a number loses its zero), 01 for 1
        }
        if (v.contains("其它")) {
            return lookupCode(codes, v.replace("其它", "其他")); // 法人和其它组织: one word spelt two ways
        }
        java.util.regex.Matcher m = CODE_LABEL.matcher(v);
        if (m.matches() && ((code = codes.get(m.group(2))) != null || (code = codes.get(m.group(1))) != null)) {
            return code;
        }
        int colon = Math.max(v.lastIndexOf('：'), v.lastIndexOf(':'));
        if (colon >= 0 && colon < v.length() - 1) {
            return lookupCode(codes, v.substring(colon + 1)); // 党纪：党内警告, 政务:记过
        }
        if (v.length() > 2 && v.startsWith("给予")) {
            return lookupCode(codes, v.substring(2)); // 给予党内严重警告处分
        }
        if (v.length() > 2 && v.endsWith("处分")) {
            code = codes.get(v.substring(0, v.length() - 2));
            if (code != null) {
                return code;
            }
        }
        // 法人及非法人組織, 記過: a traditional-character spelling of a listed value
        String simplified = org.creditpipeline.normalize.ChineseScript.toSimplified(v);
        if (simplified != v) {
            return lookupCode(codes, simplified);
        }
        // 自然人（个人）, 个体工商户（个人经营）: a listed value with an explanation in brackets
        String bare = value.replaceAll("[(（][^()（）]*[)）]", "").strip();
        return bare.isEmpty() || bare.length() == value.strip().length() ? null : lookupCode(codes, bare);
    }

    /**
     * The code of the one all-digit key of the list with this value ({@code 01} for 1, {@code 1} for 01): a code list
     * of the standard is written {@code 01}–{@code 04}, and a JSON number or a number cell cannot keep the leading
     * zero. Null when no key, or more than one ({@code 1} and {@code 01} meaning different things), has it.
     */
    private static String sameNumber(Map<String, String> codes, int value) {
        String found = null;
        for (Map.Entry<String, String> e : codes.entrySet()) {
            String k = e.getKey();
            if (!k.isEmpty() && k.length() <= 9 && k.chars().allMatch(c -> c >= '0' && c <= '9')
                    && Integer.parseInt(k) == value) {
                if (found != null && !found.equals(e.getValue())) {
                    return null;
                }
                found = e.getValue();
            }
        }
        return found;
    }

    /** Endings of a business's name (a shop, a workshop), which a person's name does not have. */
    private static final java.util.regex.Pattern BUSINESS_NAME = java.util.regex.Pattern.compile(
            ".*(公司|厂|店|经营部|门市部|商行|超市|药房|诊所|合作社|农家乐|餐馆|饭馆|酒楼|宾馆|旅馆|养殖场|加工场|加工坊|工作室|中心|站)$");

    private static boolean looksLikeBusiness(String name) {
        return name != null && BUSINESS_NAME.matcher(name).matches();
    }

    /**
     * Whether an organisation's kind came only from the mapping's default: a company (penalty), or a body (judgment)
     * whose name does not say it is one.
     */
    private static boolean isOrganisationByDefault(SubjectKind kind, String name) {
        return kind == SubjectKind.ENTERPRISE
                || (kind == SubjectKind.GOVERNMENT_BODY || kind == SubjectKind.PUBLIC_INSTITUTION)
                && (name == null || !GovernmentNames.looksLikeGovernmentBody(name));
    }

    private static SubjectKind subjectKind(Cells cells, ColumnMapping mapping, IdCheck uscc, IdCheck org,
                                           String name) {
        SubjectKind kind = mapping.defaultSubjectKind();
        String code = cells.code(CanonicalField.SUBJECT_CATEGORY);
        if (code != null) {
            kind = SubjectKind.valueOf(code);
        }
        if (kind == null) {
            kind = SubjectKind.ENTERPRISE;
        }
        if (code == null && kind.isPerson() && kind != SubjectKind.INDIVIDUAL_BUSINESS) {
            // No category stated and the mapping expects people (问责处理: civil servants), but the subject has an
            // organisation's USCC or a state organ's name (贵阳市南明区财政局): an organisation.
            if (uscc != null && uscc.isUsable() && uscc.value().charAt(0) != '*' && uscc.value().charAt(1) != '*'
                    || org != null && org.isValid() && Text.nullIfBlank(cells.raw(CanonicalField.ID_NUMBER)) == null) {
                // an organisation's code (a 失信 list's 组织机构代码 column without 主体类型): an organisation
                kind = SubjectKind.ENTERPRISE;
            } else if (name != null && GovernmentNames.looksLikeGovernmentBody(name)
                    && Text.nullIfBlank(cells.raw(CanonicalField.ID_NUMBER)) == null) {
                return SubjectKind.GOVERNMENT_BODY;
            }
        }
        if (kind == SubjectKind.ENTERPRISE || kind == SubjectKind.GOVERNMENT_BODY
                || kind == SubjectKind.PUBLIC_INSTITUTION) {
            // The USCC's registration category is authoritative: 11 机关, 12 事业单位, 92 个体工商户. A masked code
            // (court list) still shows its first characters.
            if (uscc != null && uscc.isUsable() && uscc.value().charAt(0) != '*' && uscc.value().charAt(1) != '*') {
                if (Uscc.isGovernment(uscc.value())) {
                    return SubjectKind.GOVERNMENT_BODY;
                }
                if (Uscc.isPublicInstitution(uscc.value())) {
                    return SubjectKind.PUBLIC_INSTITUTION;
                }
                if (uscc.value().startsWith("92")) {
                    return SubjectKind.INDIVIDUAL_BUSINESS;
                }
            } else if (kind == SubjectKind.ENTERPRISE && name != null && GovernmentNames.looksLikeGovernmentBody(name)) {
                return SubjectKind.GOVERNMENT_BODY;
            }
        }
        return kind;
    }

    /** What a "身份证号码/组织机构代码" cell turned out to be: at most one of the three is set. */
    private record PartyId(IdCheck uscc, IdCheck orgCode, String personId) {
        static final PartyId NONE = new PartyId(null, null, null);

        /**
         * What the value is when its shape allows only one reading (a 统一社会信用代码/身份证号 column of a 失信 list
         * without 主体类型, where a 机关 and a person stand side by side), else null: masked and invalid values are
         * left to the category.
         */
        static PartyId byShape(String compact) {
            if (compact.indexOf('-') > 0) {
                IdCheck org = OrgCode.check(compact);
                return org.isValid() ? new PartyId(null, org, null) : null;
            }
            if (compact.length() != 18) {
                return null;
            }
            IdCheck uscc = Uscc.check(compact);
            IdCheck id = ResidentId.check(compact);
            if (uscc.isValid() && !id.isUsable()) {
                return new PartyId(uscc, null, null);
            }
            return id.isValid() && !uscc.isUsable() ? new PartyId(null, null, id.value()) : null;
        }
    }

    /** The cells of one row seen through the mapping, collecting reasons as fields are read. */
    private static final class Cells {
        private final SourceRow row;
        private final ColumnMapping mapping;
        private final List<RejectReason> reasons = new ArrayList<>(0);
        /** Bit per {@link CanonicalField#ordinal()} of the fields a reason was given for. */
        private long rejected;

        static {
            if (CanonicalField.values().length > Long.SIZE) {
                throw new IllegalStateException("more canonical fields than bits in Cells.rejected");
            }
        }

        Cells(SourceRow row, ColumnMapping mapping) {
            this.row = row;
            this.mapping = mapping;
        }

        String raw(CanonicalField field) {
            int c = mapping.column(field);
            return c < 0 ? null : row.cell(c);
        }

        String header(CanonicalField field) {
            int c = mapping.column(field);
            return c < 0 ? field.fieldName() : mapping.table().headers().get(c);
        }

        void reject(CanonicalField field, String code, String message, String messageZh) {
            if (field != null) {
                rejected |= 1L << field.ordinal();
            }
            reject(field == null ? null : header(field), field == null ? null : raw(field), code, message, messageZh);
        }

        /** Whether a reason was given for this field's cell. */
        boolean rejected(CanonicalField field) {
            return (rejected & 1L << field.ordinal()) != 0;
        }

        /**
         * The column the file gives a field's value in: its own, else the one meant to supply it (工作单位及职务 for the
         * unit, 统一社会信用代码/身份证号码 for the ID number); null when it has neither.
         */
        CanonicalField columnFor(CanonicalField field) {
            if (mapping.column(field) >= 0) {
                return field;
            }
            List<CanonicalField> sources = suppliedBy(field);
            return !sources.isEmpty() && mapping.column(sources.get(0)) >= 0 ? sources.get(0) : null;
        }

        /** What to call a field in a reason: the header of {@link #columnFor its column}, else the mapping's name. */
        String label(CanonicalField field) {
            CanonicalField column = columnFor(field);
            if (column != null) {
                return header(column);
            }
            MappingConfig.FieldSpec spec = mapping.spec(field);
            return spec == null || spec.chineseHeader() == null ? field.fieldName() : spec.chineseHeader();
        }

        void reject(String column, String value, String code, String message, String messageZh) {
            reasons.add(new RejectReason(column, value, code, message, messageZh));
        }

        /**
         * Cleaned text, or null; a required field that is empty is rejected, so is an Excel error value. Names,
         * codes and numbers get {@link Text#clean}; free text keeps its line breaks and symbols
         * ({@link Text#cleanFreeText}).
         */
        String text(CanonicalField field) {
            String value = field.keptAsWritten() ? Text.nullIfBlankFreeText(raw(field)) : Text.nullIfBlank(raw(field));
            if (value != null && (!field.keptAsWritten() || field.type() == CanonicalField.Type.DOCUMENT_NUMBER)
                    && (value.charAt(0) == '=' || value.charAt(0) == '\'')) {
                // ="2023-01-05", '0.5: Excel's text wrappers, which some exports put around every cell
                String unwrapped = value.charAt(0) == '=' ? unwrapExcelText(value)
                        : value.length() > 1 ? value.substring(1) : value;
                value = unwrapped == value ? value : field.keptAsWritten() ? Text.nullIfBlankFreeText(unwrapped)
                        : Text.nullIfBlank(unwrapped);
            }
            if (value != null && value.charAt(0) == '#' && EXCEL_ERRORS.contains(value.strip().toUpperCase())) {
                reject(field, RejectReason.EXCEL_ERROR_VALUE, "the cell holds Excel's error value " + value.strip()
                                + " (a formula failed), not data",
                        "“" + header(field) + "”单元格为Excel错误值 " + value.strip() + "（公式出错），请改为实际内容后重新上传");
                return null;
            }
            if (value != null && (field.type() == CanonicalField.Type.DATE
                    || field.type() == CanonicalField.Type.VALIDITY_DATE) && Dates.isZeroDate(value)) {
                value = null; // 0000-00-00, 1900-01-00: a program's or a formula's "no date"
            }
            if (value != null && field.type() == CanonicalField.Type.DOCUMENT_NUMBER
                    && NO_NUMBER.matcher(value).matches()) {
                value = null; // 无文号, 暂无案号: says there is none
            }
            if (value == null) {
                MappingConfig.FieldSpec spec = mapping.spec(field);
                if (spec != null && Boolean.TRUE.equals(spec.required())) {
                    reject(field, RejectReason.REQUIRED_MISSING, header(field) + " is required",
                            "“" + header(field) + "”为必填项，不能为空");
                }
            }
            return value;
        }

        /** A name cell: {@link #text}, without the spaces officers put between Chinese characters to align names. */
        String name(CanonicalField field) {
            String value = text(field);
            return value == null || value.indexOf(' ') < 0 ? value : Text.cleanName(value);
        }

        /** An identifier cell: text without Excel's text wrappers (="…", leading apostrophe). */
        String idText(CanonicalField field) {
            String value = text(field);
            return value == null ? null : Text.nullIfBlank(unwrapExcelText(value));
        }

        /**
         * A 工商注册号: 15 digits are checked (GS15, ISO 7064 MOD 11,10) and a wrong check digit rejects the row; other
         * lengths (the 13-digit numbers before 2007, regional forms) are kept as text.
         *
         * @param field the column the value was read from (its own, or the USCC's), for the reason
         */
        String registrationNo(CanonicalField field, String v) {
            if (!isFifteenDigits(v)) {
                return v;
            }
            IdCheck check = org.creditpipeline.normalize.RegistrationNumber.check(v);
            if (check.validity() == Validity.INVALID_CHECKSUM) {
                reject(field, RejectReason.REGISTRATION_NO_INVALID, "registration number: " + check.message(),
                        "工商注册号“" + v + "”校验不通过（校验位错误）");
                return null;
            }
            return v;
        }

        String identifierText(CanonicalField field) {
            String value = idText(field);
            return value == null ? null : value.replace(" ", "").toUpperCase();
        }

        String list(CanonicalField field) {
            String value = text(field);
            if (value == null) {
                return null;
            }
            // 处罚类别 come joined by ; ； 、 , ， or / (失信情形 by commas only: the mapping's separators), stored
            // joined by ; for everything downstream.
            // 其它 and 其他 are the same word spelt two ways (失信情形 of the court list use both).
            String joined = value.indexOf('它') >= 0 ? value.replace("其它", "其他") : value;
            MappingConfig.FieldSpec spec = mapping.spec(field);
            Map<String, String> codeList = spec.values();
            String separators = spec.separators();
            StringBuilder sb = new StringBuilder(value.length());
            for (int from = 0, n = joined.length(); from <= n; ) {
                int to = from;
                while (to < n && separators.indexOf(joined.charAt(to)) < 0) {
                    to++;
                }
                String t = joined.substring(from, to).strip();
                from = to + 1;
                if (!t.isEmpty() && !codeList.isEmpty()) {
                    String canonical = lookupCode(codeList, t);
                    if (canonical == null && t.indexOf(' ') > 0) {
                        canonical = lookupEach(codeList, t.split(" +")); // 党内严重警告 政务记过
                    }
                    if (canonical == null) {
                        reject(field, RejectReason.CODE_VALUE_UNKNOWN, "'" + t + "' is not one of " + codeList.keySet(),
                                "“" + t + "”不是“" + header(field) + "”的有效取值，应为：" + String.join("、", codeList.keySet()));
                        continue;
                    }
                    t = canonical;
                } else if (!t.isEmpty() && !spec.choices().isEmpty()) {
                    t = asChoices(spec.choices(), t);
                }
                if (!t.isEmpty()) {
                    if (sb.length() > 0) {
                        sb.append(';');
                    }
                    sb.append(t);
                }
            }
            return sb.toString();
        }

        /**
         * An item of a list without a code list (处罚类别) in the words of its suggested values when it is one of them
         * said with the verb of the decision text ({@code 给予警告}, {@code 并处罚款}, {@code 警告处罚}), or several of
         * them separated by spaces or line breaks ({@code 警告 罚款}): publication rules read these words (仅警告 is not
         * published, 通报批评 only 3 months). Anything else stays as written.
         */
        private static String asChoices(List<String> choices, String item) {
            String one = asChoice(choices, item);
            if (one != null) {
                return one;
            }
            if (item.indexOf(' ') < 0) {
                return item;
            }
            StringBuilder joined = new StringBuilder(item.length());
            for (String part : item.split(" +")) {
                String choice = asChoice(choices, part);
                if (choice == null) {
                    return item;
                }
                joined.append(joined.length() == 0 ? "" : ";").append(choice);
            }
            return joined.toString();
        }

        private static String asChoice(List<String> choices, String item) {
            if (choices.contains(item)) {
                return item;
            }
            String bare = item;
            for (String verb : new String[] {"给予", "予以", "处以", "并处", "处"}) {
                if (bare.startsWith(verb) && bare.length() > verb.length()) {
                    bare = bare.substring(verb.length());
                    break;
                }
            }
            if (bare.endsWith("处罚") && bare.length() > 2) {
                bare = bare.substring(0, bare.length() - 2);
            }
            return bare != item && choices.contains(bare) ? bare : null;
        }

        /** 男/男性/M/1 → 男, 女/女性/F/2 → 女 (1 and 2 are the codes of GB/T 2261.1, which platforms send). */
        String sex(CanonicalField field) {
            String value = text(field);
            if (value == null) {
                return null;
            }
            switch (value.strip().toUpperCase()) {
                case "男", "男性", "M", "MALE", "1":
                    return "男";
                case "女", "女性", "F", "FEMALE", "2":
                    return "女";
                case "0", "9", "未知", "未说明":
                    return null; // GB/T 2261.1: 0 未知的性别, 9 未说明的性别
                default:
                    reject(field, RejectReason.SEX_INVALID, "'" + value + "' is not a sex (男/女)",
                            "性别“" + value + "”无法识别，应为“男”或“女”");
                    return null;
            }
        }

        Integer integer(CanonicalField field) {
            String value = text(field);
            if (value == null) {
                return null;
            }
            String digits = value.strip();
            if (digits.endsWith("周岁")) {
                digits = digits.substring(0, digits.length() - 2).strip(); // 45周岁, 45岁: an age with its unit
            } else if (digits.endsWith("岁")) {
                digits = digits.substring(0, digits.length() - 1).strip();
            }
            try {
                int n = Integer.parseInt(digits);
                if (n >= 0 && n <= 150) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            reject(field, RejectReason.NUMBER_INVALID, "'" + value + "' is not a whole number between 0 and 150",
                    "“" + value + "”不是有效的整数（" + header(field) + "）");
            return null;
        }

        /**
         * One cell holding "身份证号码/组织机构代码" (the court list's cardNum): an org code (hyphen form or 9 characters),
         * a USCC (18 characters, for an organisation) or a resident ID (for a person); masked forms are accepted as
         * unverifiable. Without a category cell the mapping's default kind is a guess: a value that can only be one of
         * them (a valid USCC, a valid resident ID, a hyphenated org code) is taken for what it is.
         */
        PartyId partyId(CanonicalField field, SubjectKind hint) {
            String value = idText(field);
            if (value == null) {
                return PartyId.NONE;
            }
            String compact = value.replace(" ", "").toUpperCase();
            if (roundedByExcel(field, compact)) {
                return PartyId.NONE;
            }
            if (Text.nullIfBlank(raw(CanonicalField.SUBJECT_CATEGORY)) == null) {
                PartyId shaped = PartyId.byShape(compact);
                if (shaped != null) {
                    return shaped;
                }
            }
            boolean person = hint != null && hint.isPerson();
            if (person && compact.indexOf('-') > 0 && OrgCode.check(compact).isUsable()) {
                // A hyphenated code with a valid check character is never a resident ID: say what contradicts what.
                String category = text(CanonicalField.SUBJECT_CATEGORY);
                reject(CanonicalField.SUBJECT_CATEGORY, RejectReason.SUBJECT_KIND_CONFLICT, "'" + category + "' states a"
                                + " natural person, but " + header(field) + " '" + value + "' is an organization code",
                        "“" + header(CanonicalField.SUBJECT_CATEGORY) + "”为“" + category + "”（自然人），但“"
                                + header(field) + "”“" + value + "”是组织机构代码，二者不符");
                return PartyId.NONE;
            }
            if (!person && (compact.indexOf('-') > 0 || compact.length() == 9)) {
                IdCheck org = OrgCode.check(compact);
                if (org.isUsable()) {
                    return new PartyId(null, org, null);
                }
                reject(field, RejectReason.ORG_CODE_INVALID, "organization code: " + org.message(),
                        "组织机构代码“" + value + "”校验不通过（" + zh(org.validity()) + "）");
                return PartyId.NONE;
            }
            if (!person && compact.length() == 18) {
                IdCheck uscc = Uscc.check(compact);
                if (uscc.isUsable()) {
                    return new PartyId(uscc, null, null);
                }
                if (hint != null) {
                    reject(field, RejectReason.USCC_INVALID, "unified social credit code: " + uscc.message(),
                            "统一社会信用代码“" + value + "”校验不通过（" + zh(uscc.validity()) + "）");
                    return PartyId.NONE;
                }
            }
            IdCheck id = ResidentId.check(compact);
            if (!id.isUsable()) {
                reject(field, RejectReason.ID_INVALID, "resident ID number: " + id.message(),
                        "身份证号码“" + value + "”不正确（" + zh(id.validity()) + "）");
                return PartyId.NONE;
            }
            return new PartyId(null, null, id.value());
        }

        String code(CanonicalField field) {
            String value = text(field);
            if (value == null) {
                return null;
            }
            MappingConfig.FieldSpec spec = mapping.spec(field);
            String code = lookupCode(spec.values(), value);
            if (code == null) {
                reject(field, RejectReason.CODE_VALUE_UNKNOWN, "'" + value + "' is not one of " + spec.values().keySet(),
                        "“" + value + "”不是“" + header(field) + "”的有效取值，应为：" + String.join("、", spec.values().keySet()));
            }
            return code;
        }

        IdCheck uscc(CanonicalField field) {
            return uscc(field, idText(field));
        }

        /** @param value the field's cell as {@link #idText} read it */
        IdCheck uscc(CanonicalField field, String value) {
            if (value == null || Uscc.isPlaceholder(value)) {
                return null;
            }
            if (roundedByExcel(field, value)) {
                return null;
            }
            IdCheck check = Uscc.check(value);
            if (!check.isUsable()) {
                if (check.validity() != Validity.INVALID_FORMAT && ResidentId.check(value).isUsable()) {
                    // a person's number in the organisation column: say so, not "wrong check character"
                    reject(field, RejectReason.USCC_INVALID, "'" + value + "' is a resident ID number, not a unified"
                                    + " social credit code: a natural person's number belongs in the ID number column",
                            "“" + value + "”是身份证号码，不是统一社会信用代码：自然人的号码请填入证件号码列，并核对行政相对人类别");
                    return null;
                }
                if (truncatedByExcel(field, value)) {
                    return null;
                }
                String lookalike = check.validity() == Validity.INVALID_FORMAT ? Uscc.lookalikeCorrection(value) : null;
                if (lookalike != null) {
                    // never corrected silently: the officer checks the original document
                    reject(field, RejectReason.USCC_INVALID, "unified social credit code: " + check.message()
                                    + "; the code uses no letters I, O, S, V or Z: with the digits 0 and 1 for O and I it"
                                    + " reads " + lookalike + ", check it against the original",
                            "统一社会信用代码“" + value + "”含字母O或I，统一社会信用代码不使用字母I、O、S、V、Z；若为数字0和1，应为"
                                    + lookalike + "，请对照原件核实后重新填写");
                    return null;
                }
                reject(field, RejectReason.USCC_INVALID, "unified social credit code: " + check.message(),
                        "统一社会信用代码“" + value + "”校验不通过（" + zh(check.validity()) + "）");
                return null;
            }
            return check;
        }

        IdCheck orgCode(CanonicalField field) {
            String value = idText(field);
            if (value == null || OrgCode.isPlaceholder(value)) {
                return null;
            }
            IdCheck check = OrgCode.check(value);
            if (!check.isUsable() && value.matches("\\d{1,8}")) {
                reject(field, RejectReason.ORG_CODE_INVALID, "organization code '" + value + "' has " + value.length()
                                + " digits instead of 9: Excel most likely stored it as a number and dropped its leading"
                                + " zeros; format the column as text and enter the code again",
                        "组织机构代码“" + value + "”只有" + value.length() + "位：很可能被Excel按数值存储而丢失了开头的0，"
                                + "请将该列设置为“文本”格式后重新填写");
                return null;
            }
            if (!check.isUsable()) {
                reject(field, RejectReason.ORG_CODE_INVALID, "organization code: " + check.message(),
                        "组织机构代码“" + value + "”校验不通过（" + zh(check.validity()) + "）");
                return null;
            }
            return check;
        }

        /** 身份证 numbers are checked (GB 11643); other document types are kept as text. */
        String personId(CanonicalField field, String idType) {
            String value = idText(field);
            if (value == null) {
                return null;
            }
            if (roundedByExcel(field, value)) {
                return null;
            }
            if (!isResidentIdType(idType)) {
                return value.replace(" ", "").toUpperCase();
            }
            IdCheck check = ResidentId.check(value);
            if (!check.isUsable()) {
                if (Uscc.check(value).isUsable()) {
                    // an organisation's code in the person column: say so, not "wrong check digit"
                    reject(field, RejectReason.ID_INVALID, "'" + value + "' is a unified social credit code, not a"
                                    + " resident ID number: check the subject category and the columns",
                            "“" + value + "”是统一社会信用代码，不是身份证号码：请核对行政相对人类别，单位的代码请填入统一社会信用代码列");
                    return null;
                }
                if (truncatedByExcel(field, value)) {
                    return null;
                }
                reject(field, RejectReason.ID_INVALID, "resident ID number: " + check.message(),
                        "身份证号码“" + value + "”不正确（" + zh(check.validity()) + "）");
                return null;
            }
            return check.value();
        }

        /** A failed 18-digit number ending in 000: Excel's rounding, said so instead of "wrong check digit". */
        private boolean truncatedByExcel(CanonicalField field, String value) {
            if (!EXCEL_TRUNCATED.matcher(value).matches()) {
                return false;
            }
            reject(field, field.type() == CanonicalField.Type.USCC ? RejectReason.USCC_INVALID : RejectReason.ID_INVALID,
                    "'" + value + "' ends in 000 and fails the check: Excel most likely stored the number as a number"
                            + " and lost its last digits (it keeps 15); format the column as text and enter the number"
                            + " again from the original",
                    "“" + value + "”末三位为000且校验不通过：该号码很可能被Excel按数值存储，后几位已丢失（Excel只保留15位），"
                            + "请将该列设置为“文本”格式后按原件重新填写");
            return true;
        }

        private boolean roundedByExcel(CanonicalField field, String value) {
            if (value.indexOf('E') > 0 || value.indexOf('e') > 0) {
                if (EXCEL_ROUNDED.matcher(value).matches()) {
                    reject(field, field.type() == CanonicalField.Type.USCC ? RejectReason.USCC_INVALID : RejectReason.ID_INVALID,
                            "the number was stored as a number and rounded by Excel (" + value
                                    + "); format the column as text and enter it again",
                            "该号码被Excel按数值存储并已丢失精度（" + value + "），请将该列设置为“文本”格式后重新填写");
                    return true;
                }
            }
            return false;
        }

        LocalDate date(CanonicalField field) {
            String value = text(field);
            if (value == null) {
                return null;
            }
            try {
                return Dates.parse(value, row.table().date1904());
            } catch (InvalidValueException e) {
                reject(field, e.code(), e.getMessage(), e.messageZh());
                return null;
            }
        }

        /**
         * The end date a 有效期 or 公示截止期 cell states: a date, 长期, a period's end, or a length (三年, 6个月)
         * counted from the decision date.
         */
        LocalDate validityDate(CanonicalField field, LocalDate decided) {
            String value = text(field);
            if (value == null) {
                return null;
            }
            try {
                return Dates.parseValidityEnd(value, row.table().date1904());
            } catch (InvalidValueException e) {
                java.time.Period length = Dates.periodLength(value);
                if (length != null && decided != null) {
                    return decided.plus(length);
                }
                if (length == null) {
                    reject(field, e.code(), e.getMessage(), e.messageZh());
                }
                return null; // a length without a decision date: that date's own reason is reported
            }
        }

        /**
         * {@link #amount}, rejected when the column is read in 万元, the cell states no unit, and it equals the one
         * amount the 处罚内容 states in 元 for the same thing (2000 beside 罚款2000元): the most common amount error, the
         * 元 of the decision typed into the column in 万元.
         *
         * @param yuan what the content states in 元, or null
         * @param what 罚款 or 没收违法所得, for the message
         */
        BigDecimal amountAgainstContent(CanonicalField field, BigDecimal yuan, String what) {
            BigDecimal amount = amount(field);
            if (amount == null || yuan == null || yuan.compareTo(BigDecimal.TEN) < 0 || amount.compareTo(yuan) != 0
                    || mapping.amountShift(field) != 0 || Amounts.stated(raw(field))) {
                return amount;
            }
            String cell = raw(field).strip();
            String wan = yuan.movePointLeft(4).stripTrailingZeros().toPlainString();
            reject(field, RejectReason.AMOUNT_INVALID, "the column is in 10,000 yuan (万元) but holds " + cell
                            + ", the amount in yuan the content states (" + what + " " + yuan.toPlainString() + " 元): enter "
                            + wan + ", or state the unit 元, or head the column in yuan (元)",
                    "“" + header(field) + "”的单位是万元，所填" + cell + "与处罚内容中的" + what + yuan.toPlainString()
                            + "元相同，应填" + wan + "（万元），或写明单位“元”；若该列都按元填写，请在列标题中注明“（元）”");
            return null;
        }

        BigDecimal amount(CanonicalField field) {
            String value = text(field);
            if (value == null) {
                return null;
            }
            try {
                // the column's unit (万元 unless its header says 元), unless the value states its own
                return Amounts.wanYuan(value, mapping.amountShift(field));
            } catch (InvalidValueException e) {
                reject(field, e.code(), e.getMessage(), e.messageZh());
                return null;
            }
        }

        private static String zh(Validity validity) {
            return switch (validity) {
                case INVALID_CHECKSUM -> "校验位错误";
                case INVALID_FORMAT -> "格式或长度错误";
                case INVALID_DATE -> "出生日期无效";
                case INVALID_REGION -> "地址码无效";
                case VALID, MASKED -> "有效";
            };
        }
    }
}
