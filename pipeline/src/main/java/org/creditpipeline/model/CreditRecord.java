package org.creditpipeline.model;

/**
 * The canonical credit record: one model for the four kinds of 政务失信记录 and the wider 双公示 / 失信被执行人 records.
 * Every source format (CSV, spreadsheet, JSON feed, upward package) is mapped onto it; see docs/GLOSSARY.md for the
 * Chinese terms.
 *
 * @param kind 记录类别: 司法判决 / 行政处罚 / 纪律处分 / 问责处理 / 失信被执行人
 * @param subjectKind 行政相对人类别 / 主体类型
 * @param subjectName 行政相对人名称 / 被执行人姓名或名称 (normalized text, original CJK kept)
 * @param uscc 统一社会信用代码, normalized (upper case, no spaces)
 * @param orgCode 组织机构代码 without hyphen
 * @param registrationNo 工商注册号
 * @param taxNo 税务登记号
 * @param institutionCertNo 事业单位证书号
 * @param socialOrgNo 社会组织登记证号
 * @param idType 证件类型 (身份证, 护照号, ...)
 * @param idNumber 证件号码; 身份证 numbers upper-cased and 15-digit numbers converted to 18; masked numbers kept as given
 * @param legalRepresentative 法定代表人 / 负责人
 * @param legalRepIdType 法定代表人证件类型
 * @param legalRepIdNumber 法定代表人证件号码
 * @param workUnit 工作单位 (civil servants)
 * @param workUnitUscc 工作单位统一社会信用代码 (civil servants)
 * @param position 职务 (civil servants)
 * @param documentNumber 决定书文号 / 案号, raw as submitted
 * @param documentNumberKey comparison key of documentNumber (DOMAIN.md §5)
 * @param authorityName 处罚机关 / 执行法院 / 处分机关
 * @param authorityUscc 处罚机关统一社会信用代码
 * @param decisionDate 处罚决定日期 / 立案时间 / 处分日期
 * @param category 处罚类别 / 处分种类 / 问责方式 / 失信情形, separators unified to '；'
 * @param violationType 违法行为类型
 * @param facts 违法事实 / 处罚事由
 * @param content 处罚内容 / 生效法律文书确定的义务
 * @param fineAmount 罚款金额（万元）
 * @param confiscatedAmount 没收违法所得、没收非法财物的金额（万元）
 * @param legalBasis 处罚依据
 * @param validUntil 处罚有效期
 * @param publicationEnd 公示截止期 as submitted
 * @param severity 失信严重程度 as decided by the 认定单位
 * @param regionCode GB/T 2260 行政区划代码 of the record (地方编码)
 * @param dataSourceUnit 数据来源单位
 * @param dataSourceUscc 数据来源单位统一社会信用代码
 * @param performance 履行情况 (失信被执行人)
 * @param remarks 备注
 * @param sex 性别 (男/女)
 * @param age 年龄 (失信被执行人 natural persons)
 * @param publicationDate 发布时间 (失信被执行人)
 * @param basisUnit 做出执行依据单位 (失信被执行人 gistUnit)
 * @param performedPart 已履行部分
 * @param unperformedPart 未履行部分
 * @param areaName 省份 as published by the court list (areaName)
 * @param status record status
 * @param provenance source file or feed, sheet and row
 */
