package org.creditpipeline.exchange;

import org.creditpipeline.CreditProperties;

import org.springframework.stereotype.Component;

/**
 * The node topology of {@code job-configs/nodes/}, loaded on first use (commands that do not exchange do not need it)
 * and this process's own node in it.
 */
@Component
public class ExchangeNodes {

    private final CreditProperties properties;
    private NodeTopology topology;

    public ExchangeNodes(CreditProperties properties) {
        this.properties = properties;
    }

    public synchronized NodeTopology topology() {
        if (topology == null) {
            topology = NodeTopology.load(properties.jobConfigs().resolve("nodes"), properties.home());
        }
        return topology;
    }

    public NodeConfig self() {
        return topology().get(properties.node());
    }
}
