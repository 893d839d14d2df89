package org.creditpipeline.support;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named points where a test can kill the process, to prove that running the same command again after a crash there
 * ends in the state an uninterrupted run leaves (docs/OPERATIONS.md, *After a crash*; {@code
 * CrashConsistencyFunctionalTests}). For testing only.
 *
 * <p>Inert unless the system property {@code credit.failpoint} (or the environment variable {@code CREDIT_FAILPOINT})
 * names a point: {@code NAME} halts the JVM the first time {@link #reach} is called with that name, {@code NAME:N} the
 * N-th time. Halting is {@link Runtime#halt}: no shutdown hook, no finally block, no commit, as {@code kill -9} or a
 * power cut of the JVM alone (the PostgreSQL server, embedded or not, stays up). The setting is read once; an unarmed
 * {@link #reach} is a comparison with null.
 */
public final class Failpoints {

    /** The exit status of a halted run: what a shell reports for a process killed by SIGKILL (128 + 9). */
    public static final int HALTED = 137;

    /** The point armed by the setting {@code NAME} or {@code NAME:N}: halt at its {@code nth} reach. */
    record Armed(String name, int nth) {
    }

    private static final Armed ARMED = parse(setting(System.getProperty("credit.failpoint"),
            System.getenv("CREDIT_FAILPOINT")));
    private static final String NAME = ARMED == null ? null : ARMED.name();
    private static final AtomicInteger REACHED = new AtomicInteger();

    private Failpoints() {
    }

    /** Halts the JVM at once when {@code point} is the armed failpoint (its N-th reach); else does nothing. */
    public static void reach(String point) {
        if (NAME != null && NAME.equals(point) && REACHED.incrementAndGet() == ARMED.nth()) {
            System.err.println("credit-pipeline: failpoint " + point + (ARMED.nth() == 1 ? "" : ":" + ARMED.nth())
                    + " reached: halting the JVM (test only)");
            System.err.flush();
            Runtime.getRuntime().halt(HALTED);
        }
    }

    /** The system property, else the environment variable; null when neither names a point. */
    static String setting(String property, String environment) {
        String value = property != null && !property.isBlank() ? property : environment;
        return value == null || value.isBlank() ? null : value.strip();
    }

    static Armed parse(String setting) {
        if (setting == null) {
            return null;
        }
        java.util.regex.Matcher nth = java.util.regex.Pattern.compile("(.+):(\\d+)").matcher(setting);
        return nth.matches() ? new Armed(nth.group(1), Integer.parseInt(nth.group(2))) : new Armed(setting, 1);
    }
}
