package org.creditpipeline.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code record find} and {@code record show} as an officer uses them on an objection: the 文号 as the subject quotes
 * it (another bracket style, 第, a leading zero), the company by code or by name, then the record with its source
 * rows, status history and change log. In-process against the test database, on a node of its own per test.
 */
class RecordCommandTest {

    private static final String USCC = "91520103MA6H5Q108L";

    private final String node = "cli_rec_" + Long.toString(System.nanoTime(), 36);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        List<String> all = new ArrayList<>(List.of("--home", "target/test-home", "--config-dir", "../job-configs",
                "--node", node));
        all.addAll(List.of(args));
        return new CreditPipelineCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(all.toArray(String[]::new));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private JsonNode json(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--json");
        assertThat(run(all.toArray(String[]::new))).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return JsonMapper.builder().build().readTree(stdout());
    }

    private void ingestAndConsolidate(Path dir, String rows) throws IOException {
        Path file = dir.resolve("penalties.csv");
        Files.writeString(file, PenaltyCsv.HEADER + rows, StandardCharsets.UTF_8);
        assertThat(run("ingest", file.toString())).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(run("consolidate")).as(err.toString(StandardCharsets.UTF_8)).isZero();
    }

    @Test
    void findsARecordByItsDocumentNumberInAnyFormAndByItsSubject(@TempDir Path dir) throws IOException {
        ingestAndConsolidate(dir, """
                贵阳云岩华信科技有限责任公司,法人及非法人组织,%1$s,筑云市监罚〔2026〕301号,食品安全,销售过期食品,《食品安全法》第一百二十四条,罚款,罚款20000元,2,2026-10-12,贵阳市云岩区市场监督管理局,520103
                贵阳云岩华信科技有限责任公司,法人及非法人组织,%1$s,筑云市监罚（2026）第0301号,食品安全,销售过期食品,《食品安全法》第一百二十四条,罚款,罚款20000元,2,2026-10-12,贵阳市云岩区市场监督管理局,520103
                贵阳云岩某某药房,法人及非法人组织,91520103MA6H6W206Q,筑云市监罚〔2026〕302号,医疗器械,销售未经检验的医疗器械,《医疗器械监督管理条例》第八十六条,罚款,罚款50000元,5,2026-09-20,贵阳市云岩区市场监督管理局,520103
                """.formatted(USCC));

        JsonNode byDoc = json("record", "find", "--doc", "筑云市监罚[2026]301号");
        assertThat(byDoc.get("records")).hasSize(1);
        JsonNode record = byDoc.get("records").get(0);
        assertThat(record.get("subjectName").asString()).isEqualTo("贵阳云岩华信科技有限责任公司");
        assertThat(record.get("sources").asInt()).as("both spellings of the 文号 fed one record").isEqualTo(2);
        long id = record.get("recordId").asLong();

        assertThat(json("record", "find", "--subject", USCC.toLowerCase()).get("records").get(0).get("recordId")
                .asLong()).isEqualTo(id);
        assertThat(json("record", "find", "--subject", "贵阳云岩华信科技有限公司").get("records").get(0)
                .get("recordId").asLong()).as("有限公司 = 有限责任公司, as consolidation compares names").isEqualTo(id);
        JsonNode partial = json("record", "find", "--subject", "华信");
        assertThat(partial.get("searchedBy").get(0).asString()).isEqualTo("name contains 华信");
        assertThat(partial.get("records")).hasSize(1);
        assertThat(json("record", "find", "--doc", "筑云市监罚〔2026〕301号", "--subject", "91520103MA6H6W206Q")
                .get("records")).as("both criteria must hold").isEmpty();
        assertThat(json("record", "find", "--doc", "筑云市监罚〔2026〕301号", "--kind", "纪律处分").get("records"))
                .isEmpty();

        assertThat(run("status", "set", "--record", String.valueOf(id), "objection", "--reason", "当事人提出异议",
                "--ref", "异议登记2026-17")).isZero();
        assertThat(run("--json", "status", "set", "--record", String.valueOf(id), "objection", "--reason", "再次登记"))
                .isZero();
        assertThat(stdout().replaceAll("\\s", "")).as("nothing changed, said in a fixed order")
                .isEqualTo("{\"record\":" + id + ",\"changed\":false}");
        assertThat(run("record", "show", String.valueOf(id))).isZero();
        assertThat(stdout()).contains("record " + id + "  行政处罚  status UNDER_OBJECTION",
                "penalties.csv row 2 (CSV)", "penalties.csv row 3 (CSV)",
                "ACTIVE -> UNDER_OBJECTION  当事人提出异议  ref 异议登记2026-17", "INSERT  version 1", "STATUS  version 2");

        JsonNode detail = json("record", "show", String.valueOf(id)).get("detail");
        assertThat(detail.get("fields").get("uscc").asString()).isEqualTo(USCC);
        assertThat(detail.get("sources")).hasSize(2);
        assertThat(detail.get("sources").get(0).get("file").asString()).isEqualTo("penalties.csv");
        assertThat(detail.get("statusHistory").get(0).get("newStatus").asString()).isEqualTo("UNDER_OBJECTION");
    }

