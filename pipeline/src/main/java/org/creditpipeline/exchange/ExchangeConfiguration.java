package org.creditpipeline.exchange;

import org.creditpipeline.consolidate.ConsolidationService;
import org.creditpipeline.consolidate.ConsolidationSummary;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires receiving to the consolidate capability: a package's staged rows are consolidated like any other source. */
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
}
