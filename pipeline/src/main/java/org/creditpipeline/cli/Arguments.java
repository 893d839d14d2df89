package org.creditpipeline.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parsed command line: a command, its options ({@code --name value}, {@code --name=value} or a bare flag) and its
 * positional arguments. Options may stand before or after the command.
 */
public record Arguments(String command, Map<String, String> options, List<String> positional) {

    /** Options that may be given more than once: their values are kept in order, joined by commas. */
    private static final Set<String> REPEATABLE = Set.of("region-table");
    /** Options that take no value. */
    private static final Set<String> FLAGS = Set.of("json", "help", "version", "quiet", "check", "dry-run",
            "pepper-lost");
    /** Every option of some command that takes a value (each command checks its own with {@link #allowOnly}). */
    private static final Set<String> VALUED = Set.of("home", "node", "db-url", "db-user", "db-password", "config-dir",
            "region-table", "mapping", "show-rejects", "records", "seed", "out", "invalid-share", "duplicate-share",
            "formats", "xlsx-rows", "json-records", "county-list-share", "status", "limit", "max-changes", "show-questions", "port", "kind",
            "since", "format", "as-of", "record", "reason", "ref", "actor", "incoming", "older-than");

    public static Arguments parse(String[] args) {
        String command = null;
        Map<String, String> options = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h")) {
                options.put("help", "true");
            } else if (a.startsWith("--") && a.length() > 2) {
                String name = a.substring(2);
                int eq = name.indexOf('=');
                if (eq > 0) {
                    put(options, name.substring(0, eq), name.substring(eq + 1));
                } else if (FLAGS.contains(name)) {
                    options.put(name, "true");
                } else if (i + 1 < args.length) {
                    put(options, name, args[++i]);
                } else {
                    throw new UsageException("option --" + name + " needs a value" + (VALUED.contains(name) ? ""
                            : " (and is not an option any command knows)"));
                }
            } else if (command == null) {
                command = a;
            } else {
                positional.add(a);
            }
        }
        return new Arguments(command == null ? "help" : command, options, positional);
    }

    private static void put(Map<String, String> options, String name, String value) {
        String before = options.get(name);
        options.put(name, before != null && REPEATABLE.contains(name) ? before + "," + value : value);
    }

    public String option(String name) {
        return options.get(name);
    }

    public String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    public boolean flag(String name) {
        return options.containsKey(name);
    }

    public long longOption(String name, long fallback) {
        String v = options.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, not '" + v + "'");
        }
    }

    public double doubleOption(String name, double fallback) {
        String v = options.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number, not '" + v + "'");
        }
    }

    /** A date option ({@code 2026-11-26}), or the fallback when absent. */
    public java.time.LocalDate dateOption(String name, java.time.LocalDate fallback) {
        String v = options.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return java.time.LocalDate.parse(v.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new UsageException("--" + name + " must be a date like 2026-11-26, not '" + v + "'");
        }
    }

    /** Rejects options this command does not know, so that a typo is not silently ignored. */
    public void allowOnly(Set<String> known) {
        for (String name : options.keySet()) {
            if (!known.contains(name)) {
                throw new UsageException("unknown option --" + name + " for '" + command + "'");
            }
        }
    }

    /** Rejects words after a command that takes none (a misplaced value, a file given to the wrong command). */
    public void noArguments() {
        if (!positional.isEmpty()) {
            throw new UsageException("'" + command + "' takes no arguments, but was given " + String.join(" ",
                    positional.stream().map(p -> "'" + p + "'").toList()));
        }
    }

    /** A command line mistake: printed with the usage, exit code 2. */
    public static class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
