package org.creditpipeline.ingest.mapping;

import java.nio.file.Path;
import java.util.ArrayList;
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

/**
 * Every real header variant of DOMAIN.md §3 maps to the field it means, inside a realistic file of its own style; and
 * the columns that mean nothing to the record (upload status, export time) map to no field.
 */
class ColumnMappingTest {

    static final MappingCatalog CATALOG = MappingCatalog.load(Path.of("../job-configs/mappings"));

    /** A v2 template in the standard spelling: the background each variant is put into. */
    static final List<String> V2 = List.of("行政相对人名称", "行政相对人类别", "行政相对人代码_1(统一社会信用代码)",
            "行政相对人代码_2(工商注册号)", "行政相对人代码_3(组织机构代码)", "行政相对人代码_4(税务登记号)",
            "行政相对人代码_5(事业单位证书号)", "行政相对人代码_6(社会组织登记证号)", "法定代表人", "法定代表人证件类型",
            "法定代表人证件号码", "证件类型", "证件号码", "行政处罚决定书文号", "违法行为类型", "违法事实", "处罚依据", "处罚类别",
            "处罚内容", "罚款金额（万元）", "没收违法所得、没收非法财物的金额（万元）", "暂扣或吊销证照名称及编号", "处罚决定日期",
            "处罚有效期", "公示截止期", "处罚机关", "处罚机关统一社会信用代码", "数据来源单位", "数据来源单位统一社会信用代码", "备注");

