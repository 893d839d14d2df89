package org.creditpipeline.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.creditpipeline.normalize.Dates;
import org.creditpipeline.normalize.DocumentNumbers;
import org.creditpipeline.normalize.InvalidValueException;
import org.creditpipeline.normalize.OrgCode;
import org.creditpipeline.normalize.RegionCodes;
import org.creditpipeline.normalize.ResidentId;
import org.creditpipeline.normalize.Uscc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticDataGeneratorTest {

    private static final long ROWS = 10_000;
    private static final Map<String, String> HEADERS = Map.of(
            "penalty-v2.csv", "行政相对人名称,行政相对人类别,行政相对人代码_1(统一社会信用代码),行政相对人代码_2(工商注册号),行政相对人代码_3(组织机构代码),行政相对人代码_4(税务登记号),行政相对人代码_5(事业单位证书号),行政相对人代码_6(社会组织登记证号),法定代表人,法定代表人证件类型,法定代表人证件号码,证件类型,证件号码,行政处罚决定书文号,违法行为类型,违法事实,处罚依据,处罚类别,处罚内容,罚款金额（万元）,没收违法所得、没收非法财物的金额（万元）,暂扣或吊销证照名称及编号,处罚决定日期,处罚有效期,公示截止期,处罚机关,处罚机关统一社会信用代码,数据来源单位,数据来源单位统一社会信用代码,地方编码,备注",
            "penalty-v1-gbk.csv", "行政相对人名称,行政相对人类别,行政相对人代码_1（统一社会信用代码）,行政相对人代码_2（工商注册号）,行政相对人代码_3（组织机构代码）,行政相对人代码_4（税务登记号） ,行政相对人代码_5（事业单位证书号）,行政相对人代码_6（社会组织登记证号）,法定代表人,法定代表人身份证号,证件类型,证件号码,行政处罚决定书文号,违法行为类型,违法事实,处罚依据,处罚类别,处罚内容,处罚金额（万元）,没收违法所得、没收非法财务的金额（万元）,暂扣或吊销证照名称及编号,处罚决定日期,处罚有效期,公示截止期,处罚机关,处罚机关统一社会信用代码,数据来源单位,数据来源单位统一社会信用代码,地方编码,备注,数据导出时间",
            "sanction.csv", "姓名,身份证号码,工作单位,工作单位统一社会信用代码,职务,处分决定文号,处分种类,违纪事实,处分依据,处分机关,处分机关统一社会信用代码,处分决定日期,公示截止期,失信严重程度,地方编码,数据来源单位,备注",
            "accountability.csv", "问责对象名称,问责对象类别,统一社会信用代码,身份证号码,工作单位,职务,问责决定文号,问责方式,问责事由,问责依据,问责机关,问责机关统一社会信用代码,问责决定日期,公示截止期,失信严重程度,地方编码,数据来源单位,备注",
            "judgment.csv", "当事人名称,当事人类别,统一社会信用代码,证件号码,法定代表人,案号,案由,判决结果,审判法院,判决日期,公示截止期,失信严重程度,地方编码,数据来源单位,备注");
    private static final Map<String, List<String>> SUBJECT_KINDS = Map.of(
            "penalty-v2.csv", List.of("法人及非法人组织", "自然人", "个体工商户"),
            "penalty-v1-gbk.csv", List.of("法人和其他组织", "自然人"),
            "accountability.csv", List.of("机关", "事业单位", "公务员"),
            "judgment.csv", List.of("机关", "事业单位", "公务员", "法人及非法人组织", "自然人"));
    private static final List<String> SANCTION_KINDS = List.of("警告", "记过", "记大过", "降级", "撤职", "开除");

    @TempDir
    static Path dir;
    static GenerateSummary summary;
    static Map<String, List<CSVRecord>> files;
    static List<CSVRecord> truth;

    @BeforeAll
    static void generate() throws IOException {
        summary = SyntheticDataGenerator.generate(GenerateOptions.defaults(ROWS, 20240501L, dir.resolve("a")));
        files = new LinkedHashMap<>();
        for (String name : HEADERS.keySet()) {
            files.put(name, parse(dir.resolve("a").resolve(name), charsetOf(name)));
        }
        truth = parse(dir.resolve("a").resolve("ground-truth.csv"), StandardCharsets.UTF_8);
    }

    @Test
    void every_file_has_the_exact_header() throws IOException {
        for (var e : HEADERS.entrySet()) {
            String text = decodeStrictly(dir.resolve("a").resolve(e.getKey()), charsetOf(e.getKey()));
            if (e.getKey().equals("penalty-v2.csv")) {
                assertThat(text).startsWith("\uFEFF");
                text = text.substring(1);
            }
            List<String> header = new ArrayList<>(CSVFormat.RFC4180.parse(new StringReader(text)).iterator().next()
                    .toList());
            assertThat(String.join(",", header)).as(e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(Files.readString(dir.resolve("a").resolve("ground-truth.csv"))).startsWith(
                "file,row,expected,reason,true_id,variant,sheet\r\n");
    }

    @Test
    void row_counts_agree_between_files_summary_and_ground_truth() {
        Map<String, Long> truthCounts = new HashMap<>();
        for (CSVRecord t : truth) {
            truthCounts.merge(t.get(0), 1L, Long::sum);
        }
        long total = 0;
        for (var e : files.entrySet()) {
            long rows = e.getValue().size() - 1;
            assertThat(summary.rowsPerFile()).containsEntry(e.getKey(), rows);
            assertThat(truthCounts.get(e.getKey())).as(e.getKey()).isEqualTo(rows);
            total += rows;
        }
        // the rest are the county lists' (CountyListsTest): about a tenth of the 纪律处分 and 问责 rows
        long countyLists = 0;
        for (var e : summary.rowsPerFile().entrySet()) {
            if (e.getKey().startsWith("county-")) {
                assertThat(truthCounts.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
                countyLists += e.getValue();
            }
        }
        assertThat(countyLists).isBetween(ROWS / 100, ROWS / 30);
        assertThat(total + countyLists).isEqualTo(ROWS);
        assertThat(truth).hasSize((int) ROWS + 1);
        assertThat(summary.rowsPerFile().get("penalty-v2.csv") + summary.rowsPerFile().get("penalty-v1-gbk.csv"))
                .isGreaterThan(ROWS / 2);
        assertThat(truth.stream().skip(1).filter(t -> t.get(2).equals("reject")).count())
                .isEqualTo(summary.invalidRows());
        assertThat(truth.stream().skip(1).map(t -> t.get(4)).filter(s -> !s.isEmpty()).distinct().count())
                .isEqualTo(summary.trueRecords());
    }

    @Test
    void accepted_rows_pass_the_validators() {
        for (CSVRecord t : rows(truth)) {
            if (!t.get(2).equals("accept")) {
                continue;
            }
            Map<String, String> row = row(t);
            String where = t.get(0) + " row " + t.get(1);
            for (String col : List.of("统一社会信用代码", "行政相对人代码_1", "处罚机关统一社会信用代码", "工作单位统一社会信用代码",
                    "问责机关统一社会信用代码", "处分机关统一社会信用代码", "数据来源单位统一社会信用代码")) {
                String v = cell(row, col);
                if (!v.isEmpty()) {
                    assertThat(Uscc.check(v).isValid()).as(where + " " + col + " " + v).isTrue();
                }
            }
            for (String col : List.of("证件号码", "身份证号码", "法定代表人证件号码", "法定代表人身份证号")) {
                String v = cell(row, col);
                if (!v.isEmpty()) {
                    assertThat(ResidentId.check(v).isValid()).as(where + " " + col + " " + v).isTrue();
                }
            }
            String org = cell(row, "组织机构代码");
            if (!org.isEmpty()) {
                assertThat(OrgCode.check(org).isValid()).as(where + " " + org).isTrue();
            }
            assertThat(name(row)).as(where).isNotBlank();
            assertThat(decisionDate(row)).as(where).isNotNull();
            assertThat(RegionCodes.isWellFormed(row.get("地方编码"))).as(where).isTrue();
            LocalDate end = Dates.parse(row.get("公示截止期"));
            if (end != null) {
                assertThat(end).as(where).isAfter(decisionDate(row));
            }
            assertKnownCodeValues(t.get(0), row, where, true);
        }
    }

    @Test
    void each_rejected_row_carries_its_defect() {
        Map<String, Integer> reasons = new HashMap<>();
        for (CSVRecord t : rows(truth)) {
            if (!t.get(2).equals("reject")) {
                continue;
            }
            assertThat(t.get(4)).isEmpty();
            Map<String, String> row = row(t);
            String where = t.get(0) + " row " + t.get(1) + " " + t.get(3);
            reasons.merge(t.get(3), 1, Integer::sum);
            switch (t.get(3)) {
                case "USCC_INVALID" -> {
                    String v = cell(row, "行政相对人代码_1").isEmpty() ? cell(row, "统一社会信用代码")
                            : cell(row, "行政相对人代码_1");
                    assertThat(Uscc.check(v).isValid()).as(where + " " + v).isFalse();
                }
                case "ID_INVALID" -> assertThat(ResidentId.check(personId(row)).isValid()).as(where).isFalse();
                case "ORG_CODE_INVALID" -> assertThat(OrgCode.check(cell(row, "组织机构代码")).isValid()).as(where)
                        .isFalse();
                case "DATE_INVALID" -> assertThatThrownBy(() -> Dates.parse(decisionCell(row))).as(where + " " + decisionCell(row))
                        .isInstanceOf(InvalidValueException.class);
                case "AMOUNT_INVALID" -> {
                    String v = cell(row, "金额（万元）");
                    assertThat(v.matches("\\d+(\\.\\d{1,4})?")).as(where + " " + v).isFalse();
                }
                // a 纪律处分 or 问责 may lack its 文号 (county lists), then its authority is left empty instead
                case "REQUIRED_MISSING" -> assertThat(name(row).isEmpty() || docNo(row).isEmpty()
                        && !t.get(0).startsWith("sanction") && !t.get(0).startsWith("accountability")
                        || decisionCell(row).isEmpty() || cell(row, "机关").isEmpty()).as(where).isTrue();
                case "REGION_INVALID" -> assertThat(RegionCodes.isWellFormed(row.get("地方编码"))).as(where).isFalse();
                case "PUBLICATION_END_BEFORE_DECISION" -> assertThat(Dates.parse(row.get("公示截止期")))
                        .as(where).isBefore(decisionDate(row));
                case "CODE_VALUE_UNKNOWN" -> assertKnownCodeValues(t.get(0), row, where, false);
                default -> throw new AssertionError("unknown reason " + where);
            }
        }
        assertThat(reasons.keySet()).hasSize(9);
    }

    @Test
    void duplicates_are_the_same_record_in_a_file_of_the_same_kind() {
        Map<String, Map<String, String>> firstSeen = new HashMap<>();
        Map<String, String> firstFile = new HashMap<>();
        int duplicates = 0;
        for (CSVRecord t : rows(truth)) {
            String id = t.get(4);
            if (id.isEmpty()) {
                continue;
            }
            Map<String, String> row = row(t);
            Map<String, String> first = firstSeen.get(id);
            if (first == null) {
                assertThat(t.get(5)).as(id).startsWith("original");
                firstSeen.put(id, row);
                firstFile.put(id, t.get(0));
                continue;
            }
            duplicates++;
            String where = t.get(0) + " row " + t.get(1) + " " + t.get(5);
            assertThat(t.get(5)).doesNotStartWith("original");
            assertThat(kindOf(t.get(0))).as(where).isEqualTo(kindOf(firstFile.get(id)));
            assertThat(DocumentNumbers.key(docNo(row))).as(where).isEqualTo(DocumentNumbers.key(docNo(first)));
            assertThat(decisionDate(row)).as(where).isEqualTo(decisionDate(first));
            assertThat(cell(row, "金额（万元）")).as(where).isEqualTo(cell(first, "金额（万元）"));
            String uscc = usccOf(row);
            if (!uscc.isEmpty() && !usccOf(first).isEmpty()) {
                assertThat(Uscc.check(uscc).value()).as(where).isEqualTo(Uscc.check(usccOf(first)).value());
            }
            String person = personId(row);
            if (!person.isEmpty()) {
                assertThat(ResidentId.check(person).value()).as(where).isEqualTo(ResidentId.check(personId(first))
                        .value());
            }
        }
        long resentInCountyLists = truth.stream().skip(1).filter(t -> t.get(0).startsWith("county-")
                && t.get(2).equals("accept") && !t.get(5).startsWith("original")).count();
        assertThat(resentInCountyLists).isPositive();
        assertThat(duplicates + resentInCountyLists).isEqualTo(summary.duplicateRows());
        assertThat((long) duplicates).isGreaterThan(ROWS / 10);
    }

    @Test
    void invalid_share_is_within_one_percent_of_the_option() {
        double share = (double) summary.invalidRows() / ROWS;
        assertThat(share).isBetween(0.04, 0.06);
    }

    @Test
    void gbk_file_decodes_strictly() throws IOException {
        String text = decodeStrictly(dir.resolve("a").resolve("penalty-v1-gbk.csv"), Charset.forName("GBK"));
        assertThat(text).doesNotContain("\uFFFD").contains("法人和其他组织");
    }

    @Test
    void same_seed_gives_identical_bytes_and_another_seed_differs() throws IOException {
        SyntheticDataGenerator.generate(GenerateOptions.defaults(3_000, 7, dir.resolve("b1")));
        SyntheticDataGenerator.generate(GenerateOptions.defaults(3_000, 7, dir.resolve("b2")));
        SyntheticDataGenerator.generate(GenerateOptions.defaults(3_000, 8, dir.resolve("c")));
        for (String name : List.of("penalty-v2.csv", "penalty-v1-gbk.csv", "sanction.csv", "accountability.csv",
                "judgment.csv", "ground-truth.csv")) {
            byte[] one = Files.readAllBytes(dir.resolve("b1").resolve(name));
            assertThat(Files.readAllBytes(dir.resolve("b2").resolve(name))).as(name).isEqualTo(one);
            assertThat(Files.readAllBytes(dir.resolve("c").resolve(name))).as(name).isNotEqualTo(one);
        }
    }

    // ---- helpers ----

    private static void assertKnownCodeValues(String file, Map<String, String> row, String where, boolean known) {
        boolean ok;
        if (file.equals("sanction.csv")) {
            ok = SANCTION_KINDS.contains(row.get("处分种类"));
        } else {
            String kind = row.containsKey("行政相对人类别") ? row.get("行政相对人类别")
                    : row.containsKey("问责对象类别") ? row.get("问责对象类别") : row.get("当事人类别");
            ok = SUBJECT_KINDS.get(file).contains(kind);
        }
        assertThat(ok).as(where).isEqualTo(known);
    }

    private static String kindOf(String file) {
        return file.startsWith("penalty") ? "penalty" : file;
    }

    /** The ground truth's lines of the five CSV files (the county lists have a test of their own). */
    private static List<CSVRecord> rows(List<CSVRecord> all) {
        return all.subList(1, all.size()).stream().filter(t -> !t.get(0).startsWith("county-")).toList();
    }

    private static Map<String, String> row(CSVRecord t) {
        List<CSVRecord> f = files.get(t.get(0));
        CSVRecord header = f.get(0);
        CSVRecord data = f.get(Integer.parseInt(t.get(1)) - 1);
        assertThat(data.size()).isEqualTo(header.size());
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            m.put(header.get(i), data.get(i));
        }
        return m;
    }

    /** The first cell whose header contains the keyword (DOMAIN.md §3: map by keyword, not by ordinal). */
    private static String cell(Map<String, String> row, String keyword) {
        for (var e : row.entrySet()) {
            if (e.getKey().contains(keyword)) {
                return e.getValue();
            }
        }
        return "";
    }

    private static String name(Map<String, String> row) {
        return row.values().iterator().next();
    }

    private static String docNo(Map<String, String> row) {
        String v = cell(row, "文号");
        return v.isEmpty() ? cell(row, "案号") : v;
    }

    private static String decisionCell(Map<String, String> row) {
        String v = cell(row, "决定日期");
        return v.isEmpty() ? cell(row, "判决日期") : v;
    }

    private static LocalDate decisionDate(Map<String, String> row) {
        return Dates.parse(decisionCell(row));
    }

    /** The subject's own ID number (not the 法定代表人's). */
    private static String personId(Map<String, String> row) {
        return row.getOrDefault("证件号码", "") + row.getOrDefault("身份证号码", "");
    }

    private static String usccOf(Map<String, String> row) {
        String v = cell(row, "行政相对人代码_1");
        return v.isEmpty() ? row.getOrDefault("统一社会信用代码", "") : v;
    }

    private static Charset charsetOf(String name) {
        return name.endsWith("gbk.csv") ? Charset.forName("GBK") : StandardCharsets.UTF_8;
    }

    private static String decodeStrictly(Path file, Charset cs) throws IOException {
        return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    }

    private static List<CSVRecord> parse(Path file, Charset cs) throws IOException {
        String text = decodeStrictly(file, cs);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try (CSVParser p = CSVFormat.RFC4180.parse(new StringReader(text))) {
            return p.getRecords();
        }
    }
}
