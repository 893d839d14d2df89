package org.creditpipeline.ingest.read.excel;

import org.creditpipeline.support.SourceRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.creditpipeline.ingest.read.SourceReader;
import org.creditpipeline.ingest.read.SourceRow;
import org.creditpipeline.ingest.read.TestFiles;
import org.creditpipeline.ingest.read.UnreadableSourceException;
import org.creditpipeline.ingest.mapping.MappingCatalog;
import org.creditpipeline.ingest.read.HeaderLocator;
import org.creditpipeline.ingest.read.HeaderVocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Workbook behaviour shared by the .xlsx and .xls readers; each reader's test says how to write a workbook and build
 * the reader.
 */
abstract class WorkbookReaderScenarios {

    @TempDir
    Path dir;

    /** Writes a workbook of the reader's format with POI. */
    abstract Path write(String name, Consumer<Workbook> content) throws Exception;

    abstract WorkbookReader reader(Path file, ExcelLimits limits);

    static final List<Object> HEADER = List.of("行政相对人名称", "行政相对人代码_1（统一社会信用代码）", "行政处罚决定书文号",
            "处罚决定日期", "罚款金额（万元）");

    List<SourceRow> readAll(WorkbookReader reader) throws Exception {
        return SourceRows.readAll(reader);
    }

    List<SourceRow> readAll(Path file) throws Exception {
        return readAll(reader(file, ExcelLimits.DEFAULTS));
    }

