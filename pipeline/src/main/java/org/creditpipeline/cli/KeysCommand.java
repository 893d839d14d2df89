package org.creditpipeline.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.creditpipeline.consolidate.IdKeys;
import org.creditpipeline.db.NodeLock;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code credit-pipeline keys rotate-id-pepper}: replaces the node's ID pepper with a new one and re-keys every person
 * key with it (docs/OPERATIONS.md, The ID pepper). Prints fingerprints and counts, never a pepper.
 */
final class KeysCommand {

    private KeysCommand() {
    }

    static int run(Arguments a, PrintStream out) {
        List<String> args = a.positional();
        if (args.size() != 1 || !args.get(0).equals("rotate-id-pepper")) {
            throw new Arguments.UsageException("keys needs rotate-id-pepper");
        }
        try (ConfigurableApplicationContext context = CreditPipelineCli.start(a, a.option("node"))) {
            context.getBean(NodeLock.class).acquire();
            IdKeys keys = context.getBean(IdKeys.class);
            IdKeys.Rotation r = keys.rotate();
            if (a.flag("json")) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("command", "keys rotate-id-pepper");
                doc.put("rotation", r);
                out.println(CreditPipelineCli.json(doc));
            } else {
                out.printf("ID pepper rotated: fingerprint %s -> %s, in %s%n", r.oldFingerprint(), r.newFingerprint(),
                        keys.file());
                out.printf("  %,d ID numbers, %,d record keys re-keyed in %,d ms%n", r.numbers(), r.recordKeys(),
                        r.ms());
                out.printf("  the old pepper is kept in %s: keep it as long as backups of the database made before"
                        + " today are kept, with them%n", r.retired());
            }
            return 0;
        }
    }
}
