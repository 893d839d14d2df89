package org.creditpipeline.exchange;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.creditpipeline.CreditProperties;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The node topology of {@code job-configs/nodes/}, loaded on first use (commands that do not exchange do not need it)
 * and this process's own node in it.
 */
@Component
public class ExchangeNodes {

    private final CreditProperties properties;
    private final Environment environment;
    private NodeTopology topology;

    /**
     * @param environment where a node file's {@code ${NAME}} secrets are looked up: the process environment, and
     *                    anything else the application's environment holds (tests give them as properties)
     */
    public ExchangeNodes(CreditProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    public synchronized NodeTopology topology() {
        if (topology == null) {
            topology = NodeTopology.load(folder(), properties.home(), environment::getProperty);
        }
        return topology;
    }

    public NodeConfig self() {
        return topology().get(properties.node());
    }

    /**
     * This process's node when the topology configures it; empty for a node outside it (e.g. {@code local}, used by
     * benchmarks and tests) or when there is no node folder at all. A folder that exists is loaded and validated.
     */
    public Optional<NodeConfig> configuredSelf() {
        if (!Files.isDirectory(folder()) || !topology().contains(properties.node())) {
            return Optional.empty();
        }
        return Optional.of(self());
    }

    private Path folder() {
        return properties.jobConfigs().resolve("nodes");
    }
}