    @Test
    void headerIsFoundBelowAMergedTitleBannerAndABlankRow() throws Exception {
        Path file = write("banner", wb -> {
            Sheet sheet = wb.createSheet("行政处罚");
            TestFiles.rows(sheet, 1, List.of(List.of("XX县2026年11月行政处罚信息")));
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, 4));
            TestFiles.rows(sheet, 3, List.of(HEADER,
                    List.of("某某县某某商贸有限公司", "91350100M000100Y43", "X市监罚〔2026〕12号", "2026-11-03", 0.2),
                    List.of("杜某甲", "", "X市监罚〔2026〕13号", "2026-11-04", 42745)));
        });

        List<SourceRow> rows = readAll(file);

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).table().headerRow()).isEqualTo(3);
        assertThat(rows.get(0).table().headers()).containsExactlyElementsOf(HEADER.stream().map(Object::toString)
                .toList());
        assertThat(rows.get(0).table().sheet()).isEqualTo("行政处罚");
        assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(4L, 5L);
        assertThat(rows.get(0).cells()).containsExactly("某某县某某商贸有限公司", "91350100M000100Y43",
                "X市监罚〔2026〕12号", "2026-11-03", "0.2");
        assertThat(rows.get(1).cells()).containsExactly("杜某甲", null, "X市监罚〔2026〕13号", "2026-11-04", "42745");
    }

    @Test
    void aFillerLineAboveTheHeaderIsATitleBecauseTheHeaderIsWider() throws Exception {
        Path file = write("filler", wb -> TestFiles.rows(wb.createSheet("s"), 1, List.of(
                List.of("填报单位：某某县市场监督管理局", "", "填报日期：2026年11月"),
                HEADER,
                List.of("a", "b", "c", "d", "e"))));

        List<SourceRow> rows = readAll(file);

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.table().headerRow()).isEqualTo(2);
            assertThat(row.rowNumber()).isEqualTo(3);
        });
    }

    @Test
    void aRowOfFormLabelsAboveTheHeaderIsATitleAndIsReported() throws Exception {
        Path file = write("labels", wb -> {
            Sheet sheet = wb.createSheet("行政处罚");
            TestFiles.rows(sheet, 1, List.of(List.of("南明区行政处罚信息汇总表"),
                    List.of("填报单位（盖章）：南明区市场监管局", "填报人：张三", "联系电话：0851-12345678", "填报日期：2026-11-30"),
                    HEADER, List.of("a", "b", "c", "d", "e")));
        });
        WorkbookReader reader = reader(file, ExcelLimits.DEFAULTS);

        List<SourceRow> rows = readAll(reader);

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.table().headerRow()).isEqualTo(3);
            assertThat(row.table().headers()).hasSize(5).startsWith("行政相对人名称");
            assertThat(row.rowNumber()).isEqualTo(4);
        });
        assertThat(reader.skippedRows()).singleElement().asString()
                .startsWith(file.getFileName() + " sheet 行政处罚: rows above the header skipped as titles")
                .contains("2 rows not ingested (未导入), row 1 “南明区行政处罚信息汇总表”, 2 “填报单位（盖章）：南明区市场监管局”");
    }

    @Test
    void theRowWithTheHeadersTheMappingsKnowWinsOverAWordyTitleAboveIt() throws Exception {
        Path file = write("wordy", wb -> TestFiles.rows(wb.createSheet("s"), 1, List.of(
                List.of("南明区", "2026年11月", "行政处罚信息"), HEADER, List.of("a", "b", "c", "d", "e"))));
        HeaderVocabulary vocabulary = MappingCatalog.load(Path.of("../job-configs/mappings")).headerVocabulary();

        List<SourceRow> rows = readAll(reader(file, ExcelLimits.DEFAULTS).withVocabulary(vocabulary));

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.table().headerRow()).isEqualTo(2);
            assertThat(row.rowNumber()).isEqualTo(3);
        });
    }

    @Test
    void signatureAndTotalLinesBelowTheDataAreSkippedAndCountedNotRejected() throws Exception {
        Path file = write("footer", wb -> TestFiles.rows(wb.createSheet("s"), 1, List.of(HEADER,
                List.of("某某公司", "91350100M000100Y43", "X市监罚〔2026〕12号", "2026-11-03", 0.2),
                List.of("某某公司负责人", "", "填表人：张三", "", ""),
                List.of(), List.of("填表人：张三"), List.of("审核人：李四", "", "联系电话：0851-1234567"),
                List.of("合计", "共1条", "", "", 0.2))));
        WorkbookReader reader = reader(file, ExcelLimits.DEFAULTS);

        List<SourceRow> rows = readAll(reader);

        assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(2L, 3L);
        assertThat(reader.skippedRows()).singleElement().asString().startsWith(file.getFileName() + " sheet s: "
                + "signature and total lines skipped as the form's footer (表尾的填表人、审核人、合计等行): 3 rows not"
                + " ingested (未导入), row 5 “填表人：张三”, 6 “审核人：李四”, 7 “合计”");
    }

    @Test
    void theTemplatesExampleRowsBelowTheHeaderAreSkippedAndReportedButNotLaterRows() throws Exception {
        Path file = write("example", wb -> TestFiles.rows(wb.createSheet("s"), 1, List.of(HEADER,
                List.of("例：××市××有限公司", "91350100M000100Y43", "××市监罚〔2026〕×号", "2026-01-01", 0.5),
                List.of("（示例）贵阳市某某有限公司", "91350100M000100Y43", "筑南市监罚〔2026〕1号", "2026-01-01", 0.5),
                List.of("某某公司", "91350100M000100Y43", "X市监罚〔2026〕12号", "2026-11-03", 0.2),
                List.of("例：乙公司", "91350100M000100Y43", "X市监罚〔2026〕13号", "2026-11-03", 0.2))));
        WorkbookReader reader = reader(file, ExcelLimits.DEFAULTS);

        List<SourceRow> rows = readAll(reader);

        // only the rows before the first record are examples: a later one is data (and its value is the officer's)
        assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(4L, 5L);
        assertThat(reader.skippedRows()).singleElement().asString().startsWith(file.getFileName() + " sheet s: "
                + "the template's example rows skipped (模板中的填写示例行): 2 rows not ingested (未导入), row 2 “例：××市");
    }

    @Test
    void aCellMergedDownOverSeveralDataRowsGivesItsValueToEachOfThem() throws Exception {
        Path file = write("merged", wb -> {
            Sheet sheet = wb.createSheet("s");
            TestFiles.rows(sheet, 1, List.of(List.of("南明区行政处罚信息"), List.of("名称", "文号", "处罚机关", "备注"),
                    List.of("甲公司", "X罚1号", "南明区市场监督管理局", "a"),
                    List.of("乙公司", "X罚2号", "", "b"),
                    List.of("丙公司", "X罚3号"),
                    List.of("丁公司", "X罚4号", "", "d")));
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, 3)); // the banner: not a data range
            sheet.addMergedRegion(new CellRangeAddress(2, 4, 2, 2)); // 处罚机关 over rows 3-5
        });

        List<SourceRow> rows = readAll(file);

        assertThat(rows).extracting(row -> row.cell(2)).containsExactly("南明区市场监督管理局", "南明区市场监督管理局",
                "南明区市场监督管理局", null);
        assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(3L, 4L, 5L, 6L);
    }

    @Test
    void aGroupedHeaderOverTwoRowsNamesEachColumnByItsSubHeader() throws Exception {
        Path file = write("grouped", wb -> {
            Sheet sheet = wb.createSheet("s");
            TestFiles.rows(sheet, 1, List.of(
                    List.of("行政相对人名称", "行政相对人代码", "", "", "处罚机关", "", "行政处罚决定书文号"),
                    List.of("", "统一社会信用代码", "工商注册号", "组织机构代码", "名称", "统一社会信用代码"),
                    List.of("某某公司", "91350100M000100Y43", "", "", "南明区市场监督管理局", "11520102000000019L", "X罚1号")));
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 1, 3));
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 4, 5));
            for (int c : new int[] {0, 6}) {
                sheet.addMergedRegion(new CellRangeAddress(0, 1, c, c));
            }
        });
        HeaderVocabulary vocabulary = MappingCatalog.load(Path.of("../job-configs/mappings")).headerVocabulary();

        List<SourceRow> rows = readAll(reader(file, ExcelLimits.DEFAULTS).withVocabulary(vocabulary));

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.table().headers()).containsExactly("行政相对人名称", "行政相对人代码（统一社会信用代码）",
                    "行政相对人代码（工商注册号）", "行政相对人代码（组织机构代码）", "处罚机关（名称）",
                    "处罚机关（统一社会信用代码）", "行政处罚决定书文号");
            assertThat(row.table().headerRow()).isEqualTo(2);
            assertThat(row.rowNumber()).isEqualTo(3);
            assertThat(row.cell(1)).isEqualTo("91350100M000100Y43");
        });
    }

    @Test
    void aGroupedHeaderWhoseLabelsAreRepeatedOverEachColumnIsCombinedToo() throws Exception {
        // as "unmerge and fill" or a system's export leaves it: the group label in every column, 序号 in both rows
        Path file = write("grouped-filled", wb -> TestFiles.rows(wb.createSheet("s"), 1, List.of(
                List.of("序号", "行政相对人", "行政相对人", "行政相对人", "处罚决定", "处罚决定", "处罚机关"),
                List.of("序号", "名称", "类别", "统一社会信用代码", "文书号", "日期", "处罚机关"),
                List.of(1, "某某公司", "法人及非法人组织", "91350100M000100Y43", "X罚1号", "2026-11-05", "南明区市场监督管理局"))));

        List<SourceRow> rows = readAll(reader(file, ExcelLimits.DEFAULTS).withVocabulary(vocabulary()));

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.table().headers()).containsExactly("序号", "行政相对人（名称）", "行政相对人（类别）",
                    "行政相对人（统一社会信用代码）", "处罚决定（文书号）", "处罚决定（日期）", "处罚机关");
            assertThat(row.table().headerRow()).isEqualTo(2);
            assertThat(row.rowNumber()).isEqualTo(3);
        });
    }

    @Test
    void groupLabelsAboveAHeaderRowThatHoldsTheOtherColumnsNameTheirColumns() throws Exception {
        // the group labels merged across in row 2, 序号 and 处罚机关 written in row 3 only (not merged down)
        Path file = write("grouped-above", wb -> {
            Sheet sheet = wb.createSheet("s");
            TestFiles.rows(sheet, 1, List.of(List.of("XX县行政处罚信息"),
                    List.of("", "行政相对人", "", "", "处罚决定", ""),
                    List.of("序号", "名称", "类别", "统一社会信用代码", "文书号", "日期", "处罚机关"),
                    List.of(1, "某某公司", "法人及非法人组织", "91350100M000100Y43", "X罚1号", "2026-11-05", "某局")));
            sheet.addMergedRegion(new CellRangeAddress(1, 1, 1, 3));
            sheet.addMergedRegion(new CellRangeAddress(1, 1, 4, 5));
        });
        WorkbookReader reader = reader(file, ExcelLimits.DEFAULTS).withVocabulary(vocabulary());

        List<SourceRow> rows = readAll(reader);

        assertThat(rows).singleElement().satisfies(row -> {
            // without the horizontal merges, the last group seems to reach to the end of the row; 处罚机关 still maps
            assertThat(row.table().headers()).containsExactly("序号", "行政相对人（名称）", "行政相对人（类别）",
                    "行政相对人（统一社会信用代码）", "处罚决定（文书号）", "处罚决定（日期）", "处罚决定（处罚机关）");
            assertThat(row.table().headerRow()).isEqualTo(3);
        });
        assertThat(reader.skippedRows()).singleElement().asString().contains("1 row not ingested");
    }

    @Test
    void aGroupedHeaderWithAColumnNoMappingKnowsIsStillOneHeader() throws Exception {
        // 住所 under 行政相对人 used to make the second row data, so that 名称 and 类别 were lost and the file failed
        Path file = write("grouped-unknown", wb -> {
            Sheet sheet = wb.createSheet("s");
            TestFiles.rows(sheet, 1, List.of(
                    List.of("序号", "行政相对人", "", "", "", "行政处罚决定书文号", "处罚决定日期", "处罚机关"),
                    List.of("", "名称", "类别", "统一社会信用代码", "住所"),
                    List.of(1, "某某公司", "法人及非法人组织", "91350100M000100Y43", "南明区某路1号", "X罚1号", "2026-11-05",
                            "某局")));
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 1, 4));
            for (int c : new int[] {0, 5, 6, 7}) {
                sheet.addMergedRegion(new CellRangeAddress(0, 1, c, c));
            }
        });

        List<SourceRow> rows = readAll(reader(file, ExcelLimits.DEFAULTS).withVocabulary(vocabulary()));

        assertThat(rows).singleElement().satisfies(row -> assertThat(row.table().headers()).containsExactly("序号",
                "行政相对人（名称）", "行政相对人（类别）", "行政相对人（统一社会信用代码）", "住所", "行政处罚决定书文号", "处罚决定日期",
                "处罚机关"));
    }

    @Test
    void aBannerRightAboveTheHeaderStaysATitle() throws Exception {
        Path file = write("banner-adjacent", wb -> {
            Sheet sheet = wb.createSheet("s");
            TestFiles.rows(sheet, 1, List.of(List.of("行政相对人行政处罚信息公示表"),
                    List.of("名称", "类别", "统一社会信用代码", "行政处罚决定书文号", "处罚决定日期"),
                    List.of("某某公司", "法人及非法人组织", "91350100M000100Y43", "X罚1号", "2026-11-05")));
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, 4));
        });

        List<SourceRow> rows = readAll(reader(file, ExcelLimits.DEFAULTS).withVocabulary(vocabulary()));

        assertThat(rows).singleElement().satisfies(row -> assertThat(row.table().headers()).containsExactly("名称", "类别",
                "统一社会信用代码", "行政处罚决定书文号", "处罚决定日期"));
    }

    @Test
    void tablesPastedOneUnderAnotherKeepTheirRowsAndLoseTheRepeatedHeaderAndItsTitle() throws Exception {
        // two departments' tables pasted into one sheet, each with its title, then a blank row and a third block
        Path file = write("blocks", wb -> TestFiles.rows(wb.createSheet("s"), 1, List.of(
                List.of("XX县行政处罚信息（市场监管局）"), HEADER,
                List.of("甲公司", "91350100M000100Y43", "X罚1号", "2026-11-05", "0.2"),
                List.of("XX县行政处罚信息（交通局）"), HEADER,
                List.of("乙公司", "91350100M000100Y43", "X交罚1号", "2026-11-06", "0.3"),
                List.of(), List.of("（卫健局）"), List.of(), HEADER.subList(0, 4),
                List.of("丙公司", "91350100M000100Y43", "X卫罚1号", "2026-11-07"),
                List.of("丁公司（名称单独一格）"))));
        WorkbookReader reader = reader(file, ExcelLimits.DEFAULTS);

        List<SourceRow> rows = readAll(reader);

        assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(3L, 6L, 11L, 12L);
        assertThat(reader.skippedRows()).contains(file.getFileName() + " sheet s: the header repeated below the"
                + " data and the title above it skipped, as when tables are pasted one under another"
                + " (数据中重复的表头及其标题行): 4 rows not ingested (未导入), row 4 “XX县行政处罚信息（交通局）”, 5 “行政相对人名称”,"
                + " 8 “（卫健局）”, 10");
    }

    @Test
    void rowsHiddenByAFilterAreImportedAndNamedInTheWarnings() throws Exception {
        Path file = write("filtered", wb -> {
            Sheet sheet = wb.createSheet("s");
            TestFiles.rows(sheet, 1, List.of(HEADER, List.of("甲公司", "91350100M000100Y43", "X罚1号", "2026-11-05"),
                    List.of("乙公司", "91350100M000100Y43", "X罚2号", "2026-11-05"),
                    List.of("丙公司", "91350100M000100Y43", "X罚3号", "2026-11-05")));
            sheet.setAutoFilter(CellRangeAddress.valueOf("A1:E4"));
            sheet.getRow(1).setZeroHeight(true);
            sheet.getRow(3).setZeroHeight(true);
        });
        WorkbookReader reader = reader(file, ExcelLimits.DEFAULTS);
        ExecutionContext context = new ExecutionContext();

        reader.open(context);
        List<SourceRow> rows = new ArrayList<>();
        for (SourceRow row; (row = reader.read()) != null; ) {
            rows.add(row);
        }
        reader.update(context);
        reader.close();

        assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(2L, 3L, 4L);
        assertThat(context.getString(SourceReader.WARNINGS_KEY)).isEqualTo(file.getFileName() + " sheet s: 2 rows are"
                + " hidden in Excel (filtered out or hidden) and were imported all the same, row 2, 4 (第 2 行等在 Excel 中"
                + "被筛选隐藏或手动隐藏，仍已导入；如这些行不应上报，请删除后重新上传)");
    }

    @Test
    void aHeaderTypedOverTwoRowsColumnByColumnIsOneHeader() throws Exception {
        // the officer wrapped long headers by typing their second half in the row below instead of Alt+Enter
        Path file = write("split-header", wb -> TestFiles.rows(wb.createSheet("s"), 1, List.of(
                List.of("行政相对人", "行政相对人", "统一社会", "行政处罚决定", "处罚决定", "处罚机关"),
                List.of("名称", "类别", "信用代码", "书文号", "日期"),
                List.of("某某公司", "法人及非法人组织", "91350100M000100Y43", "X罚1号", "2026-11-05", "某局"))));

        List<SourceRow> rows = readAll(reader(file, ExcelLimits.DEFAULTS).withVocabulary(vocabulary()));

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.table().headers()).containsExactly("行政相对人（名称）", "行政相对人（类别）", "统一社会信用代码",
                    "行政处罚决定书文号", "处罚决定日期", "处罚机关");
            assertThat(row.rowNumber()).isEqualTo(3);
        });
    }

    @Test
    void theFirstDataRowUnderAHeaderIsNeverTakenForTheHeadersSecondRow() throws Exception {
        Path file = write("first-row", wb -> TestFiles.rows(wb.createSheet("s"), 1, List.of(
                List.of("行政相对人", "行政相对人", "处罚决定", "处罚决定", "处罚机关"),
                List.of("名称", "类别", "文书号", "日期", "处罚机关"),
                List.of("某某公司", "法人及非法人组织", "X罚1号", "2026-11-05", "某局"))));

        List<SourceRow> rows = readAll(reader(file, ExcelLimits.DEFAULTS).withVocabulary(vocabulary()));

        assertThat(rows).singleElement().satisfies(row -> assertThat(row.cell(0)).isEqualTo("某某公司"));
    }

    @Test
    void sectionHeadingsBetweenTheRecordsOfAConsolidatedTableAreSkipped() throws Exception {
        Path file = write("sections", wb -> {
            Sheet sheet = wb.createSheet("s");
            TestFiles.rows(sheet, 1, List.of(HEADER, List.of("一、市场监督管理局（1条）"),
                    List.of("甲公司", "91350100M000100Y43", "X罚1号", "2026-11-05"), List.of("（二）交通运输局"),
                    List.of("乙公司", "91350100M000100Y43", "X交罚1号", "2026-11-06"), List.of("丙公司")));
            sheet.addMergedRegion(new CellRangeAddress(1, 1, 0, 4));
            sheet.addMergedRegion(new CellRangeAddress(3, 3, 0, 4));
        });
        WorkbookReader reader = reader(file, ExcelLimits.DEFAULTS);

        List<SourceRow> rows = readAll(reader);

        assertThat(rows).extracting(SourceRow::rowNumber).as("a record with only its name stays, to be rejected")
                .containsExactly(3L, 5L, 6L);
        assertThat(reader.skippedRows()).contains(file.getFileName() + " sheet s: section headings between the records"
                + " skipped (表内的分组标题行，如“一、市场监管局”): 2 rows not ingested (未导入), row 2 “一、市场监督管理局（1条）”,"
                + " 4 “（二）交通运输局”");
    }

    private static HeaderVocabulary vocabulary() {
        return MappingCatalog.load(Path.of("../job-configs/mappings")).headerVocabulary();
    }

    @Test
    void everyVisibleSheetIsItsOwnTable() throws Exception {
        Path file = write("two", wb -> {
            TestFiles.rows(wb.createSheet("行政处罚"), 1, List.of(List.of("CF_WSH", "CF_XDR_MC", "CF_JDRQ"),
                    List.of("文号1", "名称1", "2026-01-01")));
            TestFiles.rows(wb.createSheet("行政许可"), 1, List.of(List.of("XK_WSH", "XK_XDR_MC", "XK_JDRQ", "XK_XKJG"),
                    List.of("许可1", "名称2", "2026-02-01", "某某局"), List.of("许可2", "名称3", "2026-02-02", "某某局")));
        });

        List<SourceRow> rows = readAll(file);

        assertThat(rows).extracting(row -> row.table().sheet()).containsExactly("行政处罚", "行政许可", "行政许可");
        assertThat(rows.get(0).table().headers()).containsExactly("CF_WSH", "CF_XDR_MC", "CF_JDRQ");
        assertThat(rows.get(1).table().headers()).containsExactly("XK_WSH", "XK_XDR_MC", "XK_JDRQ", "XK_XKJG");
        assertThat(rows.get(2).rowNumber()).isEqualTo(3);
    }

    @Test
    void hiddenSheetsAreReportedAndNotRead() throws Exception {
        Path file = write("hidden", wb -> {
            TestFiles.rows(wb.createSheet("数据"), 1, List.of(List.of("a", "b", "c"), List.of("1", "2", "3")));
            TestFiles.rows(wb.createSheet("代码表"), 1, List.of(List.of("x", "y", "z"), List.of("h", "h", "h")));
            TestFiles.rows(wb.createSheet("宏"), 1, List.of(List.of("x", "y", "z"), List.of("v", "v", "v")));
            wb.setSheetHidden(1, true);
            wb.setSheetVisibility(2, org.apache.poi.ss.usermodel.SheetVisibility.VERY_HIDDEN);
        });
        WorkbookReader reader = reader(file, ExcelLimits.DEFAULTS);

        List<SourceRow> rows = readAll(reader);

        assertThat(rows).singleElement().extracting(SourceRow::cells).isEqualTo(new String[] {"1", "2", "3"});
        assertThat(reader.hiddenSheets()).containsExactly("代码表", "宏");
    }

    @Test
    void aSheetWithoutHeaderIsSkippedWithAReasonWhenAnotherSheetHasData() throws Exception {
        Path file = write("skip", wb -> {
            TestFiles.rows(wb.createSheet("说明"), 1, List.of(List.of("本表由某某县信用办汇总")));
            wb.createSheet("空表");
            TestFiles.rows(wb.createSheet("数据"), 1, List.of(List.of("a", "b", "c"), List.of("1", "2", "3")));
        });
        WorkbookReader reader = reader(file, ExcelLimits.DEFAULTS);

        assertThat(readAll(reader)).hasSize(1);
        assertThat(reader.skippedSheets()).containsExactly("说明: " + HeaderLocator.noHeaderReason(),
                "空表: sheet is empty / 工作表为空");
    }

    @Test
    void aWorkbookWithoutAnyHeaderIsUnreadable() throws Exception {
        Path file = write("nothing", wb -> {
            TestFiles.rows(wb.createSheet("说明"), 1, List.of(List.of("只有一行说明")));
            wb.createSheet("空表");
        });

        assertThatThrownBy(() -> readAll(file)).isInstanceOf(UnreadableSourceException.class)
                .hasMessageContaining("nothing").hasMessageContaining("has no sheet with a header row")
                .hasMessageContaining("工作簿中没有可识别表头的工作表");
    }

    @Test
    void aHeaderOnlyWorkbookGivesZeroRows() throws Exception {
        Path file = write("header-only", wb -> TestFiles.rows(wb.createSheet("s"), 1, List.of(HEADER)));

        assertThat(readAll(file)).isEmpty();
    }

    @Test
    void blankRowsAndBlankTrailingRowsAreSkipped() throws Exception {
        Path file = write("blank", wb -> {
            Sheet sheet = wb.createSheet("s");
            TestFiles.rows(sheet, 1, List.of(List.of("a", "b", "c"), List.of("1", "2", "3")));
            TestFiles.rows(sheet, 4, List.of(List.of("4", "5", "6")));
            TestFiles.rows(sheet, 5, List.of(List.of("", " ", ""), List.of("", "", ""))); // formatted but empty
            for (int r = 7; r < 40; r++) {
                sheet.createRow(r).createCell(2); // blank cells Excel leaves after a delete
            }
        });

        assertThat(readAll(file)).extracting(SourceRow::rowNumber).containsExactly(2L, 4L);
    }

    @Test
    void datesBecomeIsoAndDatesTypedAsTextStayAsTyped() throws Exception {
        Path file = write("dates", wb -> {
            Sheet sheet = wb.createSheet("s");
            TestFiles.rows(sheet, 1, List.of(List.of("iso", "builtin", "chinese", "text", "datetime")));
            Row row = sheet.createRow(1);
            double serial = 46329; // 2026-11-03
            dateCell(wb, row, 0, serial, "yyyy-mm-dd");
            dateCell(wb, row, 1, serial, "m/d/yy");
            dateCell(wb, row, 2, serial, "yyyy\"年\"m\"月\"d\"日\"");
            row.createCell(3).setCellValue("2026/11/03");
            dateCell(wb, row, 4, serial + 0.5, "yyyy-mm-dd hh:mm");
        });

        assertThat(readAll(file)).singleElement().extracting(SourceRow::cells)
                .isEqualTo(new String[] {"2026-11-03", "2026-11-03", "2026-11-03", "2026/11/03",
                        "2026-11-03 12:00:00"});
    }

    @Test
    void anEighteenDigitIdTypedAsANumberComesOutInExponentFormSoTheValidatorSeesItWasRounded() throws Exception {
        Path file = write("id", wb -> TestFiles.rows(wb.createSheet("s"), 1, List.of(
                List.of("证件号码", "金额", "整数", "小"),
                List.of(410102199001011234d, 1234567.891, 100, 0.0001))));

        assertThat(readAll(file)).singleElement().extracting(SourceRow::cells)
                .isEqualTo(new String[] {"4.10102199001011E+17", "1234567.891", "100", "0.0001"});
    }

    @Test
    void formulasGiveTheirCachedValue() throws Exception {
        Path file = write("formula", wb -> {
            Sheet sheet = wb.createSheet("s");
            TestFiles.rows(sheet, 1, List.of(List.of("罚款（元）", "罚款金额（万元）", "文号", "是否")));
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue(2000);
            row.createCell(1).setCellFormula("A2/10000");
            row.createCell(2).setCellFormula("\"X罚\"&\"〔2026〕1号\"");
            row.createCell(3).setCellFormula("A2>1000");
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
        });

        assertThat(readAll(file)).singleElement().extracting(SourceRow::cells)
                .isEqualTo(new String[] {"2000", "0.2", "X罚〔2026〕1号", "TRUE"});
    }

    @Test
    void aRowWiderThanTheHeaderKeepsItsCellsAndCarriesAProblem() throws Exception {
        Path file = write("wide", wb -> {
            Sheet sheet = wb.createSheet("s");
            TestFiles.rows(sheet, 1, List.of(Collections.nCopies(30, "列"), Collections.nCopies(50, "v"),
                    Collections.nCopies(30, "w")));
        });

        List<SourceRow> rows = readAll(file);

        assertThat(rows.get(0).problem()).isEqualTo("row has 50 cells but the header has 30 columns (列数与表头不一致)");
        assertThat(rows.get(0).cells()).hasSize(50);
        assertThat(rows.get(1).problem()).isNull();
    }

    @Test
    void aCellLongerThanTheLimitMarksItsRowNotTheFile() throws Exception {
        Path file = write("long", wb -> TestFiles.rows(wb.createSheet("s"), 1, List.of(
                List.of("a", "b", "c"), List.of("x", "y".repeat(50), "z"), List.of("1", "2", "3"))));

        List<SourceRow> rows = readAll(reader(file, new ExcelLimits(10L * 1024 * 1024, 20)));

        assertThat(rows.get(0).problem()).isEqualTo("cell B has 50 characters, more than the limit of 20 (单元格内容超长)");
        assertThat(rows.get(0).cell(1)).hasSize(20);
        assertThat(rows.get(1).problem()).isNull();
    }

    private static void dateCell(Workbook wb, Row row, int column, double serial, String format) {
        CellStyle style = wb.createCellStyle();
        style.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat(format));
        Cell cell = row.createCell(column);
        cell.setCellValue(serial);
        cell.setCellStyle(style);
    }
}
