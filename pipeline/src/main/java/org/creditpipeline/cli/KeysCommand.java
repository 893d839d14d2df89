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
 * key with it; {@code keys rebuild-id-pepper --pepper-lost}: when the pepper is lost with no copy anywhere, makes a
 * new one and rebuilds every person key from the ID numbers of the records and staged rows (docs/OPERATIONS.md, The
 * ID pepper). Prints fingerprints and counts, never a pepper or an ID number.
 */
final class KeysCommand {

    static final String ROTATE = "rotate-id-pepper";
    static final String REBUILD = "rebuild-id-pepper";

    /** Why {@code rebuild-id-pepper} wants {@code --pepper-lost}: what it does, and what to try first. */
    static final String REBUILD_UNCONFIRMED = "keys rebuild-id-pepper is the last resort for a node whose ID pepper"
            + " file is lost with no copy anywhere (no backup of the node's configuration, no .retired file): it makes"
            + " a new pepper and rebuilds every person key from the ID numbers of the records and staged rows, and a"
            + " database backup made before then needs the same rebuild. If a copy of the file exists, restore it"
            + " instead; else confirm with --pepper-lost (docs/OPERATIONS.md, The ID pepper)";

    private KeysCommand() {
    }

    static int run(Arguments a, PrintStream out) {
        List<String> args = a.positional();
        if (args.size() != 1 || !(args.get(0).equals(ROTATE) || args.get(0).equals(REBUILD))) {
            throw new Arguments.UsageException("keys needs rotate-id-pepper or rebuild-id-pepper --pepper-lost");
        }
        boolean rebuild = args.get(0).equals(REBUILD);
        if (rebuild && !a.flag("pepper-lost")) {
            throw new Arguments.UsageException(REBUILD_UNCONFIRMED);
        }
        if (!rebuild && a.flag("pepper-lost")) {
            throw new Arguments.UsageException("--pepper-lost belongs to keys rebuild-id-pepper, not to rotate-id-pepper");
        }
        try (ConfigurableApplicationContext context = CreditPipelineCli.start(a, a.option("node"))) {
            context.getBean(NodeLock.class).acquire();
            IdKeys keys = context.getBean(IdKeys.class);
            return rebuild ? rebuild(a, out, keys) : rotate(a, out, keys);
        }
    }

    private static int rotate(Arguments a, PrintStream out, IdKeys keys) {
        IdKeys.Rotation r = keys.rotate();
        if (a.flag("json")) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "keys " + ROTATE);
            doc.put("rotation", r);
            out.println(CreditPipelineCli.json(doc));
        } else {
            out.printf("ID pepper rotated: fingerprint %s -> %s, in %s%n", r.oldFingerprint(), r.newFingerprint(),
                    keys.file());
            out.printf("  %,d ID numbers, %,d record keys re-keyed in %,d ms%n", r.numbers(), r.recordKeys(), r.ms());
            out.printf("  the old pepper is kept in %s: keep it as long as backups of the database made before"
                    + " today are kept, with them%n", r.retired());
        }
        return 0;
    }

    private static int rebuild(Arguments a, PrintStream out, IdKeys keys) {
        IdKeys.Rebuild r = keys.rebuild();
        if (a.flag("json")) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "keys " + REBUILD);
            doc.put("rebuild", r);
            out.println(CreditPipelineCli.json(doc));
        } else {
            out.printf("Person keys rebuilt with a new ID pepper: fingerprint %s (the lost one was %s), in %s%n",
                    r.newFingerprint(), r.lostFingerprint(), keys.file());
            out.printf("  %,d person keys, %,d record keys rebuilt in %,d ms%n", r.keys(), r.recordKeys(), r.ms());
            if (r.setAside() != null) {
                out.printf("  the file that was in its place (another pepper) is kept in %s%n", r.setAside());
            }
            out.printf("  back up %s now, apart from the database's backups%n", keys.file());
        }
        return 0;
    }
}
