package org.creditpipeline.exchange;

import java.time.Duration;

/**
 * What an HTTP intake grants one client, so that a broken or hostile one cannot fill the disk or hold its threads:
 * the largest package, how long a request may go without sending a byte, and how many requests run at once.
 *
 * @param maxPackageBytes a larger upload is refused ({@code 413}) and nothing of it is kept
 * @param readTimeout     a request that sends nothing for this long (its request line and headers, or its body) is
 *                        answered {@code 408} and closed, or closed when it has not said what it wants yet; a
 *                        response the client does not read for this long is cut off
 * @param threads         requests handled at once
 * @param queue           requests waiting for a thread; a connection beyond them is closed without an answer (the
 *                        child delivers again at its next push)
 */
public record IntakeLimits(long maxPackageBytes, Duration readTimeout, int threads, int queue) {

    /** 4 GiB: a national node's yearly package is far below it; a runaway upload stops there. */
    public static final long MAX_PACKAGE_BYTES = 4L << 30;

    public IntakeLimits {
        if (maxPackageBytes < 1 || readTimeout.isNegative() || readTimeout.isZero() || threads < 1 || queue < 0) {
            throw new IllegalArgumentException("the intake's limits must be positive (credit.exchange"
                    + ".intake-read-timeout-seconds " + readTimeout.toSeconds() + ", credit.exchange.intake-threads "
                    + threads + "; " + maxPackageBytes + " bytes, queue " + queue + ")");
        }
    }

    /** {@code threads} requests at once, eight times as many waiting, the 4 GiB cap. */
    public static IntakeLimits of(Duration readTimeout, int threads) {
        return new IntakeLimits(MAX_PACKAGE_BYTES, readTimeout, threads, 8 * threads);
    }

    /** A minute without a byte, 8 requests at once, 64 waiting, 4 GiB. */
    public static IntakeLimits defaults() {
        return of(Duration.ofSeconds(60), 8);
    }

    IntakeLimits withMaxPackageBytes(long bytes) {
        return new IntakeLimits(bytes, readTimeout, threads, queue);
    }
}
