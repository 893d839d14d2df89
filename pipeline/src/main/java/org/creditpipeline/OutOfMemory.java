package org.creditpipeline;

/** What the operator reads when the Java heap ran out, instead of a stack trace. */
public final class OutOfMemory {

    private OutOfMemory() {
    }

    /** One line: the heap the run had, and how to give it more. */
    public static String advice() {
        long mb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        return "out of memory (内存不足): the Java heap of " + mb + " MB was too small for this run; give it more, e.g."
                + " JAVA_OPTS=-Xmx" + Math.max(1024, Math.min(8192, Long.highestOneBit(Math.max(1, mb)) * 4)) / 1024
                + "g scripts/credit-pipeline …, and run the command again (work already committed is kept)";
    }
}