    /** header variant, field it must feed, the style of file it occurs in. */
    static Stream<Arguments> penaltyVariants() {
        return Stream.of(
                // v1 Excel export: full-width brackets, trailing space, 财务 typo
                Arguments.of("行政相对人代码_1（统一社会信用代码）", "uscc", "v1 export"),
                Arguments.of("行政相对人代码_4（税务登记号） ", "taxNo", "v1 export"),
                Arguments.of("法定代表人身份证号", "legalRepIdNumber", "v1 export"),
                Arguments.of("处罚金额（万元）", "fineAmount", "v1 export"),
                Arguments.of("没收违法所得、没收非法财务的金额（万元）", "confiscatedAmount", "v1 export"),
                // half-width, with an inner space
                Arguments.of("行政相对人代码_1(统一社会信用代码)", "uscc", "half-width"),
                Arguments.of("行政相对人代码_2 (工商注册号)", "registrationNo", "half-width"),
                // full-width underscore U+FF3F
                Arguments.of("行政相对人代码＿3(组织机构代码)", "orgCode", "full-width underscore"),
                Arguments.of("行政相对人代码＿4(税务登记号)", "taxNo", "full-width underscore"),
                Arguments.of("行政相对人代码＿5(事业单位证书号)", "institutionCertNo", "full-width underscore"),
                Arguments.of("许可决定书文号", null, "licence column in a penalty file"),
                // hyphens
                Arguments.of("行政相对人代码-统一社会信用代码", "uscc", "hyphen"),
                Arguments.of("行政相对人类别-组织机构代码", "orgCode", "hyphen"),
                // shifted / mislabelled ordinals: meaning wins over the number
                Arguments.of("行政相对人代码_3(统一社会信用代码)", "uscc", "shifted ordinal"),
                Arguments.of("行政相对人代码_3(工商登记码)", "registrationNo", "shifted ordinal"),
                Arguments.of("行政相对人代码_2(组织机构代码)", "orgCode", "shifted ordinal"),
                Arguments.of("没收违法所得", "confiscatedAmount", "short item 21"),
                Arguments.of("行政处罚决定文书号", "documentNumber", "short 文书号"),
                // one column for an organisation's code or a person's ID (county sheets), the v1/v2 group label alone
                Arguments.of("统一社会信用代码/身份证号码", "partyId", "county sheet"),
                Arguments.of("统一社会信用代码（或身份证号）", "partyId", "county sheet"),
                Arguments.of("行政相对人代码", "partyId", "group label without sub-header"),
                Arguments.of("当事人类型", "subjectCategory", "county sheet"),
                // 市场监管 / 公示系统
                Arguments.of("处罚决定书文号", "documentNumber", "市场监管"),
                Arguments.of("法定代表人（负责人）姓名", "legalRepresentative", "市场监管"),
                Arguments.of("主要违法事实", "facts", "市场监管"),
                Arguments.of("处罚种类", "category", "市场监管"),
                Arguments.of("罚款金额", "fineAmount", "市场监管"),
                Arguments.of("没收金额", "confiscatedAmount", "市场监管"),
                Arguments.of("决定机关名称", "authorityName", "市场监管"),
                Arguments.of("公示截止期", "publicationEnd", "市场监管"),
                // financial regulators
                Arguments.of("违规主体名称", "subjectName", "financial regulator"),
                Arguments.of("法定代表人或负责人姓名", "legalRepresentative", "financial regulator"),
                Arguments.of("作出处罚决定的行政机关名称", "authorityName", "financial regulator"),
                Arguments.of("罚没款金额（万元）", "fineAmount", "financial regulator"),
                Arguments.of("公开截止期", "publicationEnd", "financial regulator"),
                Arguments.of("有效身份证件号码（身份证、护照等）", "idNumber", "financial regulator"),
                // hyphenated (DOMAIN.md §3) and other real spellings
                Arguments.of("行政相对人类别-组织机构代码", "orgCode", "hyphenated"),
                Arguments.of("行政相对人代码-统一社会信用代码", "uscc", "hyphenated"),
                Arguments.of("法定代表人（负责人）", "legalRepresentative", "市场监管"),
                Arguments.of("法定代表人/负责人", "legalRepresentative", "county upload"),
                Arguments.of("法人代表", "legalRepresentative", "county upload"),
                Arguments.of("处罚单位统一社会信用代码", "authorityUscc", "county upload"),
                Arguments.of("罚款金额（元）", "fineAmount", "county upload"),
                // 2016 template codes
                Arguments.of("CF_ZT", "recordStatus", "2016 template"),
                Arguments.of("CF_CFLB2", "category2", "2016 template"),
                Arguments.of("CF_XDR_ZDM", "orgCode", "2016 template"),
                Arguments.of("CF_XDR_GSDJ", "registrationNo", "2016 template"),
                Arguments.of("CF_SY", "facts", "2016 template"),
                // traditional characters (a 港澳 or Taiwan-trained officer's template)
                Arguments.of("行政處罰決定書文號", "documentNumber", "traditional"),
                Arguments.of("行政相對人名稱", "subjectName", "traditional"),
                Arguments.of("罰款金額（萬元）", "fineAmount", "traditional"),
                Arguments.of("統一社會信用代碼", "uscc", "traditional"),
                // fill-in notes, required stars and line breaks inside the header cell
                Arguments.of("备注（选填）", "remarks", "template with notes"),
                Arguments.of("备注(非必填)", "remarks", "template with notes"),
                Arguments.of("行政相对人名称(必填)", "subjectName", "template with notes"),
                Arguments.of("*行政相对人名称", "subjectName", "template with notes"),
                Arguments.of("行政相对人\n名称", "subjectName", "template with notes"),
                Arguments.of("处罚决定日期（格式：YYYY/MM/DD）", "decisionDate", "template with notes"),
                Arguments.of("公示截止期【必填】", "publicationEnd", "template with notes"),
                // county sheets' short forms
                Arguments.of("处罚日期", "decisionDate", "county sheet"),
                Arguments.of("处罚时间", "decisionDate", "county sheet"),
                Arguments.of("社会信用代码", "uscc", "county sheet"),
                Arguments.of("罚款数额", "fineAmount", "county sheet"),
                Arguments.of("罚款（万元）", "fineAmount", "county sheet"),
                Arguments.of("执法单位", "authorityName", "county sheet"),
                Arguments.of("作出处罚的机关", "authorityName", "county sheet"),
                Arguments.of("处罚决定书日期", "decisionDate", "county sheet"),
                Arguments.of("法人", "legalRepresentative", "county sheet"),
                Arguments.of("法人身份证号", "legalRepIdNumber", "county sheet"),
                Arguments.of("地区编码", "regionCode", "county sheet"),
                Arguments.of("公示期限", "publicationEnd", "county sheet"),
                // columns that are not part of the record
                Arguments.of("数据导出时间", null, "v1 export"),
                Arguments.of("自动上报信用中国状态", null, "upload tool"),
                Arguments.of("自动上报时间", null, "upload tool"),
                Arguments.of("错误原因", null, "upload tool"),
                Arguments.of("接口返回信用中国的ID", null, "upload tool"),
                Arguments.of("信息使用范围", null, "data contest"),
                Arguments.of("数据更新时间戳", null, "data contest"));
    }

