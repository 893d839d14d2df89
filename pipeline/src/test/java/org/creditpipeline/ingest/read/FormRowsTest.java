package org.creditpipeline.ingest.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which lines are a form's furniture (labels above the header, signatures and totals below the data). */
class FormRowsTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "填表人：张三                      | true",
            "审核人:                           | true",
            "负责人                            | true",
            "单位负责人：王五                  | true",
            "制表人：李四 ; 联系电话：0851-1234567 | true",
            "合计 ; 共1条                      | true",
            "总计： ; ; 12.5 ; 3               | true",
            "合计 ; ; 2.5万元                  | true",
            "填报人：张三 ; ; 填报日期：2026-11-30 | true",
            "填报单位（盖章）：XX县市场监督管理局 ; 填报日期：2026年11月30日 | true",
            "经办人：王五 ; 分管领导：赵六 ; 主要负责人签字：   | true",
            "制表日期：2026-11-30               | true",
            "小计 ; ; ; 0.2                    | true",
            "合　　计 ; ; 2.5                   | true",
            "小  计 ; 3                         | true",
            "汇总 ; ; ; 0.5                     | true",
            "审 核 人：李四                      | true",
            "小计： ; 3                         | true",
            "共计2条                            | true",
            "合计：3件                          | true",
            "合计：3条 ; ; 13,500               | true",
            "合计3条 ; 2.5                      | true",
            "合计 共3条 ; ; 13,500元            | true",
            "合计：3条 ; 某某公司               | false",
            "注：1.本表由各执法部门于每月5日前报送。 | true",
            "注1：自然人不填统一社会信用代码     | true",
            "说明：处罚决定日期格式为yyyy-mm-dd  | true",
            "注：本表 ; 贵阳某某公司             | false",
            "第1页 共3页                         | true",
            "第 2 页/共 3 页                     | true",
            "共3页第1页                          | true",
            "第三分局                            | false",
            "注册资本100万元                     | false",
            "小计 ; 贵阳某某公司                 | false",
            "说明书 ; 南监罚〔2026〕1号          | false",
            "合计 ; 某某公司                    | false",
            "合肥某某有限公司 ; 南监罚〔2026〕1号 ; 2026-11-05 | false",
            "张三 ; 负责人                      | false",
            "贵阳某某公司 ; 填表人：张三         | false",
            "联系电话不详                       | false",
            "' '                                | false"})
    void aFooterLineHoldsOnlyFooterLabelsOrATotal(String row, boolean footer) {
        List<String> cells = Arrays.stream(row.split(";")).map(String::strip).toList();

        assertThat(FormRows.isFooter(cells)).isEqualTo(footer);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "示例 ; ××市××有限公司 ; 91350100M000100Y43        | true",
            "××市××有限公司 ; 筑南市监罚〔2023〕1号 ; 填写示例    | true",
            "例：贵阳市某某有限公司 ; 法人及非法人组织              | true",
            "（示例）贵阳市某某有限公司 ; 法人及非法人组织          | true",
            "【示例】 ; 贵阳市某某有限公司                          | true",
            "贵阳市某某有限公司 ; 示例行，导入前请删除               | true",
            "例 ; 贵阳市某某有限公司                                | true",
            "贵阳示例科技有限公司 ; 筑南市监罚〔2023〕1号            | false",
            "贵阳市某某有限公司 ; 违反《条例》第十条，例如超范围经营   | false",
            "样本医院 ; 筑南卫罚〔2023〕1号                          | false",
            "1 ; 贵阳市某某有限公司 ; 筑南市监罚〔2023〕1号          | false"})
    void anExampleRowIsMarkedByOneOfItsCells(String row, boolean example) {
        List<String> cells = Arrays.stream(row.split(";")).map(String::strip).toList();

        assertThat(FormRows.isExample(cells)).isEqualTo(example);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "1 ; 2 ; 3 ; 4 ; 5                      | true",
            "栏次 ; (1) ; (2) ; (3) ; （4） ; (5)    | true",
            "1.0 ; 2.0 ; 3.0 ; 4.0 ; 5.0           | true",
            "; 2 ; 3 ; 4 ; 5 ; 6                   | true",
            "1 ; 2 ; 3 ; 4                         | false",
            "1 ; 3 ; 4 ; 5 ; 6 ; 7                 | false",
            "1 ; 贵阳某某公司 ; 3 ; 4 ; 5 ; 6       | false",
            "12 ; 13 ; 14 ; 15 ; 16                | false"})
    void theColumnNumberLineUnderTheHeaderCountsUpFromOne(String row, boolean numbering) {
        List<String> cells = Arrays.stream(row.split(";")).map(String::strip).toList();

        assertThat(FormRows.isColumnNumbering(cells)).isEqualTo(numbering);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "必填 ; 必填，下拉选择 ; 法人必填 ; 必填 ; 必填，yyyy-mm-dd ; 选填 | true",
            "（必填）填写全称 ; （选填） ; ; 格式：2026-01-01                | true",
            "请填写全称 ; 请选择 ; 18位统一社会信用代码                        | true",
            "贵阳某某有限公司 ; 法人及非法人组织 ; 填写虚假材料骗取许可          | false",
            "贵阳某某有限公司 ; 必填                                        | false",
            "贵阳某某有限公司 ; 南监罚〔2026〕1号 ; 2026-11-05 ; 必填          | false"})
    void theRowOfFillInNotesUnderTheHeaderIsMarkedByItsNotes(String row, boolean notes) {
        List<String> cells = Arrays.stream(row.split(";")).map(String::strip).toList();

        assertThat(FormRows.isInstructions(cells)).isEqualTo(notes);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            " ; 一、市场监督管理局（2条）       | true",
            "（二）交通运输局                   | true",
            "十一、卫生健康局                   | true",
            "第三部分 自然人                    | true",
            "一、 ; 贵阳某某有限公司             | false",
            "贵阳某某有限公司                   | false",
            "一二三商贸有限公司                 | false",
            "1、贵阳某某有限公司                | false"})
    void aSectionHeadingIsOneCellNumberedWithAChineseOrdinal(String row, boolean section) {
        List<String> cells = Arrays.stream(row.split(";")).map(String::strip).toList();

        assertThat(FormRows.isSectionHeading(cells)).isEqualTo(section);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "2 ;  ;  ;                          | true",
            "12.0 ;  ;                          | true",
            "2 ; 贵阳某某有限公司               | false",
            ";  ; 0.2                           | false",
            "小计 ;  ;                          | false",
            "3 ;  ;  ; #N/A                     | true",
            " ;  ;  ; #N/A                      | true",
            "3 ; 贵阳某某有限公司 ;  ; #N/A      | false",
            " ;                                 | false"})
    void aRowWithNothingButItsSerialNumberIsAnUnfilledTemplateRow(String row, boolean serialOnly) {
        List<String> cells = Arrays.stream(row.split(";", -1)).map(String::strip).toList();
        boolean[] serial = FormRows.serialColumns(List.of("序号", "行政相对人名称", "罚款金额（万元）", "备注"));

        assertThat(FormRows.isSerialOnly(cells, serial)).isEqualTo(serialOnly);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"序号", "序 号", "*序号", "序号（必填）", "NO.", "No"})
    void serialNumberHeadersAsTemplatesWriteThem(String header) {
        assertThat(FormRows.serialColumns(List.of("行政相对人名称", header))).containsExactly(false, true);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "填报单位（盖章）：南明区市场监管局 | true",
            "填报日期：2026-11-30               | true",
            "联系电话:                          | true",
            "行政相对人名称                     | false",
            "罚款金额（万元）                   | false",
            "12:30                              | false"})
    void aLabelCellIsAShortNameFollowedByAColon(String cell, boolean label) {
        assertThat(FormRows.isLabel(cell)).isEqualTo(label);
    }
}
