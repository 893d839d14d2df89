package org.creditpipeline.ingest.mapping;

import java.util.List;
import java.util.stream.Stream;

import org.creditpipeline.ingest.read.SourceTable;
import org.creditpipeline.ingest.read.UnreadableSourceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.creditpipeline.ingest.mapping.ColumnMappingTest.CATALOG;

/**
 * County uploads of 纪律处分 and 问责处理 with generic headers: the kind is told by the sheet name, a title row above the
 * header or the file name, and only then do 种类, 决定机关 and 时间 mean 处分种类, 处分机关 and the decision date. A header
 * that names another kind wins over the hint; without any hint the file fails and says how to name the kind.
 */
class KindHintTest {

    /** 纪律处分 as 纪检监察 offices of counties keep it: the person, unit and post, the kind and the decision. */
    static final List<String> SANCTION = List.of("序号", "姓名", "身份证号", "单位", "职务", "种类", "事由", "依据",
            "决定机关", "决定日期", "文号");
    /** 问责处理 as published in 问责情况通报: who, how, why, by whom, when, with the decision's number. */
    static final List<String> ACCOUNTABILITY = List.of("序号", "问责对象", "职务", "问责方式", "问责事由", "问责机关",
            "时间", "文号");
    /** Generic 问责 headers without the word 问责 anywhere. */
    static final List<String> ACCOUNTABILITY_GENERIC = List.of("序号", "对象", "单位", "职务", "方式", "事由", "依据",
            "决定机关", "时间", "文号");

    static SourceTable table(String file, String sheet, List<String> titles, List<String> headers) {
        return new SourceTable(file, sheet, headers, titles.size() + 1, false, titles);
    }

    static Stream<Arguments> told() {
        return Stream.of(
                Arguments.of("upload.xlsx", "纪律处分", List.of(), SANCTION, "sanction", "sheet name"),
                Arguments.of("upload.xlsx", "2026年11月政务处分", List.of(), SANCTION, "sanction", "sheet name"),
                Arguments.of("upload.xlsx", "Sheet1", List.of("XX县2026年11月纪律处分信息公示表"), SANCTION, "sanction",
                        "title row"),
                Arguments.of("南明区纪律处分11月.xlsx", "Sheet1", List.of(), SANCTION, "sanction", "file name"),
                Arguments.of("南明区纪律处分11月.csv", null, List.of("填报单位：南明区纪委监委 填报日期：2026-11-30"), SANCTION,
                        "sanction", "file name"),
                Arguments.of("upload.xlsx", "问责", List.of(), ACCOUNTABILITY, "accountability", "sheet name"),
                Arguments.of("南明区问责处理11月.xlsx", "Sheet1", List.of(), ACCOUNTABILITY_GENERIC, "accountability",
                        "file name"),
                Arguments.of("upload.xlsx", "Sheet1", List.of("南明区2026年第四季度问责处理情况"), ACCOUNTABILITY_GENERIC,
                        "accountability", "title row"),
                // the sheet is more specific than the file: a workbook 政务失信 with one sheet per kind
                Arguments.of("南明区纪律处分11月.xlsx", "问责处理", List.of(), ACCOUNTABILITY_GENERIC, "accountability",
                        "sheet name"),
                // a title naming two kinds tells nothing; the file name does
                Arguments.of("问责处理.xlsx", "Sheet1", List.of("纪律处分和问责处理情况汇总"), ACCOUNTABILITY_GENERIC,
                        "accountability", "file name"));
    }

    @ParameterizedTest(name = "{5}: {0} / {1} / {2}")
    @MethodSource("told")
    void generic_headers_map_when_the_kind_is_told(String file, String sheet, List<String> titles, List<String> headers,
                                                   String mapping, String place) {
        ColumnMapping m = CATALOG.resolve(table(file, sheet, titles, headers), null);

        assertThat(m.config().name()).isEqualTo(mapping);
        assertThat(m.toldBy()).isNotNull();
        assertThat(m.toldBy().place()).startsWith(place);
        assertThat(m.missingRequired()).isEmpty();
    }

    @Test
    void under_a_sanction_hint_the_generic_headers_feed_the_sanction_fields() {
        ColumnMapping m = CATALOG.resolve(table("upload.xlsx", "纪律处分", List.of(), SANCTION), null);

        assertThat(m.describe()).containsEntry("subjectName", "姓名").containsEntry("idNumber", "身份证号")
                .containsEntry("workUnit", "单位").containsEntry("position", "职务").containsEntry("category", "种类")
                .containsEntry("facts", "事由").containsEntry("legalBasis", "依据")
                .containsEntry("authorityName", "决定机关").containsEntry("decisionDate", "决定日期")
                .containsEntry("documentNumber", "文号");
    }