    @Test
    void showsTheRecordAnIdWasMergedInto(@TempDir Path dir) throws IOException {
        // Two spellings of one 字号 without identifiers: consolidation is unsure and asks a reviewer.
        ingestAndConsolidate(dir, """
                贵阳华新科技有限公司,法人及非法人组织,,筑云市监罚〔2026〕401号,食品安全,销售过期食品,《食品安全法》第一百二十四条,罚款,罚款20000元,2,2026-10-12,贵阳市云岩区市场监督管理局,520103
                贵阳华兴科技有限公司,法人及非法人组织,,筑云市监罚〔2026〕401号,食品安全,销售过期食品,《食品安全法》第一百二十四条,罚款,罚款20000元,2,2026-10-12,贵阳市云岩区市场监督管理局,520103
                """);
        JsonNode pairs = json("review", "list").get("pairs");
        assertThat(pairs).hasSize(1);
        long pair = pairs.get(0).get("id").asLong();
        long left = pairs.get(0).get("left").get("recordId").asLong();
        long right = pairs.get(0).get("right").get("recordId").asLong();

        assertThat(run("record", "show", String.valueOf(left))).isZero();
        assertThat(stdout()).contains("pending review pair #" + pair + " with record " + right);

        assertThat(run("review", "accept", String.valueOf(pair))).isZero();
        long absorbed = Math.max(left, right);
        long survivor = Math.min(left, right);
        assertThat(run("record", "show", String.valueOf(absorbed))).isZero();
        assertThat(stdout()).contains("record " + absorbed + " was merged into record " + survivor,
                "merged into it:", "record " + absorbed + "  ", "(record unmerge " + absorbed + " undoes it)", "MERGE");
        JsonNode detail = json("record", "show", String.valueOf(absorbed)).get("detail");
        assertThat(detail.get("mergedFrom").get(0).get("undoable").asBoolean()).isTrue();
        assertThat(detail.get("asked").asLong()).isEqualTo(absorbed);
        assertThat(detail.get("recordId").asLong()).isEqualTo(survivor);
        assertThat(detail.get("sources")).as("the lineage of both").hasSize(2);

        // the officer finds the two were different companies after all and undoes the merge
        assertThat(run("record", "unmerge", String.valueOf(absorbed), "--reason", "字号不同，是两家公司", "--actor",
                "officer")).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(stdout()).contains("record " + absorbed + " is a record of its own again (merged into record "
                + survivor, "1 source row(s) back", "review pair #" + pair + " rejected");
        assertThat(run("record", "show", String.valueOf(absorbed))).isZero();
        assertThat(stdout()).contains("record " + absorbed + "  行政处罚  status ACTIVE", "贵阳华兴科技有限公司")
                .doesNotContain("was merged into");
        assertThat(json("review", "list", "--status", "REJECTED").get("pairs").get(0).get("id").asLong())
                .isEqualTo(pair);
        assertThat(run("record", "unmerge", String.valueOf(absorbed), "--reason", "again")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("record " + absorbed + " is a record of its own");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("record")).isEqualTo(2);
        assertThat(run("record", "find")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--doc", "--subject");
        assertThat(run("record", "find", "--subject", "91520103MA6H5Q108X")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not a valid");
        assertThat(run("record", "find", "--doc", "x1", "--kind", "罚单")).isEqualTo(2);
        assertThat(run("record", "show", "abc")).isEqualTo(2);
        assertThat(run("record", "show", "987654321")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no record 987654321");
        assertThat(run("record", "unmerge", "12")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("record unmerge needs --reason TEXT");
    }
}
