package org.creditpipeline.consolidate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.creditpipeline.YamlErrors;
import tools.jackson.core.JacksonException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code job-configs/consolidate.yaml}: source priority for survivorship, the mappings that count as the court feed,
 * and the fuzzy thresholds. Validated at start with errors naming the file, the key and what was expected; defaults
 * apply when the file is missing.
 *
 * @param sourcePriority    source classes, first wins, each exactly once (default court-feed, upload, package: the
 *                          court's feed, then this node's own data over what came up from the level below)
 * @param courtFeedMappings mapping names whose rows are the court feed
 * @param matchThreshold    fuzzy score from which a pair is merged
 * @param reviewThreshold   fuzzy score from which a pair goes to the review queue
 */
public record SurvivorshipConfig(List<String> sourcePriority, List<String> courtFeedMappings, Double matchThreshold,
                                 Double reviewThreshold) {

    static final Set<String> SOURCE_CLASSES = Set.of("court-feed", "package", "upload");

    public static SurvivorshipConfig defaults() {
        return new SurvivorshipConfig(List.of("court-feed", "upload", "package"), List.of("dishonest-debtor"), 0.90,
                0.70);
    }

    public static SurvivorshipConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            return defaults();
        }
        SurvivorshipConfig c;
        try {
            c = YAMLMapper.builder().build().readValue(file.toFile(), SurvivorshipConfig.class);
        } catch (JacksonException e) {
            throw new IllegalStateException(file + ": not a valid consolidation config: " + YamlErrors.describe(e), e);
        }
        SurvivorshipConfig d = defaults();
        c = new SurvivorshipConfig(c.sourcePriority == null ? d.sourcePriority : c.sourcePriority,
                c.courtFeedMappings == null ? d.courtFeedMappings : c.courtFeedMappings,
                c.matchThreshold == null ? d.matchThreshold : c.matchThreshold,
                c.reviewThreshold == null ? d.reviewThreshold : c.reviewThreshold);
        if (c.sourcePriority.size() != SOURCE_CLASSES.size() || !SOURCE_CLASSES.containsAll(c.sourcePriority)) {
            throw new IllegalStateException(file + ": key 'sourcePriority' must list court-feed, package and upload,"
                    + " each once, but is " + c.sourcePriority);
        }
        if (!(c.reviewThreshold > 0 && c.reviewThreshold <= c.matchThreshold && c.matchThreshold <= 1)) {
            throw new IllegalStateException(file + ": keys 'reviewThreshold' and 'matchThreshold' must satisfy"
                    + " 0 < reviewThreshold <= matchThreshold <= 1, but are " + c.reviewThreshold + " and "
                    + c.matchThreshold);
        }
        return c;
    }

    public PairScorer scorer() {
        return new PairScorer(matchThreshold, reviewThreshold);
    }

    /** The source priority as an SQL array literal, e.g. {@code ARRAY['court-feed','package','upload']}. */
    String priorityArray() {
        return sqlArray(sourcePriority);
    }

    String courtFeedMappingsArray() {
        return sqlArray(courtFeedMappings);
    }

    private static String sqlArray(List<String> values) {
        StringBuilder b = new StringBuilder("ARRAY[");
        for (int i = 0; i < values.size(); i++) {
            b.append(i == 0 ? "" : ",").append('\'').append(values.get(i).replace("'", "''")).append('\'');
        }
        return b.append("]::text[]").toString();
    }
}
