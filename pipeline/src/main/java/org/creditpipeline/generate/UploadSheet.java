package org.creditpipeline.generate;

import static org.creditpipeline.generate.Field.*;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.creditpipeline.model.RecordKind;

/**
 * The sheets of the county upload workbook, each with the header style of a real source (DOMAIN.md §3). A sheet takes
 * its fields from a CSV layout ({@link #base}), so defects and variants apply unchanged; a column given a string
 * instead of a field holds that constant (upload-system columns the mappings ignore).
 */
enum UploadSheet {
    // Data-contest exports: ASCII _1/_2/_6 beside full-width ＿3/＿4/＿5, a space before (工商注册号), the short
    // 行政处罚决定文书号, and the upload system's own columns.
    PENALTY("行政处罚", "行政处罚信息", OutputFile.PENALTY_V2, new Object[] {
            "行政相对人名称", NAME, "行政相对人类别", SUBJECT_KIND,
            "行政相对人代码_1(统一社会信用代码)", USCC, "行政相对人代码_2 (工商注册号)", REG_NO,
            "行政相对人代码＿3(组织机构代码)", ORG_CODE, "行政相对人代码＿4(税务登记号)", TAX_NO,
            "行政相对人代码＿5(事业单位证书号)", INST_CERT, "行政相对人代码_6(社会组织登记证号)", SOCIAL_ORG,
            "法定代表人", LEGAL_REP, "法定代表人证件类型", LEGAL_REP_ID_TYPE, "法定代表人证件号码", LEGAL_REP_ID,
            "证件类型", ID_TYPE, "证件号码", ID_NUMBER, "行政处罚决定文书号", DOC_NO,
            "违法行为类型", VIOLATION_TYPE, "违法事实", FACTS, "处罚依据", BASIS, "处罚类别", CATEGORY,
            "处罚内容", CONTENT, "罚款金额（万元）", FINE, "没收违法所得、没收非法财物的金额（万元）", CONFISCATED,
            "暂扣或吊销证照名称及编号", LICENCE, "处罚决定日期", DECISION_DATE, "处罚有效期", VALID_UNTIL,
            "公示截止期", PUBLICATION_END, "处罚机关", AUTHORITY, "处罚机关统一社会信用代码", AUTHORITY_USCC,
            "数据来源单位", SOURCE_UNIT, "数据来源单位统一社会信用代码", SOURCE_USCC, "地方编码", REGION,
            "备注", REMARKS, "信息使用范围", "社会公开", "自动上报信用中国状态", "未上报", "错误原因", ""}),

    // 市场监管 / 公示系统 style, with the hyphenated code header.
    PENALTY_MARKET("市场监管", "市场监管行政处罚信息", OutputFile.PENALTY_V2, new Object[] {
            "行政相对人名称", NAME, "行政相对人类别", SUBJECT_KIND, "行政相对人代码-统一社会信用代码", USCC,
            "组织机构代码", ORG_CODE, "法定代表人（负责人）姓名", LEGAL_REP, "证件类型", ID_TYPE, "证件号码", ID_NUMBER,
            "处罚决定书文号", DOC_NO, "违法行为类型", VIOLATION_TYPE, "主要违法事实", FACTS, "处罚依据", BASIS,
            "处罚种类", CATEGORY, "处罚内容", CONTENT, "罚款金额", FINE, "没收金额", CONFISCATED,
            "处罚决定日期", DECISION_DATE, "公示截止期", PUBLICATION_END, "决定机关名称", AUTHORITY,
            "决定机关统一社会信用代码", AUTHORITY_USCC, "数据来源单位", SOURCE_UNIT, "地方编码", REGION,
            "备注", REMARKS}),

    // Financial regulators: 违规主体名称, 罚没款金额（万元）, 公开截止期, the long ID header.
    PENALTY_FINANCE("金融监管", "金融监管行政处罚信息", OutputFile.PENALTY_V2, new Object[] {
            "违规主体名称", NAME, "行政相对人类别", SUBJECT_KIND, "统一社会信用代码", USCC, "组织机构代码", ORG_CODE,
            "法定代表人或负责人姓名", LEGAL_REP, "证件类型", ID_TYPE, "有效身份证件号码（身份证、护照等）", ID_NUMBER,
            "行政处罚决定书文号", DOC_NO, "违法行为类型", VIOLATION_TYPE, "主要违法违规事实", FACTS,
            "处罚依据", BASIS, "处罚类别", CATEGORY, "处罚内容", CONTENT, "罚没款金额（万元）", FINE,
            "没收违法所得、没收非法财物的金额（万元）", CONFISCATED, "处罚决定日期", DECISION_DATE,
            "公开截止期", PUBLICATION_END, "作出处罚决定的行政机关名称", AUTHORITY, "地方编码", REGION,
            "数据来源单位", SOURCE_UNIT, "备注", REMARKS}),

    SANCTION("纪律处分", "纪律处分信息", OutputFile.SANCTION, new Object[] {
            "被处分人姓名", NAME, "身份证号", ID_NUMBER, "所在单位", WORK_UNIT,
            "所在单位统一社会信用代码", WORK_UNIT_USCC, "职务职级", POSITION, "处分决定书文号", DOC_NO,
            "处分种类", CATEGORY, "违纪违法事实", FACTS, "处分依据", BASIS, "处分决定机关", AUTHORITY,
            "处分机关统一社会信用代码", AUTHORITY_USCC, "处分日期", DECISION_DATE, "公示截止期", PUBLICATION_END,
            "失信严重程度", SEVERITY, "行政区划代码", REGION, "数据来源单位", SOURCE_UNIT, "备注", REMARKS});

    static final UploadSheet[] PENALTY_SHEETS = {PENALTY, PENALTY, PENALTY_MARKET, PENALTY_FINANCE};

    final String sheetName;
    final String title;
    final OutputFile base;
    final String[] headers;
    /** Field per column, or null for a constant column. */
    final Field[] fields;
    final String[] constants;

    UploadSheet(String sheetName, String title, OutputFile base, Object[] headerAndContent) {
        this.sheetName = sheetName;
        this.title = title;
        this.base = base;
        List<String> h = new ArrayList<>();
        List<Field> f = new ArrayList<>();
        List<String> c = new ArrayList<>();
        for (int i = 0; i < headerAndContent.length; i += 2) {
            h.add((String) headerAndContent[i]);
            Object content = headerAndContent[i + 1];
            f.add(content instanceof Field field ? field : null);
            c.add(content instanceof String constant ? constant : null);
        }
        headers = h.toArray(String[]::new);
        fields = f.toArray(Field[]::new);
        constants = c.toArray(String[]::new);
    }

    RecordKind kind() {
        return base.kind;
    }

    /** A sheet for a record of this kind: half the penalties in the main sheet, the rest in the two other styles. */
    static UploadSheet forKind(RecordKind kind, SplittableRandom random) {
        return kind == RecordKind.DISCIPLINARY_SANCTION ? SANCTION
                : PENALTY_SHEETS[random.nextInt(PENALTY_SHEETS.length)];
    }
}
