package org.creditpipeline.cli;

/** A county's 行政处罚 upload as CSV, v2 headers, for the command tests: one header, rows that vary where a test needs. */
final class PenaltyCsv {

    static final String HEADER = "行政相对人名称,行政相对人类别,行政相对人代码_1(统一社会信用代码),行政处罚决定书文号,"
            + "违法行为类型,违法事实,处罚依据,处罚类别,处罚内容,罚款金额（万元）,处罚决定日期,处罚机关,地方编码\n";

    private PenaltyCsv() {
    }

    /** A 南明区 penalty of 2 万元 of 2026-10-12 by the district's 市场监管局. */
    static String row(String subject, String uscc, String documentNumber) {
        return subject + ",法人及非法人组织," + uscc + "," + documentNumber + ",食品安全,销售过期食品,《食品安全法》第一百二十四条,"
                + "罚款,罚款20000元,2,2026-10-12,贵阳市南明区市场监督管理局,520102\n";
    }
}