    @ParameterizedTest(name = "{2}: ''{0}'' → {1}")
    @MethodSource("penaltyVariants")
    void each_header_variant_maps_by_meaning(String header, String field, String style) {
        // The variant replaces the standard column of the same meaning (or is added when it has none).
        List<String> headers = new ArrayList<>(V2);
        if (field != null) {
            ColumnMapping standard = ColumnMapping.resolve(CATALOG.get("penalty"), table(V2));
            int col = standard.column(CanonicalField.byName(field));
            if (col >= 0) {
                headers.remove(col);
            }
        }
        headers.add(header);
        ColumnMapping mapping = ColumnMapping.resolve(CATALOG.get("penalty"), table(headers));
        int column = headers.size() - 1;
        String mapped = null;
        for (CanonicalField f : CanonicalField.values()) {
            if (mapping.column(f) == column) {
                mapped = f.fieldName();
            }
        }
        assertThat(mapped).as("'%s' in a %s file", header, style).isEqualTo(field);
        assertThat(mapping.missingRequired()).isEmpty();
    }

    @Test
    void header_keys_drop_fill_in_notes_but_keep_what_a_bracket_means() {
        assertThat(HeaderKey.of("备注（选填）")).isEqualTo("备注");
        assertThat(HeaderKey.of("处罚决定日期（格式：YYYY/MM/DD）")).isEqualTo("处罚决定日期");
        assertThat(HeaderKey.of("行政相对人名称\n(必填)")).isEqualTo("行政相对人名称");
        assertThat(HeaderKey.of("行政相对人代码_2（注册号）")).isEqualTo("行政相对人代码注册号");
        assertThat(HeaderKey.of("罚款金额（万元）")).isEqualTo("罚款金额万元");
        assertThat(HeaderKey.of("行政處罰決定書文號")).isEqualTo(HeaderKey.of("行政处罚决定书文号"));
    }

    @Test
    void a_column_number_in_front_of_a_header_is_dropped() {
        // templates number their columns in the header cell itself
        assertThat(HeaderKey.of("12.备注")).isEqualTo("备注");
        assertThat(HeaderKey.of("3、统一社会信用代码")).isEqualTo("统一社会信用代码");
        assertThat(HeaderKey.of("（1）行政相对人名称")).isEqualTo("行政相对人名称");
        assertThat(HeaderKey.of("十二、备注")).isEqualTo("备注");
        assertThat(HeaderKey.of("2016年处罚决定日期")).isEqualTo("2016年处罚决定日期");
        List<String> numbered = new ArrayList<>();
        for (int i = 0; i < V2.size(); i++) {
            numbered.add((i + 1) + "." + V2.get(i));
        }
        ColumnMapping mapping = ColumnMapping.resolve(CATALOG.get("penalty"), table(numbered));
        assertThat(mapping.column(CanonicalField.REMARKS)).isEqualTo(V2.indexOf("备注"));
        assertThat(mapping.column(CanonicalField.USCC)).isEqualTo(2);
    }

    @Test
    void a_template_in_traditional_characters_maps_like_the_simplified_one() {
        List<String> h = List.of("行政相對人名稱", "行政相對人類別", "統一社會信用代碼", "法定代表人", "行政處罰決定書文號",
                "違法事實", "處罰依據", "處罰類別", "處罰內容", "罰款金額（萬元）", "處罰決定日期", "處罰機關", "備註");
        ColumnMapping m = ColumnMapping.resolve(CATALOG.get("penalty"), table(h));
        assertThat(m.missingRequired()).isEmpty();
        assertThat(m.unmappedHeaders()).isEmpty();
        assertThat(m.amountShift(CanonicalField.FINE_AMOUNT)).as("萬元 is 万元, not 元").isZero();
    }