    @Test
    void under_an_accountability_hint_the_generic_headers_feed_the_accountability_fields() {
        ColumnMapping m = CATALOG.resolve(table("南明区问责处理11月.xlsx", "Sheet1", List.of(), ACCOUNTABILITY_GENERIC),
                null);

        assertThat(m.describe()).containsEntry("subjectName", "对象").containsEntry("workUnit", "单位")
                .containsEntry("category", "方式").containsEntry("authorityName", "决定机关")
                .containsEntry("decisionDate", "时间").containsEntry("documentNumber", "文号");
    }

    @Test
    void a_header_that_names_another_kind_wins_over_the_sheet_name() {
        // a penalty table pasted into a sheet named 纪律处分 stays a penalty table
        List<String> penalty = List.of("行政相对人名称", "行政相对人代码_1(统一社会信用代码)", "证件号码", "行政处罚决定书文号",
                "违法事实", "处罚类别", "处罚决定日期", "处罚机关");
        ColumnMapping m = CATALOG.resolve(table("南明区纪律处分11月.xlsx", "纪律处分", List.of(), penalty), null);

        assertThat(m.config().name()).isEqualTo("penalty");
        assertThat(m.toldBy().place()).startsWith("header '");
    }

    @Test
    void a_sanction_table_with_its_own_headers_is_a_sanction_table_under_a_penalty_title() {
        List<String> sanction = List.of("姓名", "身份证号码", "工作单位", "职务", "处分决定文号", "处分种类", "处分机关",
                "处分决定日期");
        ColumnMapping m = CATALOG.resolve(table("upload.xlsx", "Sheet1", List.of("南明区2026年11月行政处罚信息"),
                sanction), null);

        assertThat(m.config().name()).isEqualTo("sanction");
    }

    @Test
    void generic_headers_never_map_without_a_hint_and_the_failure_says_how_to_tell_the_kind() {
        assertThatThrownBy(() -> CATALOG.resolve(table("upload.xlsx", "Sheet1", List.of("2026年11月"), SANCTION), null))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessageContaining("Found headers (文件中的列): [序号, 姓名, 身份证号, 单位")
                .hasMessageContaining("工作表名、标题行和文件名均未说明记录类型")
                // 种类 may be a 处分种类 or a 问责 kind: only the officer can say which
                .hasMessageContaining("they fit ['accountability', 'sanction'] once the kind is told: name it with"
                        + " --mapping accountability or --mapping sanction, or put the kind (问责, 纪律处分) in the sheet"
                        + " name, a title row or the file name")
                .hasMessageContaining("closest found '种类'")
                .hasMessageContaining("--mapping NAME (available: [");
    }

    @Test
    void a_named_mapping_takes_the_generic_headers_too() {
        ColumnMapping m = CATALOG.resolve(table("upload.xlsx", "Sheet1", List.of(), SANCTION), "sanction");

        assertThat(m.describe()).containsEntry("category", "种类").containsEntry("authorityName", "决定机关");
    }

    @Test
    void a_told_kind_whose_required_columns_are_missing_fails_naming_the_hint() {
        // a 文号 may be missing (county lists), the authority that decided may not
        List<String> noAuthority = List.of("姓名", "身份证号", "单位", "种类", "决定日期", "文号");
        assertThatThrownBy(() -> CATALOG.resolve(table("upload.xlsx", "纪律处分", List.of(), noAuthority), null))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessageContaining("mapping 'sanction' cannot find required column(s)")
                .hasMessageContaining("authorityName expected")
                .hasMessageContaining("sheet name '纪律处分'");
    }

    @Test
    void penalty_files_with_generic_looking_headers_still_map_as_before() {
        // the 市场监管 style, whose 决定机关名称 and 公示日期 must not be taken for anything else
        List<String> market = List.of("当事人名称", "统一社会信用代码", "处罚决定书文号", "主要违法事实", "处罚种类",
                "罚款金额", "决定机关名称", "处罚决定日期", "公示截止期");
        ColumnMapping m = CATALOG.resolve(table("2026年11月.xlsx", "Sheet1", List.of(), market), null);

        assertThat(m.config().name()).isEqualTo("penalty");
        assertThat(m.toldBy().place()).startsWith("header '");
    }

    @Test
    void headers_that_name_one_kind_tell_it_for_the_generic_ones_beside_them() {
        // 问责 sheets as published: only 时间 is generic, the other headers say 问责
        List<String> headers = List.of("问责对象", "问责方式", "问责事由", "问责机关", "时间", "文号");
        ColumnMapping m = CATALOG.resolve(table("upload.xlsx", "Sheet1", List.of(), headers), null);

        assertThat(m.config().name()).isEqualTo("accountability");
        assertThat(m.toldBy().place()).isEqualTo("header '问责对象' (表头)");
        assertThat(m.describe()).containsEntry("decisionDate", "时间");
    }

