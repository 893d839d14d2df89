package org.creditpipeline.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.creditpipeline.CreditProperties;
import org.creditpipeline.exchange.ExchangeNodes;
import org.creditpipeline.exchange.IntakeLimits;
import org.creditpipeline.exchange.IntakeRefusals;
import org.creditpipeline.exchange.IntakeServer;
import org.creditpipeline.exchange.NodeConfig;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code credit-pipeline serve [--node ID] [--port N]}: run the node's HTTP intake until stopped; packages land in the
 * inbox for {@code receive}.
 */
final class ServeCommand {

    private ServeCommand() {
    }

    static int run(Arguments a, PrintStream out) {
        a.allowOnly(CreditPipelineCli.with("port"));
        try (ConfigurableApplicationContext context = CreditPipelineCli.start(a, a.option("node"))) {
            ExchangeNodes nodes = context.getBean(ExchangeNodes.class);
            NodeConfig self = nodes.self();
            Integer port = a.option("port") == null ? null : (int) a.longOption("port", 0);
            CreditProperties.Exchange settings = context.getBean(CreditProperties.class).exchange();
            IntakeLimits limits = IntakeLimits.of(Duration.ofSeconds(settings.intakeReadTimeoutSeconds()),
                    settings.intakeThreads());
            try (IntakeRefusals refusals = new IntakeRefusals(context.getBean(JdbcTemplate.class), 5);
                 IntakeServer server = IntakeServer.start(self, nodes.topology(), port, limits, refusals)) {
                java.net.URI url = java.net.URI.create(self.url());
                if (a.flag("json")) {
                    // one line a service manager or the coming portal can read: where the intake listens
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("command", "serve");
                    doc.put("node", self.id());
                    doc.put("status", "LISTENING");
                    doc.put("port", server.port());
                    doc.put("url", self.url());
                    doc.put("inbox", self.inbox().toAbsolutePath().normalize().toString());
                    out.println(JsonMapper.builder().build().writeValueAsString(doc));
                } else if (url.getPort() == server.port()) {
                    out.printf("node '%s' takes packages at %s into %s; Ctrl-C stops%n", self.id(), self.url(),
                            self.inbox());
                } else {
                    // --port moves the listener, not the url children push to (that is in their parent's node file)
                    out.printf("node '%s' takes packages on port %d (--port; the node file's url says %s) into %s;"
                            + " Ctrl-C stops%n", self.id(), server.port(), self.url(), self.inbox());
                }
                out.flush();
                CountDownLatch stop = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                stop.await();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the intake: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
    }
}
