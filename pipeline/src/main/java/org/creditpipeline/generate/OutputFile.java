package org.creditpipeline.generate;

import static org.creditpipeline.generate.Field.*;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.creditpipeline.model.RecordKind;

/** The data files the generator writes: name, encoding, record kind, and header cell ↔ field per column. */
enum OutputFile {
    PENALTY_V2("penalty-v2.csv", StandardCharsets.UTF_8, true, RecordKind.ADMINISTRATIVE_PENALTY, new Object[] {
            "行政相对人名称", NAME, "行政相对人类别", SUBJECT_KIND,
            "行政相对人代码_1(统一社会信用代码)", USCC, "行政相对人代码_2(工商注册号)", REG_NO,
            "行政相对人代码_3(组织机构代码)", ORG_CODE, "行政相对人代码_4(税务登记号)", TAX_NO,
            "行政相对人代码_5(事业单位证书号)", INST_CERT, "行政相对人代码_6(社会组织登记证号)", SOCIAL_ORG,
            "法定代表人", LEGAL_REP, "法定代表人证件类型", LEGAL_REP_ID_TYPE, "法定代表人证件号码", LEGAL_REP_ID,
            "证件类型", ID_TYPE, "证件号码", ID_NUMBER, "行政处罚决定书文号", DOC_NO,
            "违法行为类型", VIOLATION_TYPE, "违法事实", FACTS, "处罚依据", BASIS, "处罚类别", CATEGORY,
            "处罚内容", CONTENT, "罚款金额（万元）", FINE, "没收违法所得、没收非法财物的金额（万元）", CONFISCATED,
            "暂扣或吊销证照名称及编号", LICENCE, "处罚决定日期", DECISION_DATE, "处罚有效期", VALID_UNTIL,
            "公示截止期", PUBLICATION_END, "处罚机关", AUTHORITY, "处罚机关统一社会信用代码", AUTHORITY_USCC,
            "数据来源单位", SOURCE_UNIT, "数据来源单位统一社会信用代码", SOURCE_USCC, "地方编码", REGION,
            "备注", REMARKS}),

    // Real v1 Excel exports: full-width brackets, a trailing space after 税务登记号）, and the typo 财务 (DOMAIN.md §3).
    PENALTY_V1_GBK("penalty-v1-gbk.csv", Charset.forName("GBK"), false, RecordKind.ADMINISTRATIVE_PENALTY, new Object[] {
            "行政相对人名称", NAME, "行政相对人类别", SUBJECT_KIND,
            "行政相对人代码_1（统一社会信用代码）", USCC, "行政相对人代码_2（工商注册号）", REG_NO,
            "行政相对人代码_3（组织机构代码）", ORG_CODE, "行政相对人代码_4（税务登记号） ", TAX_NO,
            "行政相对人代码_5（事业单位证书号）", INST_CERT, "行政相对人代码_6（社会组织登记证号）", SOCIAL_ORG,
            "法定代表人", LEGAL_REP, "法定代表人身份证号", LEGAL_REP_ID,
            "证件类型", ID_TYPE, "证件号码", ID_NUMBER, "行政处罚决定书文号", DOC_NO,
            "违法行为类型", VIOLATION_TYPE, "违法事实", FACTS, "处罚依据", BASIS, "处罚类别", CATEGORY,
            "处罚内容", CONTENT, "处罚金额（万元）", FINE, "没收违法所得、没收非法财务的金额（万元）", CONFISCATED,
            "暂扣或吊销证照名称及编号", LICENCE, "处罚决定日期", DECISION_DATE, "处罚有效期", VALID_UNTIL,
            "公示截止期", PUBLICATION_END, "处罚机关", AUTHORITY, "处罚机关统一社会信用代码", AUTHORITY_USCC,
            "数据来源单位", SOURCE_UNIT, "数据来源单位统一社会信用代码", SOURCE_USCC, "地方编码", REGION,
            "备注", REMARKS, "数据导出时间", EXPORT_TIME}),

    SANCTION("sanction.csv", StandardCharsets.UTF_8, false, RecordKind.DISCIPLINARY_SANCTION, new Object[] {
            "姓名", NAME, "身份证号码", ID_NUMBER, "工作单位", WORK_UNIT, "工作单位统一社会信用代码", WORK_UNIT_USCC,
            "职务", POSITION, "处分决定文号", DOC_NO, "处分种类", CATEGORY, "违纪事实", FACTS, "处分依据", BASIS,
            "处分机关", AUTHORITY, "处分机关统一社会信用代码", AUTHORITY_USCC, "处分决定日期", DECISION_DATE,
            "公示截止期", PUBLICATION_END, "失信严重程度", SEVERITY, "地方编码", REGION, "数据来源单位", SOURCE_UNIT,
            "备注", REMARKS}),

    ACCOUNTABILITY("accountability.csv", StandardCharsets.UTF_8, false, RecordKind.ACCOUNTABILITY, new Object[] {
            "问责对象名称", NAME, "问责对象类别", SUBJECT_KIND, "统一社会信用代码", USCC, "身份证号码", ID_NUMBER,
            "工作单位", WORK_UNIT, "职务", POSITION, "问责决定文号", DOC_NO, "问责方式", CATEGORY, "问责事由", FACTS,
            "问责依据", BASIS, "问责机关", AUTHORITY, "问责机关统一社会信用代码", AUTHORITY_USCC,
            "问责决定日期", DECISION_DATE, "公示截止期", PUBLICATION_END, "失信严重程度", SEVERITY, "地方编码", REGION,
            "数据来源单位", SOURCE_UNIT, "备注", REMARKS}),

    JUDGMENT("judgment.csv", StandardCharsets.UTF_8, false, RecordKind.COURT_JUDGMENT, new Object[] {
            "当事人名称", NAME, "当事人类别", SUBJECT_KIND, "统一社会信用代码", USCC, "证件号码", ID_NUMBER,
            "法定代表人", LEGAL_REP, "案号", DOC_NO, "案由", CAUSE, "判决结果", RESULT, "审判法院", AUTHORITY,
            "判决日期", DECISION_DATE, "公示截止期", PUBLICATION_END, "失信严重程度", SEVERITY, "地方编码", REGION,
            "数据来源单位", SOURCE_UNIT, "备注", REMARKS});

    final String fileName;
    final Charset charset;
    final boolean bom;
    final RecordKind kind;
    final String[] headers;
    final Field[] fields;

    OutputFile(String fileName, Charset charset, boolean bom, RecordKind kind, Object[] headerAndField) {
        this.fileName = fileName;
        this.charset = charset;
        this.bom = bom;
        this.kind = kind;
        List<String> h = new ArrayList<>();
        List<Field> f = new ArrayList<>();
        for (int i = 0; i < headerAndField.length; i += 2) {
            h.add((String) headerAndField[i]);
            f.add((Field) headerAndField[i + 1]);
        }
        this.headers = h.toArray(String[]::new);
        this.fields = f.toArray(Field[]::new);
    }

    boolean has(Field field) {
        for (Field f : fields) {
            if (f == field) {
                return true;
            }
        }
        return false;
    }

    boolean isPenalty() {
        return kind == RecordKind.ADMINISTRATIVE_PENALTY;
    }

    /** The 类别 value as this file's code list spells it (v1 knows only 法人和其他组织 and 自然人). */
    String subjectKindLabel(String canonical) {
        if (this == PENALTY_V1_GBK && ("法人及非法人组织".equals(canonical) || "个体工商户".equals(canonical))) {
            return "法人和其他组织";
        }
        return canonical;
    }
}
