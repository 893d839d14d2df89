package org.creditpipeline.ingest.read.json;

import org.creditpipeline.support.SharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.creditpipeline.ingest.read.SourceReader;
import org.creditpipeline.ingest.read.SourceReaderRestartScenarios;
import org.creditpipeline.ingest.read.SourceRow;
import org.creditpipeline.ingest.read.TestFiles;
import org.creditpipeline.ingest.read.UnreadableSourceException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class JsonSourceReaderTest {

    @TempDir
    Path dir;

    private Path json(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    /** Appends as it reads, so that a test sees the rows handed out before a failure. */
    static List<SourceRow> readAll(SourceReader reader, List<SourceRow> rows) throws Exception {
        reader.open(new ExecutionContext());
        try {
            for (SourceRow row; (row = reader.read()) != null; ) {
                rows.add(row);
            }
        } finally {
            reader.close();
        }
        return rows;
    }

    static List<SourceRow> readAll(Path file) throws Exception {
        return readAll(new JsonSourceReader(file), new ArrayList<>());
    }

    @ParameterizedTest(name = "{0}: {1} records at ''{2}''")
    @CsvSource({"shixin-2016-a.json, 4, []", "shixin-2016-b.json, 23, []",
            "shixin-2019-baidu.json, 50, data[].result[]"})
    void theCourtFeedSamplesAreReadRecordByRecord(String name, int records, String path) throws Exception {
        Path feeds = SharedData.find("feeds").orElse(null);
        assumeTrue(feeds != null && Files.exists(feeds.resolve(name)), "shared/data/feeds not present");
        JsonSourceReader reader = new JsonSourceReader(feeds.resolve(name));

        List<SourceRow> rows = readAll(reader, new ArrayList<>());

        assertThat(reader.recordPath()).hasToString(path);
        assertThat(rows).hasSize(records);
        assertThat(rows).extracting(SourceRow::rowNumber).startsWith(1L, 2L).endsWith((long) records);
        List<String> headers = rows.get(0).table().headers();
        assertThat(headers).startsWith(name.startsWith("shixin-2016") ? new String[] {"duty", "StdStl", "iname"}
                : new String[] {"StdStg", "StdStl", "_update_time", "cambrian_appid"});
        assertThat(headers).contains("iname", "cardNum", "caseCode", "courtName", "gistId", "publishDate",
                "publishDateStamp", "partyTypeName", "disruptTypeName");
        assertThat(headers).hasSize(name.startsWith("shixin-2016") ? 32 : 34);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.table().sheet()).isNull();
            assertThat(row.table().source()).isEqualTo(name);
            String caseCode = row.cell(headers.indexOf("caseCode"));
            assertThat(caseCode).contains("执").doesNotContain("\\u");
            assertThat(row.cell(headers.indexOf("loc"))).startsWith("http").doesNotContain("\\/");
            assertThat(row.cell(headers.indexOf("cardNum"))).matches("[0-9A-Z*-]{9,19}");
        });
        assertThat(rows.get(0).cell(headers.indexOf("StdStl"))).matches("\\d+");
    }

    @Test
    void aTopLevelArrayOfFlatObjectsWithValuesRenderedAsText() throws Exception {
        Path file = json("a.json", """
                [ {"iname": "杜某甲", "age": "45", "amount": 0.2, "big": 12345678901234567890, "exp": 1.5e3,
                   "ok": true, "none": null, "tags": ["a", {"b": 1}], "obj": {"x": "\\u5f20\\/y"}} ]""");

        assertThat(readAll(file)).singleElement().satisfies(row -> {
            assertThat(row.table().headers()).containsExactly("iname", "age", "amount", "big", "exp", "ok", "none",
                    "tags", "obj");
            assertThat(row.cells()).containsExactly("杜某甲", "45", "0.2", "12345678901234567890", "1500", "true", null,
                    "[\"a\",{\"b\":1}]", "{\"x\":\"张/y\"}");
        });
    }

    @Test
    void dotNetDatesBecomeTheirEpochMillisecondsAndOtherTextStaysAsItIs() throws Exception {
        Path file = json("dotnet.json", """
                [{"CF_JDRQ": "\\/Date(1570636800000+0800)\\/", "CF_YXQ": "/Date(1570636800000)/",
                  "SJC": "/Date(-86400000)/", "BZ": "/Date(soon)/", "CF_NR": "见 /Date(1)/"}]""");

        assertThat(readAll(file)).singleElement().satisfies(row -> assertThat(row.cells())
                .containsExactly("1570636800000", "1570636800000", "-86400000", "/Date(soon)/", "见 /Date(1)/"));
    }

    @Test
    void pythonsNanAndInfinityAreEmptyCellsAndACommaAfterTheLastRecordIsNoError() throws Exception {
        Path file = json("pandas.json", """
                [{"CF_WSH": "a", "CF_NR_FK": NaN, "CF_NR_WFFF": Infinity, "BZ": -Infinity},
                 {"CF_WSH": "b", "CF_NR_FK": 0.2, "CF_NR_WFFF": null, "BZ": "x",},]""");

        assertThat(readAll(file)).extracting(row -> java.util.Arrays.asList(row.cells())).containsExactly(
                java.util.Arrays.asList("a", null, null, null), java.util.Arrays.asList("b", "0.2", null, "x"));
    }

    @Test
    void aJsonpResponseIsReadInsideItsCallbackInUtf8AndGbk() throws Exception {
        String jsonp = "jQuery1123_0456({\"code\": 0, \"data\": [{\"a\": \"(甲)\", \"b\": \")\", \"c\": \"3\"}]});\n";
        Path utf8 = Files.write(dir.resolve("jsonp.json"), ("\uFEFF" + jsonp).getBytes(StandardCharsets.UTF_8));
        Path gbk = Files.write(dir.resolve("jsonp-gbk.json"), jsonp.replace("jQuery1123_0456", "cb")
                .getBytes("GBK"));

        for (Path file : List.of(utf8, gbk)) {
            JsonSourceReader reader = new JsonSourceReader(file);
            assertThat(readAll(reader, new ArrayList<>())).singleElement().satisfies(row -> assertThat(row.cells())
                    .containsExactly("(甲)", ")", "3"));
            assertThat(reader.recordPath()).hasToString("data[]");
        }
    }

    @Test
    void jsonLinesWithBlankLinesAndABom() throws Exception {
        Path file = dir.resolve("lines.jsonl");
        Files.write(file, ("\uFEFF{\"a\":1,\"b\":2,\"c\":3}\n\n{\"a\":4,\"b\":5,\"c\":6}\r\n  \n{\"a\":7,\"b\":8,\"c\":9}\n")
                .getBytes(StandardCharsets.UTF_8));

        List<SourceRow> rows = readAll(file);

        assertThat(rows).extracting(row -> String.join(",", row.cells())).containsExactly("1,2,3", "4,5,6", "7,8,9");
        assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aWrappedApiResponseIsFoundThroughTheStatusFields() throws Exception {
        Path file = json("wrapped.json", """
                {"status": "0", "t": "1", "set_cache_time": "", "data": [
                  {"result": [{"a": "1", "b": "2", "c": "3"}, {"a": "4", "b": "5", "c": "6"}],
                   "otherinfo": [], "resNum": 2, "url": "x", "tplt": "trust"},
                  {"result": [{"a": "7", "b": "8", "c": "9"}], "resNum": 1}]}""");
        JsonSourceReader reader = new JsonSourceReader(file);

        List<SourceRow> rows = readAll(reader, new ArrayList<>());

        assertThat(reader.recordPath()).hasToString("data[].result[]");
        assertThat(rows).extracting(row -> String.join(",", row.cells())).containsExactly("1,2,3", "4,5,6", "7,8,9");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"code": 200, "msg": "ok", "data": {"total": 2, "list": [%s]}}                 | data.list[]
            {"status": 0, "result": {"total": 2, "items": [%s]}}                            | result.items[]
            {"code": 0, "msg": "ok", "total": 2, "data": [%s]}                              | data[]
            {"data": {"page": {"no": 1, "size": 2, "pages": 1}, "rows": [%s]}, "msg": "ok"} | data.rows[]
            [%s]                                                                            | []
            """)
    void recordsWrappedInEnvelopeObjectsAreFoundAndTheEnvelopeIsSkipped(String shape, String path) throws Exception {
        Path file = json("shape.json", shape.formatted("{\"a\": \"1\", \"b\": \"2\", \"c\": \"3\"},"
                + " {\"a\": \"4\", \"b\": \"5\", \"c\": \"6\"}"));
        JsonSourceReader reader = new JsonSourceReader(file);

        List<SourceRow> rows = readAll(reader, new ArrayList<>());

        assertThat(reader.recordPath()).hasToString(path);
        assertThat(rows).extracting(row -> String.join(",", row.cells())).containsExactly("1,2,3", "4,5,6");
        assertThat(rows.get(0).table().headers()).containsExactly("a", "b", "c");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"r1": {"a": "1", "b": "2", "c": "3"}, "r2": {"a": "4", "b": "5", "c": "6"}}                           | {}
            {"code": "0000", "data": {"1001": {"a": "1", "b": "2", "c": "3"}, "1002": {"a": "4", "b": "5", "c": "6"}}} | data{}
            [{"xzcf": {"a": "1", "b": "2", "c": "3"}}, {"xzcf": {"a": "4", "b": "5", "c": "6"}}]                   | [].xzcf
            {"code": 0, "data": {"total": 2, "list": [{"data": {"a": "1", "b": "2", "c": "3"}}, {"data": {"a": "4", "b": "5", "c": "6"}}]}} | data.list[].data
            """)
    void recordsKeyedByIdOrWrappedOneLevelInAnObjectAreFound(String shape, String path) throws Exception {
        JsonSourceReader reader = new JsonSourceReader(json("keyed.json", shape));

        List<SourceRow> rows = readAll(reader, new ArrayList<>());

        assertThat(reader.recordPath()).hasToString(path);
        assertThat(rows).extracting(row -> String.join(",", row.cells())).containsExactly("1,2,3", "4,5,6");
        assertThat(rows.get(0).table().headers()).containsExactly("a", "b", "c");
        assertThat(reader.warnings()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"d": "[{\\"a\\": \\"1\\", \\"b\\": \\"2\\", \\"c\\": \\"3\\"}, {\\"a\\": \\"4\\", \\"b\\": \\"5\\", \\"c\\": \\"6\\"}]"} | []
            {"code": 200, "msg": "ok", "success": true, "data": " {\\"total\\": 2, \\"rows\\": [{\\"a\\": \\"1\\", \\"b\\": \\"2\\", \\"c\\": \\"3\\"}, {\\"a\\": \\"4\\", \\"b\\": \\"5\\", \\"c\\": \\"6\\"}]}"} | rows[]
            """)
    void recordsSerializedTwiceAsJsonTextInAnEnvelopeFieldAreRead(String shape, String path) throws Exception {
        JsonSourceReader reader = new JsonSourceReader(json("asmx.json", shape));

        List<SourceRow> rows = readAll(reader, new ArrayList<>());

        assertThat(reader.recordPath()).hasToString(path);
        assertThat(rows).extracting(row -> String.join(",", row.cells())).containsExactly("1,2,3", "4,5,6");
        assertThat(rows.get(0).table().headers()).containsExactly("a", "b", "c");
    }

    @Test
    void aLoneObjectWhoseStringsAreNotRecordsIsStillTheOneRecord() throws Exception {
        Path file = json("lone.json", "{\"a\": \"[1, 2]\", \"b\": \"{x}\", \"c\": \"3\"}");

        assertThat(readAll(file)).singleElement().satisfies(row -> assertThat(row.cells())
                .containsExactly("[1, 2]", "{x}", "3"));
    }

    @Test
    void anApisSingleRecordInItsDataObjectIsOneRecordNotTheEnvelope() throws Exception {
        Path file = json("single.json", """
                {"code": "0000", "msg": "成功", "success": true, "data": {"CF_WSH": "x", "CF_XDR_MC": "y", "CF_JDRQ": "z"}}""");
        Set<String> vocabulary = Set.of("CF_WSH", "CF_XDR_MC", "CF_JDRQ");
        JsonSourceReader reader = new JsonSourceReader(file, "single.json", null, vocabulary::contains);

        List<SourceRow> rows = readAll(reader, new ArrayList<>());

        assertThat(reader.recordPath()).hasToString("data");
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.table().headers()).containsExactly("CF_WSH", "CF_XDR_MC", "CF_JDRQ");
            assertThat(row.cells()).containsExactly("x", "y", "z");
        });
        assertThat(reader.warnings()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"{}", "data{}", "[].xzcf", "data", "data.list[].data", "[]", "data[].result[]", "''"})
    void recordPathsReadBackAsWritten(String text) {
        assertThat(RecordPath.parse(text)).hasToString(text);
    }

    @Test
    void theMappingsVocabularyTellsTheRecordsFromOtherArraysOfObjects() throws Exception {
        // Each record holds a longer list of objects; without the vocabulary the inner list would win on count.
        Path file = json("nested.json", """
                {"code": 0, "data": [
                  {"iname": "甲", "caseCode": "1", "courtName": "x", "history": [{"p": 1, "q": 2, "r": 3}, {"p": 4, "q": 5, "r": 6}]},
                  {"iname": "乙", "caseCode": "2", "courtName": "y", "history": [{"p": 7, "q": 8, "r": 9}, {"p": 0, "q": 1, "r": 2}]}]}""");
        Set<String> vocabulary = Set.of("iname", "caseCode", "courtName");
        JsonSourceReader reader = new JsonSourceReader(file, "nested.json", null, vocabulary::contains);

        List<SourceRow> rows = readAll(reader, new ArrayList<>());

        assertThat(reader.recordPath()).hasToString("data[]");
        assertThat(rows).extracting(row -> row.cell(0)).containsExactly("甲", "乙");
    }

    @Test
    void theHeadersAreTheKeysOfTheFirstRecordsSoAFirstRecordWithoutAKeyKeepsItsColumn() throws Exception {
        Path file = json("first-short.json", """
                [{"a": "1", "c": "3", "e": "5"}, {"a": "4", "b": "5", "c": "6", "d": "7", "e": "8"}]""");

        List<SourceRow> rows = readAll(file);

        assertThat(rows.get(0).table().headers()).containsExactly("a", "c", "e", "b", "d");
        assertThat(rows.get(1).table()).isSameAs(rows.get(0).table());
        assertThat(rows.get(0).cells()).containsExactly("1", "3", "5", null, null);
        assertThat(rows.get(1).cells()).containsExactly("4", "6", "8", "5", "7");
    }

    @Test
    void gbkAndUtf16WithBomAreDecoded() throws Exception {
        String json = "[{\"iname\": \"杜某甲\", \"b\": \"执行\", \"c\": \"男\"}]";
        Path gbk = Files.write(dir.resolve("gbk.json"), json.getBytes("GBK"));
        Path utf16 = dir.resolve("utf16.json");
        Files.write(utf16, ("\uFEFF" + json).getBytes(StandardCharsets.UTF_16BE));

        for (Path file : List.of(gbk, utf16)) {
            assertThat(readAll(file)).singleElement().satisfies(row -> assertThat(row.cells())
                    .containsExactly("杜某甲", "执行", "男"));
        }
    }

    @Test
    void anExplicitRecordPathIsFollowed() throws Exception {
        Path file = json("explicit.json", """
                {"meta": [{"x": 1, "y": 2, "z": 3}], "rows": [{"k": "v"}, {"k": "w"}]}""");

        List<SourceRow> rows = readAll(new JsonSourceReader(file, "explicit.json", RecordPath.parse("rows[]"), key -> false),
                new ArrayList<>());

        assertThat(rows).extracting(row -> row.cell(0)).containsExactly("v", "w");
    }

    @Test
    void keysNewAfterTheLookAheadStartAnExtendedTableAndFewerKeysStayInTheSameTable() throws Exception {
        StringBuilder json = new StringBuilder("[{\"a\": \"1\", \"b\": \"2\", \"c\": \"3\"}, {\"a\": \"4\", \"c\": \"6\"}");
        for (int i = 2; i < JsonSourceReader.KEY_LOOKAHEAD; i++) {
            json.append(", {\"a\": \"x\", \"b\": \"y\", \"c\": \"z\"}");
        }
        json.append(", {\"a\": \"7\", \"b\": \"8\", \"c\": \"9\", \"d\": \"10\"}]");

        List<SourceRow> rows = readAll(json("keys.json", json.toString()));

        assertThat(rows.get(1).table()).isSameAs(rows.get(0).table());
        assertThat(rows.get(1).cells()).containsExactly("4", null, "6");
        SourceRow last = rows.get(rows.size() - 1);
        assertThat(last.rowNumber()).isEqualTo(JsonSourceReader.KEY_LOOKAHEAD + 1L);
        assertThat(last.table().headers()).containsExactly("a", "b", "c", "d");
        assertThat(last.cells()).containsExactly("7", "8", "9", "10");
    }

    @Test
    void brokenJsonInTheMiddleFailsTheFileAfterHandingOutTheRecordsBeforeIt() throws Exception {
        Path file = json("broken.json", "[\n{\"a\":1,\"b\":2,\"c\":3},\n{\"a\":4,\"b\":5,\"c\":6},\n{\"a\":7,\"b\" 8}\n]");
        List<SourceRow> rows = new ArrayList<>();

        assertThatThrownBy(() -> readAll(new JsonSourceReader(file), rows))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessageContaining("broken.json: broken JSON at record 3 (line 4, column")
                .hasMessageContaining("JSON 格式错误，第 3 条记录，第 4 行");
        assertThat(rows).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"UTF-8", "GBK"})
    void aBrokenLineOfJsonLinesIsOneRejectedRowAndTheLinesAfterItAreRead(String charset) throws Exception {
        Path file = Files.write(dir.resolve("lines-" + charset + ".jsonl"), ("{\"a\":\"甲\",\"b\":2,\"c\":3}\r\n"
                + "{\"a\":\"乙\",\"b\":5,\"c\"\n"
                + "{\"a\":\"丙\",\"b\":8,\"c\":9}\n"
                + "\n"
                + "{\"a\":\"丁\",\"b\":1 \"c\":2}\n"
                + "{\"a\":\"戊\",\"b\":3,\"c\":4}").getBytes(charset));

        List<SourceRow> rows = readAll(file);

        assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(rows).extracting(row -> row.cell(0)).containsExactly("甲", null, "丙", null, "戊");
        assertThat(rows.get(1).problem()).startsWith("broken JSON on line 2: ").endsWith("(第 2 行 JSON 格式错误，该行未导入)");
        assertThat(rows.get(3).problem()).startsWith("broken JSON on line 5: ");
        assertThat(rows).extracting(SourceRow::problem).filteredOn(java.util.Objects::nonNull).hasSize(2);
    }

    @Test
    void aBrokenPrettyPrintedObjectAfterOthersStillFailsTheFile() throws Exception {
        Path file = json("pretty.json", "{\n\"a\": 1, \"b\": 2, \"c\": 3\n}\n{\n\"a\": 4, \"b\" 5\n}\n");
        List<SourceRow> rows = new ArrayList<>();

        assertThatThrownBy(() -> readAll(new JsonSourceReader(file), rows))
                .isInstanceOf(UnreadableSourceException.class).hasMessageContaining("broken JSON at record 2");
        assertThat(rows).hasSize(1);
    }

    @Test
    void aTruncatedFileFailsAfterTheCompleteRecords() throws Exception {
        Path file = json("cut.json", "[{\"a\":1,\"b\":2,\"c\":3},{\"a\":4,\"b\":5,\"c\":6},{\"a\":7,\"b\"");
        List<SourceRow> rows = new ArrayList<>();

        assertThatThrownBy(() -> readAll(new JsonSourceReader(file), rows))
                .isInstanceOf(UnreadableSourceException.class).hasMessageContaining("cut.json")
                .hasMessageContaining("record 3");
        assertThat(rows).hasSize(2);
    }

    @Test
    void anEmptyArrayHasNoRecordsToFind() throws Exception {
        assertThatThrownBy(() -> readAll(json("empty.json", "[]")))
                .isInstanceOf(UnreadableSourceException.class).hasMessageContaining("empty.json: no records found");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"code": "500", "msg": "系统繁忙，请稍后再试", "success": false}           | code=500, msg=系统繁忙，请稍后再试, success=false
            {"code": "0000", "msg": "成功", "data": {"rows": [], "total": 0}}       | code=0000, msg=成功
            {"errcode": 40001, "errmsg": "invalid credential", "data": null}     | errcode=40001, errmsg=invalid credential
            """)
    void aResponseWithoutRecordsFailsWithWhatTheResponseSays(String json, String status) throws Exception {
        assertThatThrownBy(() -> readAll(json("response.json", json)))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessageContaining("response.json: no records found")
                .hasMessageContaining("the response says " + status)
                .hasMessageContaining("未找到数据记录，接口返回：" + status);
    }

    @Test
    void theRawCountBaselineCountsEveryScalar() throws Exception {
        assertThat(JsonRawCount.countValues(json("c.json", "[{\"a\":1,\"b\":[true,null]},\"x\"]"))).isEqualTo(4);
    }

    @Nested
    class Restart extends SourceReaderRestartScenarios {

        @Override
        protected Path writeFixture(Path dir) throws Exception {
            StringBuilder json = new StringBuilder("{\"status\":0,\"data\":[{\"result\":[");
            for (int i = 1; i <= 5; i++) {
                json.append(i > 1 ? "," : "").append("{\"n\":").append(i).append(",\"b\":\"x\",\"c\":\"y\"}");
            }
            json.append("],\"resNum\":5},{\"result\":[");
            for (int i = 6; i <= 8; i++) {
                json.append(i > 6 ? "," : "").append("{\"n\":").append(i).append(",\"b\":\"x\",\"c\":\"y\",\"d\":1}");
            }
            json.append("]}]}");
            return Files.writeString(dir.resolve("restart.json"), json);
        }

        @Override
        protected SourceReader newReader(Path file) {
            return new JsonSourceReader(file);
        }
    }
}
