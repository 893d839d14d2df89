package org.creditpipeline.exchange;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unmerge fields of format 1 are additive (docs/EXCHANGE.md, *Unmerges*): a change line carries them only on the
 * restored record's INSERT and a line without them reads as before; an acknowledgement line's {@code unmerge} is
 * absent in answers of older parents and ignored by older children.
 */
class UnmergeFormatTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theRestoredRecordsInsertCarriesTheUnmerge() {
        PackageReader.ChangeHead h = head("""
                {"seq":7,"recordId":2,"type":"INSERT","version":2,"mergedIds":null,"reason":"record 2 unmerged from \
                record 1 by 张三: 误合并","unmergedFrom":1,"unmergeReason":"误合并","unmergeActor":"张三",\
                "record":{"record_kind":"ADMINISTRATIVE_PENALTY","subject_name":"某公司"},"lineage":[]}""");
        assertThat(h.type()).isEqualTo("INSERT");
        assertThat(h.recordId()).isEqualTo(2);
        assertThat(h.unmergedFrom()).isEqualTo(1L);
        assertThat(h.unmergeReason()).isEqualTo("误合并");
        assertThat(h.unmergeActor()).isEqualTo("张三");
        assertThat(h.subject()).isEqualTo("某公司");
    }

    @Test
    void aLineOfAnOlderPackageHasNoUnmerge() {
        PackageReader.ChangeHead h = head("""
                {"seq":7,"recordId":2,"type":"INSERT","version":1,"mergedIds":null,"reason":null,\
                "record":{"record_kind":"ADMINISTRATIVE_PENALTY","subject_name":"某公司"},"lineage":[]}""");
        assertThat(h.unmergedFrom()).isNull();
        assertThat(h.unmergeReason()).isNull();
    }

    @Test
    void acknowledgementsOfBothVersionsRead() {
        String older = """
                {"seq":7,"recordId":2,"outcome":"UPDATED","errorCode":null,"errorText":null,"parentRecordId":5}""";
        assertThat(JSON.readValue(older, Acknowledgement.Feedback.class).unmerge()).isNull();
        String newer = """
                {"seq":7,"recordId":2,"outcome":"QUESTIONED","errorCode":"UNMERGE_NOT_FOLLOWED","errorText":"…",\
                "parentRecordId":5,"unmerge":"KEPT_MERGED"}""";
        Acknowledgement.Feedback f = JSON.readValue(newer, Acknowledgement.Feedback.class);
        assertThat(f.unmerge()).isEqualTo("KEPT_MERGED");
        assertThat(f.outcome()).isEqualTo("QUESTIONED");
        // a child before the field reads the same answer with a record that does not know it
        record OlderFeedback(long seq, long recordId, String outcome, String errorCode, String errorText,
                             Long parentRecordId) {
        }
        assertThat(JSON.readValue(newer, OlderFeedback.class).errorCode()).isEqualTo("UNMERGE_NOT_FOLLOWED");
    }

    private static PackageReader.ChangeHead head(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return PackageReader.head(bytes, 0, bytes.length, 7);
    }
}