public record CreditRecord(
        RecordKind kind,
        SubjectKind subjectKind,
        String subjectName,
        String uscc,
        String orgCode,
        String registrationNo,
        String taxNo,
        String institutionCertNo,
        String socialOrgNo,
        String idType,
        String idNumber,
        String legalRepresentative,
        String legalRepIdType,
        String legalRepIdNumber,
        String workUnit,
        String workUnitUscc,
        String position,
        String documentNumber,
        String documentNumberKey,
        String authorityName,
        String authorityUscc,
        java.time.LocalDate decisionDate,
        String category,
        String violationType,
        String facts,
        String content,
        java.math.BigDecimal fineAmount,
        java.math.BigDecimal confiscatedAmount,
        String legalBasis,
        java.time.LocalDate validUntil,
        java.time.LocalDate publicationEnd,
        SeverityTier severity,
        String regionCode,
        String dataSourceUnit,
        String dataSourceUscc,
        String performance,
        String remarks,
        String sex,
        Integer age,
        java.time.LocalDate publicationDate,
        String basisUnit,
        String performedPart,
        String unperformedPart,
        String areaName,
        RecordStatus status,
        Provenance provenance) {

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        CreditRecord r = this;
            b.kind = r.kind;
            b.subjectKind = r.subjectKind;
            b.subjectName = r.subjectName;
            b.uscc = r.uscc;
            b.orgCode = r.orgCode;
            b.registrationNo = r.registrationNo;
            b.taxNo = r.taxNo;
            b.institutionCertNo = r.institutionCertNo;
            b.socialOrgNo = r.socialOrgNo;
            b.idType = r.idType;
            b.idNumber = r.idNumber;
            b.legalRepresentative = r.legalRepresentative;
            b.legalRepIdType = r.legalRepIdType;
            b.legalRepIdNumber = r.legalRepIdNumber;
            b.workUnit = r.workUnit;
            b.workUnitUscc = r.workUnitUscc;
            b.position = r.position;
            b.documentNumber = r.documentNumber;
            b.documentNumberKey = r.documentNumberKey;
            b.authorityName = r.authorityName;
            b.authorityUscc = r.authorityUscc;
            b.decisionDate = r.decisionDate;
            b.category = r.category;
            b.violationType = r.violationType;
            b.facts = r.facts;
            b.content = r.content;
            b.fineAmount = r.fineAmount;
            b.confiscatedAmount = r.confiscatedAmount;
            b.legalBasis = r.legalBasis;
            b.validUntil = r.validUntil;
            b.publicationEnd = r.publicationEnd;
            b.severity = r.severity;
            b.regionCode = r.regionCode;
            b.dataSourceUnit = r.dataSourceUnit;
            b.dataSourceUscc = r.dataSourceUscc;
            b.performance = r.performance;
            b.remarks = r.remarks;
            b.sex = r.sex;
            b.age = r.age;
            b.publicationDate = r.publicationDate;
            b.basisUnit = r.basisUnit;
            b.performedPart = r.performedPart;
            b.unperformedPart = r.unperformedPart;
            b.areaName = r.areaName;
            b.status = r.status;
            b.provenance = r.provenance;
        return b;
    }

    /** Mutable builder: the ingest processor fills it field by field while validating. */
    public static final class Builder {
        private RecordKind kind;
        private SubjectKind subjectKind;
        private String subjectName;
        private String uscc;
        private String orgCode;
        private String registrationNo;
        private String taxNo;
        private String institutionCertNo;
        private String socialOrgNo;
        private String idType;
        private String idNumber;
        private String legalRepresentative;
        private String legalRepIdType;
        private String legalRepIdNumber;
        private String workUnit;
        private String workUnitUscc;
        private String position;
        private String documentNumber;
        private String documentNumberKey;
        private String authorityName;
        private String authorityUscc;
        private java.time.LocalDate decisionDate;
        private String category;
        private String violationType;
        private String facts;
        private String content;
        private java.math.BigDecimal fineAmount;
        private java.math.BigDecimal confiscatedAmount;
        private String legalBasis;
        private java.time.LocalDate validUntil;
        private java.time.LocalDate publicationEnd;
        private SeverityTier severity;
        private String regionCode;
        private String dataSourceUnit;
        private String dataSourceUscc;
        private String performance;
        private String remarks;
        private String sex;
        private Integer age;
        private java.time.LocalDate publicationDate;
        private String basisUnit;
        private String performedPart;
        private String unperformedPart;
        private String areaName;
        private RecordStatus status;
        private Provenance provenance;

        private Builder() {
            status = RecordStatus.ACTIVE;
            severity = SeverityTier.UNSPECIFIED;
        }

        public Builder kind(RecordKind kind) {
            this.kind = kind;
            return this;
        }

        public Builder subjectKind(SubjectKind subjectKind) {
            this.subjectKind = subjectKind;
            return this;
        }

        public Builder subjectName(String subjectName) {
            this.subjectName = subjectName;
            return this;
        }

        public Builder uscc(String uscc) {
            this.uscc = uscc;
            return this;
        }

        public Builder orgCode(String orgCode) {
            this.orgCode = orgCode;
            return this;
        }

        public Builder registrationNo(String registrationNo) {
            this.registrationNo = registrationNo;
            return this;
        }

        public Builder taxNo(String taxNo) {
            this.taxNo = taxNo;
            return this;
        }

        public Builder institutionCertNo(String institutionCertNo) {
            this.institutionCertNo = institutionCertNo;
            return this;
        }

        public Builder socialOrgNo(String socialOrgNo) {
            this.socialOrgNo = socialOrgNo;
            return this;
        }

        public Builder idType(String idType) {
            this.idType = idType;
            return this;
        }

        public Builder idNumber(String idNumber) {
            this.idNumber = idNumber;
            return this;
        }

        public Builder legalRepresentative(String legalRepresentative) {
            this.legalRepresentative = legalRepresentative;
            return this;
        }

        public Builder legalRepIdType(String legalRepIdType) {
            this.legalRepIdType = legalRepIdType;
            return this;
        }

        public Builder legalRepIdNumber(String legalRepIdNumber) {
            this.legalRepIdNumber = legalRepIdNumber;
            return this;
        }

        public Builder workUnit(String workUnit) {
            this.workUnit = workUnit;
            return this;
        }

        public Builder workUnitUscc(String workUnitUscc) {
            this.workUnitUscc = workUnitUscc;
            return this;
        }

        public Builder position(String position) {
            this.position = position;
            return this;
        }

        public Builder documentNumber(String documentNumber) {
            this.documentNumber = documentNumber;
            return this;
        }

        public Builder documentNumberKey(String documentNumberKey) {
            this.documentNumberKey = documentNumberKey;
            return this;
        }

        public Builder authorityName(String authorityName) {
            this.authorityName = authorityName;
            return this;
        }

        public Builder authorityUscc(String authorityUscc) {
            this.authorityUscc = authorityUscc;
            return this;
        }

        public Builder decisionDate(java.time.LocalDate decisionDate) {
            this.decisionDate = decisionDate;
            return this;
        }

        public Builder category(String category) {
            this.category = category;
            return this;
        }

        public Builder violationType(String violationType) {
            this.violationType = violationType;
            return this;
        }

        public Builder facts(String facts) {
            this.facts = facts;
            return this;
        }

        public Builder content(String content) {
            this.content = content;
            return this;
        }

        public Builder fineAmount(java.math.BigDecimal fineAmount) {
            this.fineAmount = fineAmount;
            return this;
        }

        public Builder confiscatedAmount(java.math.BigDecimal confiscatedAmount) {
            this.confiscatedAmount = confiscatedAmount;
            return this;
        }

        public Builder legalBasis(String legalBasis) {
            this.legalBasis = legalBasis;
            return this;
        }

        public Builder validUntil(java.time.LocalDate validUntil) {
            this.validUntil = validUntil;
            return this;
        }

        public Builder publicationEnd(java.time.LocalDate publicationEnd) {
            this.publicationEnd = publicationEnd;
            return this;
        }

        public Builder severity(SeverityTier severity) {
            this.severity = severity;
            return this;
        }

        public Builder regionCode(String regionCode) {
            this.regionCode = regionCode;
            return this;
        }

        public Builder dataSourceUnit(String dataSourceUnit) {
            this.dataSourceUnit = dataSourceUnit;
            return this;
        }

        public Builder dataSourceUscc(String dataSourceUscc) {
            this.dataSourceUscc = dataSourceUscc;
            return this;
        }

        public Builder performance(String performance) {
            this.performance = performance;
            return this;
        }

        public Builder remarks(String remarks) {
            this.remarks = remarks;
            return this;
        }

        public Builder sex(String sex) {
            this.sex = sex;
            return this;
        }

        public Builder age(Integer age) {
            this.age = age;
            return this;
        }

        public Builder publicationDate(java.time.LocalDate publicationDate) {
            this.publicationDate = publicationDate;
            return this;
        }

        public Builder basisUnit(String basisUnit) {
            this.basisUnit = basisUnit;
            return this;
        }

        public Builder performedPart(String performedPart) {
            this.performedPart = performedPart;
            return this;
        }

        public Builder unperformedPart(String unperformedPart) {
            this.unperformedPart = unperformedPart;
            return this;
        }

        public Builder areaName(String areaName) {
            this.areaName = areaName;
            return this;
        }

        public Builder status(RecordStatus status) {
            this.status = status;
            return this;
        }

        public Builder provenance(Provenance provenance) {
            this.provenance = provenance;
            return this;
        }

        public CreditRecord build() {
            return new CreditRecord(kind, subjectKind, subjectName, uscc, orgCode, registrationNo, taxNo, institutionCertNo, socialOrgNo, idType, idNumber, legalRepresentative, legalRepIdType, legalRepIdNumber, workUnit, workUnitUscc, position, documentNumber, documentNumberKey, authorityName, authorityUscc, decisionDate, category, violationType, facts, content, fineAmount, confiscatedAmount, legalBasis, validUntil, publicationEnd, severity, regionCode, dataSourceUnit, dataSourceUscc, performance, remarks, sex, age, publicationDate, basisUnit, performedPart, unperformedPart, areaName, status, provenance);
        }
    }
}