    @Test
    void v1_export_maps_every_column_and_ignores_the_export_time() {
        List<String> v1 = List.of("行政处罚决定书文号", "处罚名称", "处罚类别", "处罚事由", "处罚依据", "行政相对人名称",
                "行政相对人代码_1（统一社会信用代码）", "行政相对人代码_2（工商注册号）", "行政相对人代码_3（组织机构代码）",
                "行政相对人代码_4（税务登记号） ", "行政相对人代码_5（事业单位证书号）", "行政相对人代码_6（社会组织登记证号）",
                "法定代表人", "法定代表人身份证号", "证件类型", "证件号码", "处罚结果", "处罚金额（万元）",
                "没收违法所得、没收非法财务的金额（万元）", "处罚决定日期", "处罚机关", "当前状态", "地方编码", "数据导出时间");
        ColumnMapping m = ColumnMapping.resolve(CATALOG.get("penalty"), table(v1));
        assertThat(m.missingRequired()).isEmpty();
        assertThat(m.describe()).containsEntry("taxNo", "行政相对人代码_4（税务登记号） ")
                .containsEntry("legalRepIdNumber", "法定代表人身份证号").containsEntry("idNumber", "证件号码")
                .containsEntry("facts", "处罚事由").containsEntry("content", "处罚结果")
                .containsEntry("confiscatedAmount", "没收违法所得、没收非法财务的金额（万元）")
                .containsEntry("recordStatus", "当前状态");
        assertThat(m.unmappedHeaders()).containsExactlyInAnyOrder("数据导出时间", "处罚名称");
    }

    @Test
    void an_exact_synonym_earlier_in_the_config_wins_over_a_column_further_left() {
        // financial regulators publish both; 公示截止期 is the standard's item, 公开截止期 only stands in for it
        List<String> h = new ArrayList<>(V2);
        h.remove("公示截止期");
        h.add(0, "公开截止期");
        h.add("公示截止期");
        ColumnMapping m = ColumnMapping.resolve(CATALOG.get("penalty"), table(h));
        assertThat(m.describe()).containsEntry("publicationEnd", "公示截止期");
        assertThat(m.unmappedHeaders()).contains("公开截止期");
    }

    @Test
    void amounts_headed_in_yuan_are_shifted_to_wan_yuan() {
        List<String> h = new ArrayList<>(V2);
        h.set(h.indexOf("罚款金额（万元）"), "罚款金额（元）");
        ColumnMapping m = ColumnMapping.resolve(CATALOG.get("penalty"), table(h));
        assertThat(m.amountShift(CanonicalField.FINE_AMOUNT)).isEqualTo(4);
        assertThat(m.amountShift(CanonicalField.CONFISCATED_AMOUNT)).isZero();
        assertThat(ColumnMapping.headedInYuan("罚款金额(单位:元)")).isTrue();
        assertThat(ColumnMapping.headedInYuan("罚没款金额（万元）")).isFalse();
        assertThat(ColumnMapping.headedInYuan("罚款金额")).isFalse();
        assertThat(ColumnMapping.headedInYuan("罰款金額（萬元）")).as("traditional 萬元 is 万元").isFalse();
    }

    @Test
    void full_width_underscore_file_with_upload_columns() {
        List<String> h = List.of("行政相对人名称", "行政相对人代码_1(统一社会信用代码)", "行政相对人代码_2(工商注册号)",
                "行政相对人代码＿3(组织机构代码)", "行政相对人代码＿4(税务登记号)", "行政相对人代码＿5(事业单位证书号)",
                "法定代表人", "行政处罚决定书文号", "处罚类别", "处罚决定日期", "处罚机关", "地方编码", "数据更新时间戳",
                "信息使用范围", "自动上报信用中国状态", "自动上报时间", "错误原因", "接口返回信用中国的ID");
        ColumnMapping m = ColumnMapping.resolve(CATALOG.get("penalty"), table(h));
        assertThat(m.missingRequired()).isEmpty();
        assertThat(m.describe()).containsEntry("orgCode", "行政相对人代码＿3(组织机构代码)")
                .containsEntry("taxNo", "行政相对人代码＿4(税务登记号)").containsEntry("regionCode", "地方编码");
        assertThat(m.unmappedHeaders()).containsExactlyInAnyOrder("数据更新时间戳", "信息使用范围", "自动上报信用中国状态",
                "自动上报时间", "错误原因", "接口返回信用中国的ID");
    }