    @Test
    void headers_naming_another_kind_than_the_file_name_tell_the_kind_themselves() {
        List<String> headers = List.of("被问责人", "单位", "职务", "问责处理方式", "问责事由", "决定机关", "时间",
                "问责决定书编号");
        ColumnMapping m = CATALOG.resolve(table("南明区纪律处分11月.xlsx", "Sheet1", List.of(), headers), null);

        assertThat(m.config().name()).isEqualTo("accountability");
        assertThat(m.describe()).containsEntry("subjectName", "被问责人").containsEntry("category", "问责处理方式")
                .containsEntry("authorityName", "决定机关").containsEntry("documentNumber", "问责决定书编号")
                .containsEntry("workUnit", "单位");
    }

    @Test
    void sanction_headers_as_notices_word_them() {
        List<String> headers = List.of("姓名", "身份证号码", "工作单位及职务", "处分结果", "违纪事实", "处分决定机关",
                "处分时间", "处分决定书编号");
        ColumnMapping m = CATALOG.resolve(table("upload.xlsx", "Sheet1", List.of(), headers), null);

        assertThat(m.config().name()).isEqualTo("sanction");
        assertThat(m.describe()).containsEntry("category", "处分结果")
                .containsEntry("workUnitAndPosition", "工作单位及职务")
                .containsEntry("documentNumber", "处分决定书编号").containsEntry("decisionDate", "处分时间");
    }

    @Test
    void a_file_named_for_a_kind_its_generic_headers_do_not_fit_fails_suggesting_the_kinds_they_do_fit() {
        assertThatThrownBy(() -> CATALOG.resolve(table("南明区行政处罚11月.xlsx", "Sheet1", List.of(), SANCTION), null))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessageContaining("The kind was told by the file name '南明区行政处罚11月.xlsx' (文件名): 'penalty'")
                .hasMessageContaining("name it with --mapping accountability or --mapping sanction");
    }

    /** 双公示 exports hold licences too: a licensing table is refused as such, whatever its header style. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("licensing")
    void licensingRecordsAreRefusedAsSuch(String style, List<String> headers) {
        assertThatThrownBy(() -> CATALOG.resolve(table("双公示.xlsx", "Sheet1", List.of(), headers), null))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessageStartingWith("These are 行政许可 (licensing) records, not penalties or 失信 records")
                .hasMessageContaining("不归集行政许可信息")
                .hasMessageContaining("Found headers (文件中的列): [" + headers.get(0) + ", ")
                .hasMessageContaining("--mapping penalty");
    }

    /** Headers that would fill a penalty (a decision date, a document number, a deciding body) do not make one. */
    @Test
    void aLicensingTableThatFitsThePenaltyMappingIsStillRefused() {
        List<String> headers = List.of("行政相对人名称", "统一社会信用代码", "行政许可决定文书号", "许可决定日期", "决定机关",
                "许可内容");
        assertThatThrownBy(() -> CATALOG.resolve(table("upload.csv", null, List.of(), headers), null))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessageContaining("'行政许可决定文书号', '许可决定日期', '许可内容'");
        // told by the officer, the same table is read as penalties
        assertThat(CATALOG.resolve(table("upload.csv", null, List.of(), headers), "penalty").config().name())
                .isEqualTo("penalty");
        // a penalty table that names the subject's licence is a penalty table
        List<String> penalty = List.of("行政相对人名称", "统一社会信用代码", "食品经营许可证编号", "许可证有效期",
                "行政处罚决定书文号", "处罚决定日期", "处罚机关", "处罚类别", "处罚内容");
        assertThat(CATALOG.resolve(table("upload.csv", null, List.of(), penalty), null).config().name())
                .isEqualTo("penalty");
    }

    static Stream<Arguments> licensing() {
        return Stream.of(
                Arguments.of("Chinese names", List.of("行政相对人名称", "行政相对人类别", "行政相对人代码_1(统一社会信用代码)",
                        "法定代表人", "行政许可决定文书名称", "行政许可决定文书号", "许可类别", "许可证书名称", "许可编号", "许可内容",
                        "许可决定日期", "有效期自", "有效期至", "许可机关", "许可机关统一社会信用代码", "当前状态", "数据来源单位",
                        "数据来源单位统一社会信用代码", "备注")),
                Arguments.of("field codes", List.of("XK_XDR_MC", "XK_XDR_LB", "XK_XDR_SHXYM", "XK_FRDB", "XK_XKWS",
                        "XK_WSH", "XK_XKLB", "XK_XKZS", "XK_XKBH", "XK_NR", "XK_JDRQ", "XK_YXQZ", "XK_YXQZI", "XK_XKJG",
                        "XK_XKJGDM", "XK_ZT", "XK_LYDW", "XK_LYDWDM", "BZ")));
    }

    @Test
    void aPenaltyTableNamingLicencesIsNoLicensingTable() {
        assertThat(MappingCatalog.licensingHeaders(List.of("行政相对人名称", "处罚类别", "处罚内容", "罚款金额（万元）",
                "暂扣或吊销证照名称及编号", "处罚决定日期", "处罚机关"))).isEmpty();
        assertThat(MappingCatalog.licensingHeaders(List.of("吊销许可证处罚依据", "许可机关"))).containsExactly("许可机关");
    }
}
