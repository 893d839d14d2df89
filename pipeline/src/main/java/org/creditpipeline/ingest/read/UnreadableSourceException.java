package org.creditpipeline.ingest.read;

/**
 * A source that cannot be read at all (wrong format, truncated, encrypted, over a size limit, no header): the file
 * fails with this message, other files and everything already accepted stay. The message names the file and says what
 * to do, in words a data officer understands.
 */
public class UnreadableSourceException extends RuntimeException {

    public UnreadableSourceException(String message) {
        super(message);
    }

    public UnreadableSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
