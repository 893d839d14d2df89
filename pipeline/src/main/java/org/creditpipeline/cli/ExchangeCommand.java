package org.creditpipeline.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.creditpipeline.exchange.ExchangeFolder;
import org.creditpipeline.exchange.NodeConfig;
import org.creditpipeline.exchange.NodeTopology;

/**
 * {@code credit-pipeline exchange init [--node ID]}: creates the node's exchange folder and its marker
 * ({@link ExchangeFolder}), once, when the folder is set up (on the file server, or the mounted share). Needs only the
 * node files, no database.
 */
final class ExchangeCommand {

    private ExchangeCommand() {
    }

    static int run(Arguments a, PrintStream out) {
        a.allowOnly(CreditPipelineCli.GLOBAL);
        if (!a.positional().equals(java.util.List.of("init"))) {
            throw new Arguments.UsageException("usage: exchange init [--node ID]");
        }
        Path home = CreditPipelineCli.home(a);
        NodeTopology topology = NodeTopology.load(CreditPipelineCli.configDir(a).resolve("nodes"), home);
        String id = CreditPipelineCli.setting(a, "node", "credit.node", "local");
        NodeConfig node;
        try {
            node = topology.get(id);
        } catch (IllegalArgumentException e) {
            throw new Arguments.UsageException(e.getMessage());
        }
        boolean written = ExchangeFolder.init(node);
        Path marker = node.directory().resolve(ExchangeFolder.MARKER);
        if (a.flag("json")) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "exchange init");
            doc.put("node", node.id());
            doc.put("directory", node.directory().toString());
            doc.put("marker", marker.toString());
            doc.put("written", written);
            out.println(CreditPipelineCli.json(doc));
        } else if (written) {
            out.printf("exchange folder %s of node '%s' is ready: marker %s written (node: %s)%n", node.directory(),
                    node.id(), marker, node.id());
        } else {
            out.printf("exchange folder %s of node '%s' was ready already (marker %s): nothing changed%n",
                    node.directory(), node.id(), marker);
        }
        return 0;
    }
}