    @Test
    void market_regulation_style_file() {
        List<String> h = List.of("处罚决定书文号", "当事人名称", "统一社会信用代码", "法定代表人（负责人）姓名", "主要违法事实",
                "处罚种类", "罚款金额", "没收金额", "决定机关名称", "处罚决定日期", "公示日期", "公示截止期");
        ColumnMapping m = ColumnMapping.resolve(CATALOG.get("penalty"), table(h));
        assertThat(m.missingRequired()).isEmpty();
        assertThat(m.describe()).containsEntry("subjectName", "当事人名称").containsEntry("authorityName", "决定机关名称")
                .containsEntry("publicationEnd", "公示截止期").containsEntry("decisionDate", "处罚决定日期");
        assertThat(m.unmappedHeaders()).containsExactly("公示日期");
    }

    @Test
    void financial_regulator_file_with_both_deadline_columns() {
        List<String> h = List.of("行政处罚决定书文号", "违规主体名称", "法定代表人或负责人姓名", "有效身份证件号码（身份证、护照等）",
                "主要违法违规事实", "处罚依据", "处罚决定", "罚没款金额（万元）", "作出处罚决定的行政机关名称", "作出处罚决定的日期",
                "公示截止期", "公开截止期");
        ColumnMapping m = ColumnMapping.resolve(CATALOG.get("penalty"), table(h));
        assertThat(m.missingRequired()).isEmpty();
        assertThat(m.describe()).containsEntry("subjectName", "违规主体名称")
                .containsEntry("idNumber", "有效身份证件号码（身份证、护照等）").containsEntry("fineAmount", "罚没款金额（万元）")
                .containsEntry("authorityName", "作出处罚决定的行政机关名称").containsEntry("decisionDate", "作出处罚决定的日期")
                .containsEntry("publicationEnd", "公示截止期");
        assertThat(m.unmappedHeaders()).containsExactly("公开截止期");
    }

    @Test
    void the_2016_template_with_its_own_ordinals() {
        List<String> h = List.of("CF_WSH", "CF_CFMC", "CF_CFLB1", "CF_CFLB2", "CF_SY", "CF_YJ", "CF_XDR_MC", "CF_XDR_SHXYM",
                "CF_XDR_ZDM", "CF_XDR_GSDJ", "CF_XDR_SWDJ", "CF_XDR_SFZ", "CF_FR", "CF_JG", "CF_JDRQ", "CF_XZJG", "CF_ZT",
                "DFBM", "SJC", "BZ");
        ColumnMapping m = ColumnMapping.resolve(CATALOG.get("penalty"), table(h));
        assertThat(m.missingRequired()).isEmpty();
        assertThat(m.describe()).containsEntry("orgCode", "CF_XDR_ZDM").containsEntry("registrationNo", "CF_XDR_GSDJ")
                .containsEntry("idNumber", "CF_XDR_SFZ").containsEntry("authorityName", "CF_XZJG")
                .containsEntry("regionCode", "DFBM");
    }

    @Test
    void the_2016_template_in_chinese_labels_with_shifted_ordinals() {
        List<String> h = List.of("决定书文号", "处罚名称", "处罚类别1", "处罚类别2", "处罚事由", "处罚依据", "行政相对人名称",
                "行政相对人代码_1(统一社会信用代码)", "行政相对人代码_2(组织机构代码)", "行政相对人代码_3(工商登记码)",
                "行政相对人代码_4(税务登记号)", "行政相对人代码_5(居民身份证号)", "法定代表人姓名", "处罚结果", "处罚决定日期",
                "处罚机关", "当前状态", "地方编码", "数据更新时间戳", "备注");
        ColumnMapping m = ColumnMapping.resolve(CATALOG.get("penalty"), table(h));
        assertThat(m.missingRequired()).isEmpty();
        assertThat(m.describe()).containsEntry("orgCode", "行政相对人代码_2(组织机构代码)")
                .containsEntry("registrationNo", "行政相对人代码_3(工商登记码)")
                .containsEntry("idNumber", "行政相对人代码_5(居民身份证号)").containsEntry("category", "处罚类别1");
    }

