package org.creditpipeline.exchange;

import org.creditpipeline.consolidate.ConsolidationService;
import org.creditpipeline.consolidate.ConsolidationSummary;
import org.creditpipeline.consolidate.RecordUnmerge;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires receiving to the consolidate capability: a package's staged rows are consolidated like any other source, and a
 * child's unmerge splits this node's record as {@code record unmerge} would.
 */
@Configuration(proxyBeanMethods = false)
public class ExchangeConfiguration {

    @Bean
    public ConsolidationStep consolidationStep(ConsolidationService consolidation) {
        return () -> {
            ConsolidationSummary s = consolidation.consolidate();
            if (s.failed()) {
                throw new IllegalStateException("consolidation failed: " + s.message());
            }
            return String.format("consolidate %s: %d rows, %d new, %d updated, %d merged", s.status(), s.rowsRead(),
                    s.inserted(), s.updated(), s.merged());
        };
    }

    @Bean
    public UnmergeStep unmergeStep(RecordUnmerge unmerge) {
        return (absorbedId, reason, actor) -> {
            RecordUnmerge.Result r = unmerge.unmergeInTransaction(absorbedId, reason, actor);
            return new UnmergeStep.Undone(r.recordId(), r.survivorId());
        };
    }
}
