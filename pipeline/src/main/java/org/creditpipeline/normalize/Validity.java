package org.creditpipeline.normalize;

/**
 * Outcome of an identifier check. {@link #MASKED} means "unverifiable" (the source hid some characters, e.g. the
 * 失信被执行人 site's {@code 3206821960****7255}); it is not a rejection.
 */
public enum Validity {
    VALID,
    MASKED,
    INVALID_FORMAT,
    INVALID_CHECKSUM,
    INVALID_DATE,
    INVALID_REGION
}
