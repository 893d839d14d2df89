package org.creditpipeline.ingest.template;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.SheetVisibility;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.creditpipeline.ingest.mapping.ColumnMapping;
import org.creditpipeline.ingest.mapping.MappingCatalog;
import org.creditpipeline.ingest.read.SourceTable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A blank template of each mapping maps back onto that mapping and carries formats, drop-downs and notes. */
class UploadTemplateTest {

    static final MappingCatalog CATALOG = MappingCatalog.load(Path.of("../job-configs/mappings"));

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"penalty", "sanction", "accountability", "judgment", "dishonest-debtor"})
    void template_headers_map_back_onto_their_mapping(String name) throws Exception {
        Path file = UploadTemplate.write(CATALOG.get(name), dir.resolve(name + ".xlsx"));
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook book = new XSSFWorkbook(in)) {
            XSSFSheet data = book.getSheetAt(0);
            List<String> headers = new ArrayList<>();
            data.getRow(0).forEach(c -> headers.add(c.getStringCellValue()));
            SourceTable table = new SourceTable(name + ".xlsx", data.getSheetName(), headers, 1);
            ColumnMapping mapping = CATALOG.resolve(table, null);
            assertThat(mapping.config().name()).isEqualTo(name);
            assertThat(mapping.unmappedHeaders()).isEmpty();
            assertThat(book.getSheetVisibility(book.getSheetIndex("代码表"))).isEqualTo(SheetVisibility.HIDDEN);
            Sheet notes = book.getSheet("填写说明");
            assertThat(notes.getRow(3).getCell(0).getStringCellValue()).contains("文本");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"penalty"})
    void penalty_template_has_text_id_columns_and_drop_downs(String name) throws Exception {
        Path file = UploadTemplate.write(CATALOG.get(name), dir.resolve(name + ".xlsx"));
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook book = new XSSFWorkbook(in)) {
            XSSFSheet data = book.getSheetAt(0);
            List<String> headers = new ArrayList<>();
            data.getRow(0).forEach(c -> headers.add(c.getStringCellValue()));
            assertThat(headers).startsWith("行政相对人名称", "行政相对人类别", "行政相对人代码_1(统一社会信用代码)");
            int uscc = headers.indexOf("行政相对人代码_1(统一社会信用代码)");
            assertThat(data.getColumnStyle(uscc).getDataFormatString()).isEqualTo("@");
            assertThat(data.getColumnStyle(headers.indexOf("证件号码")).getDataFormatString()).isEqualTo("@");
            List<String> validated = new ArrayList<>();
            data.getDataValidations().forEach(v -> validated.add(headers.get(v.getRegions().getCellRangeAddress(0)
                    .getFirstColumn())));
            assertThat(validated).contains("行政相对人类别", "证件类型", "法定代表人证件类型", "处罚类别");
            Sheet lists = book.getSheet("代码表");
            List<String> firstList = new ArrayList<>();
            for (int r = 1; r <= 3; r++) {
                firstList.add(lists.getRow(r).getCell(0).getStringCellValue());
            }
            assertThat(firstList).as("the v2 values, not every synonym the ingest reads")
                    .containsExactly("法人及非法人组织", "自然人", "个体工商户");
            assertThat(headers).as("fields of older templates only").doesNotContain("当前状态", "处罚类别2");
        }
    }

    @org.junit.jupiter.api.Test
    void the_notes_say_which_columns_identify_a_civil_servant_and_the_template_asks_unit_and_post_apart()
            throws Exception {
        Path file = UploadTemplate.write(CATALOG.get("sanction"), dir.resolve("sanction.xlsx"));
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook book = new XSSFWorkbook(in)) {
            List<String> headers = new ArrayList<>();
            book.getSheetAt(0).getRow(0).forEach(c -> headers.add(c.getStringCellValue()));
            assertThat(headers).contains("工作单位", "职务").doesNotContain("工作单位及职务");
            java.util.Map<String, String> required = new java.util.HashMap<>();
            Sheet notes = book.getSheet("填写说明");
            for (int r = notes.getFirstRowNum(); r <= notes.getLastRowNum(); r++) {
                if (notes.getRow(r) != null && notes.getRow(r).getCell(2) != null) {
                    required.put(notes.getRow(r).getCell(0).getStringCellValue(),
                            notes.getRow(r).getCell(2).getStringCellValue());
                }
            }
            assertThat(required).containsEntry("身份证号码", "身份证号码、工作单位至少填一项")
                    .containsEntry("工作单位", "身份证号码、工作单位至少填一项")
                    .containsEntry("处分决定文号", "选填").containsEntry("处分机关", "必填");
        }
    }
}
