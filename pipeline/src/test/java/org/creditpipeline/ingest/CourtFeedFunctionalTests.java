package org.creditpipeline.ingest;

import org.creditpipeline.support.SharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The three real-format 失信被执行人 responses of ../shared/data/feeds ingest with zero rejections and their quirks
 * normalized (skipped when the shared folder is absent: the files may not be bundled).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CourtFeedFunctionalTests extends IngestFunctionalTestSupport {

    private List<FileSummary> summaries;

    @BeforeAll
    void ingestFeeds() {
        Path feeds = SharedData.find("feeds").orElse(null);
        assumeTrue(feeds != null, "../shared/data/feeds not present");
        summaries = ingestService.ingest(List.of(feeds.resolve("shixin-2016-a.json"), feeds.resolve("shixin-2016-b.json"),
                feeds.resolve("shixin-2019-baidu.json")), null);
    }

    @Test
    void every_record_of_the_three_feeds_is_accepted() {
        assertThat(summaries).extracting(FileSummary::status).containsOnly(FileSummary.COMPLETED);
        assertThat(summaries).extracting(FileSummary::accepted).containsExactly(4L, 23L, 50L);
        assertThat(summaries).extracting(FileSummary::rejected).containsOnly(0L);
        assertThat(summaries).allSatisfy(s -> assertThat(s.mappings()).containsExactly("dishonest-debtor"));
    }

    @Test
    void masked_ids_are_kept_as_given_for_persons() {
        assertThat(values("id_number", "subject_name = '施某丙'"))
                .contains("41038119781****3436");
        assertThat(values("id_number", "subject_name = '平某戊'")).containsExactly("3206821960****7255");
        assertThat(values("subject_kind", "id_number = '3206821960****7255'")).containsExactly("NATURAL_PERSON");
    }

    @Test
    void company_identifiers_go_to_org_code_or_uscc_by_shape() {
        assertThat(values("org_code", "subject_name = '杭州富阳某某有色金属有限公司'")).containsExactly("195286175");
        assertThat(values("org_code", "subject_name = '福建省某某担保股份有限公司'")).containsExactly("571206600");
        assertThat(values("uscc", "subject_name = '山西某某房地产开发有限公司'")).containsExactly("9114050267****460R");
        assertThat(values("subject_kind", "subject_name = '山西某某房地产开发有限公司'")).containsExactly("ENTERPRISE");
        assertThat(values("age", "subject_name = '山西某某房地产开发有限公司'")).containsExactly((Object) null);
    }

    @Test
    void sex_dates_and_lists_are_normalized() {
        assertThat(values("DISTINCT sex", "record_kind = 'DISHONEST_DEBTOR'")).containsExactlyInAnyOrder("男", "女", null);
        Map<String, Object> first = jdbc.queryForMap("SELECT decision_date::text AS d, publication_date::text AS p, age"
                + " FROM staged_record WHERE document_number = '(2016)豫0726执恢2号'");
        assertThat(first).containsEntry("d", "2016-03-11").containsEntry("p", "2016-07-05").containsEntry("age", 38);
        assertThat(values("category", "document_number = '(2007)莱阳执字第00759号'")).containsExactly(
                "其他规避执行;违反财产报告制度;违反限制高消费令;其他有履行能力而拒不履行生效法律文书确定义务");
    }

    private List<Object> values(String column, String where) {
        return jdbc.queryForList("SELECT " + column + " FROM staged_record WHERE " + where, Object.class);
    }
}
