package org.creditpipeline.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.creditpipeline.normalize.OrgCode;
import org.creditpipeline.normalize.Uscc;
import org.creditpipeline.normalize.Validity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The court feed as written: the API response shape and the quirks of the real 失信被执行人 list (DOMAIN.md §4). */
class CourtFeedTest {

    private static final int RECORDS = 1_230;
    private static final DateTimeFormatter CHINESE_DATE = DateTimeFormatter.ofPattern("yyyy年MM月dd日");

    @TempDir
    static Path dir;
    static JsonNode root;
    static List<JsonNode> records = new ArrayList<>();
    static List<CSVRecord> truth;

    @BeforeAll
    static void generate() throws IOException {
        SyntheticDataGenerator.generate(GenerateOptions.defaults(0, 12L, dir)
                .withFormats(EnumSet.of(OutputFormat.JSON), 0, RECORDS));
        root = JsonMapper.builder().build().readTree(dir.resolve(CourtFeed.FILE_NAME).toFile());
        root.get("data").forEach(page -> page.get("result").forEach(records::add));
        try (Reader in = Files.newBufferedReader(dir.resolve(GroundTruth.FILE_NAME), StandardCharsets.UTF_8)) {
            truth = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    @Test
    void recordsSitInPagesOfFiftyInsideTheApiResponse() {
        assertThat(root.get("status").asString()).isEqualTo("0");
        JsonNode data = root.get("data");
        assertThat(data.size()).isEqualTo((RECORDS + CourtFeed.PAGE - 1) / CourtFeed.PAGE);
        for (JsonNode page : data) {
            assertThat(page.get("resNum").asInt()).isEqualTo(page.get("result").size());
            assertThat(page.get("tplt").asString()).isEqualTo("trust");
        }
        assertThat(data.get(data.size() - 1).get("result").size()).isEqualTo(RECORDS % CourtFeed.PAGE);
        assertThat(records).hasSize(RECORDS);
        assertThat(truth).hasSize(RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            assertThat(truth.get(i).get("file")).isEqualTo(CourtFeed.FILE_NAME);
            assertThat(truth.get(i).get("row")).isEqualTo(Integer.toString(i + 1));
        }
    }

    @Test
    void personsHaveMaskedIdsSexAndAgeInTheFormOfTheirEra() {
        int persons2016 = 0;
        int persons2019 = 0;
        for (int i = 0; i < RECORDS; i++) {
            JsonNode r = records.get(i);
            if (!r.get("partyTypeName").asString().equals("0") || !accepted(i)) {
                continue;
            }
            String card = r.get("cardNum").asString();
            String sex = r.get("sexy").asString();
            assertThat(Integer.parseInt(r.get("age").asString())).isBetween(10, 80);
            if (r.has("areaNameNew")) {
                assertThat(card).matches("\\d{10}\\*{4}\\d{3}[\\dX]");
                assertThat(sex).isIn("男性", "女性");
                persons2019++;
            } else {
                assertThat(card).matches("\\d{11}\\*{4}\\d{3}[\\dX]");
                assertThat(sex).isIn("男", "女");
                persons2016++;
            }
            assertThat(r.get("businessEntity").asString()).isEmpty();
        }
        assertThat(persons2016).isPositive();
        assertThat(persons2019).isPositive();
    }

    @Test
    void organisationsCarryHyphenatedOrgCodesMaskedUsccsOrTheFullCodeOfAPublicBody() {
        int hyphenated = 0;
        int masked = 0;
        int publicBodies = 0;
        for (int i = 0; i < RECORDS; i++) {
            JsonNode r = records.get(i);
            if (!r.get("partyTypeName").asString().equals("1") || !accepted(i)) {
                continue;
            }
            String card = r.get("cardNum").asString();
            assertThat(r.get("sexy").asString()).isEmpty();
            assertThat(r.get("age").asString()).isEqualTo("0");
            assertThat(r.get("businessEntity").asString()).isNotEmpty();
            if (card.contains("-")) {
                assertThat(OrgCode.check(card).validity()).isEqualTo(Validity.VALID);
                hyphenated++;
            } else if (card.contains("*")) {
                assertThat(card).matches("9[0-9A-Z]{9}\\*{4}[0-9A-Z]{4}");
                masked++;
            } else {
                assertThat(card).matches("1[12].{16}");
                assertThat(Uscc.check(card).validity()).isEqualTo(Validity.VALID);
                publicBodies++;
            }
        }
        assertThat(List.of(hyphenated, masked, publicBodies)).allSatisfy(n -> assertThat(n).isPositive());
    }

    @Test
    void datesComeAsCompactTextChineseTextAndEpochSeconds() {
        for (int i = 0; i < RECORDS; i++) {
            JsonNode r = records.get(i);
            LocalDate published = LocalDate.parse(r.get("publishDate").asString(), CHINESE_DATE);
            long stamp = Long.parseLong(r.get("publishDateStamp").asString());
            assertThat(Instant.ofEpochSecond(stamp).atZone(ZoneId.of("Asia/Shanghai")).toLocalDate()).isEqualTo(published);
            if (accepted(i)) {
                assertThat(r.get("regDate").asString()).matches("20[12]\\d[01]\\d[0-3]\\d");
            }
        }
    }

    @Test
    void groundsAreSometimesCommaJoinedAndSpeltBothWays() {
        assertThat(records).anyMatch(r -> r.get("disruptTypeName").asString().contains(","));
        assertThat(records).anyMatch(r -> r.get("disruptTypeName").asString().contains("其它"));
        assertThat(records).anyMatch(r -> r.get("disruptTypeName").asString().contains("其他"));
    }

    @Test
    void republicationsKeepTheTrueRecordAndRejectsNameTheirReason() {
        assertThat(truth).anyMatch(t -> t.get("variant").contains("era"));
        assertThat(truth).anyMatch(t -> t.get("variant").startsWith("original,lookalike"));
        assertThat(truth.stream().filter(t -> t.get("expected").equals("reject")).map(t -> t.get("reason")))
                .isNotEmpty()
                .allSatisfy(reason -> assertThat(reason).isIn("REQUIRED_MISSING", "DATE_INVALID", "ID_INVALID",
                        "ORG_CODE_INVALID", "USCC_INVALID"));
    }

    private static boolean accepted(int index) {
        return truth.get(index).get("expected").equals("accept");
    }
}