    @Test
    void v1_v2_mixture_picks_penalty_automatically() {
        List<String> h = List.of("行政相对人名称", "行政相对人类别", "行政相对人代码_1（统一社会信用代码）", "法定代表人",
                "法定代表人身份证号", "法定代表人证件类型", "行政处罚决定书文号", "处罚类别", "处罚金额（万元）", "处罚决定日期",
                "处罚机关", "公示截止期");
        ColumnMapping m = CATALOG.resolve(table(h), null);
        assertThat(m.config().name()).isEqualTo("penalty");
        assertThat(m.describe()).containsEntry("legalRepIdNumber", "法定代表人身份证号")
                .containsEntry("legalRepIdType", "法定代表人证件类型");
    }

    @Test
    void each_mapping_is_picked_for_its_own_files() {
        assertThat(CATALOG.resolve(table(List.of("姓名", "身份证号码", "工作单位", "职务", "处分决定文号", "处分种类", "违纪事实",
                "处分机关", "处分决定日期")), null).config().name()).isEqualTo("sanction");
        assertThat(CATALOG.resolve(table(List.of("问责对象名称", "问责对象类别", "统一社会信用代码", "问责决定文号", "问责方式",
                "问责事由", "问责机关", "问责决定日期")), null).config().name()).isEqualTo("accountability");
        assertThat(CATALOG.resolve(table(List.of("iname", "cardNum", "caseCode", "courtName", "regDate", "publishDate",
                "disruptTypeName")), null).config().name()).isEqualTo("dishonest-debtor");
    }

    @Test
    void sanction_and_accountability_accept_realistic_variants() {
        ColumnMapping s = CATALOG.resolve(table(List.of("序号", "被处分人姓名", "公民身份号码", "所在单位", "原职务",
                "处分决定书文号", "处分类别", "违纪违法事实", "处分依据", "作出处分决定的机关", "处分日期", "公开截止期", "备注")),
                "sanction");
        assertThat(s.missingRequired()).isEmpty();
        assertThat(s.describe()).containsEntry("authorityName", "作出处分决定的机关").containsEntry("publicationEnd", "公开截止期");
        assertThat(s.unmappedHeaders()).as("the 序号 column numbers rows: not reported as a column left unused")
                .isEmpty();
        assertThat(CATALOG.resolve(table(List.of("序号", "被处分人姓名", "公民身份号码", "所在单位", "处分决定书文号", "处分类别",
                "作出处分决定的机关", "处分日期", "联系电话")), "sanction").unmappedHeaders()).containsExactly("联系电话");
        ColumnMapping a = CATALOG.resolve(table(List.of("被问责对象", "对象类别", "问责决定书文号", "问责种类", "问责事实",
                "问责决定机关", "问责机关统一社会信用代码", "问责日期", "公示截止期")), "accountability");
        assertThat(a.missingRequired()).isEmpty();
        assertThat(a.describe()).containsEntry("authorityName", "问责决定机关")
                .containsEntry("authorityUscc", "问责机关统一社会信用代码").containsEntry("subjectCategory", "对象类别");
    }

    @Test
    void a_missing_required_column_lists_found_expected_and_closest() {
        List<String> h = List.of("行政相对人名称", "处罚决定书编号", "处罚类别", "处罚决定日期", "处罚机关");
        assertThatThrownBy(() -> CATALOG.resolve(table(h), "penalty"))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessageContaining("缺少必需的列")
                .hasMessageContaining("documentNumber expected [行政处罚决定书文号")
                .hasMessageContaining("closest found '处罚决定书编号'")
                .hasMessageContaining("Found headers (文件中的列): [行政相对人名称, 处罚决定书编号");
    }

    static SourceTable table(List<String> headers) {
        return new SourceTable("test.xlsx", "Sheet1", headers, 1);
    }
}
