package org.creditpipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The hand-written JSON of rejected rows reads back as the values that went in. */
class JsonTextTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static String literal(String s) {
        StringBuilder out = new StringBuilder();
        JsonText.string(out, s);
        return out.toString();
    }

    @Test
    void stringsReadBackUnchangedWhateverTheyHold() {
        String[] values = {"", "北京市朝阳区生态环境局", "say \"no\"", "C:\\path\\to", "line1\nline2\r\n\tend",
                "bell\u0007 and \u001f", "\b\f", "emoji \uD83D\uDE00 and 〔2024〕1号", "=HYPERLINK(\"x\")"};
        for (String v : values) {
            JsonNode node = JSON.readTree(literal(v));
            assertThat(node.isString()).as(v).isTrue();
            assertThat(node.asString()).isEqualTo(v);
        }
    }

    @Test
    void nullIsJsonNullAndNulCharactersAreDropped() {
        assertThat(literal(null)).isEqualTo("null");
        // PostgreSQL's jsonb refuses \\u0000 even escaped: one such cell would fail the whole chunk's COPY.
        assertThat(literal("a\u0000b")).isEqualTo("\"ab\"");
    }

    @Test
    void namesAreSeparatedByCommas() {
        StringBuilder out = new StringBuilder("{");
        JsonText.field(out, "处罚决定日期", "2024-01-05", true);
        JsonText.field(out, "金额", null, false);
        out.append('}');
        JsonNode node = JSON.readTree(out.toString());
        assertThat(node.get("处罚决定日期").asString()).isEqualTo("2024-01-05");
        assertThat(node.get("金额").isNull()).isTrue();
    }
}
