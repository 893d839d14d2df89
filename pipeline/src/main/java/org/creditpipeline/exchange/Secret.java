package org.creditpipeline.exchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A secret of a node file (an HMAC key shared with the parent, the bearer token of an intake, a child's own token at
 * its parent's intake): written in the file (demo values), or named there and read only when a command needs it, so
 * that a missing one fails that command and not every command: {@code ${VARIABLE}} from the environment, or a file
 * ({@code keyFile:}, {@code tokenFile:}, {@code pushTokenFile:}; one line, its trailing line break dropped). The value
 * never appears in {@link #toString()} or in an error.
 */
public final class Secret {

    private static final Logger log = LoggerFactory.getLogger(Secret.class);
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final Path nodeFile;
    private final String field;
    private final String literal;
    private final String variable;
    private final Path file;
    private final Function<String, String> environment;
    private final int minLength;
    private String value;
    private String warning;

    private Secret(Path nodeFile, String field, String literal, String variable, Path file,
                   Function<String, String> environment, int minLength) {
        this.nodeFile = nodeFile;
        this.field = field;
        this.literal = literal;
        this.variable = variable;
        this.file = file;
        this.environment = environment;
        this.minLength = minLength;
    }

    /** A value given as is (tests, tools). */
    public static Secret literal(String value) {
        return new Secret(null, null, value, null, null, null, 0);
    }

    /**
     * The text of a field: {@code ${NAME}} (the whole value) names an environment variable, read by
     * {@code environment} when the value is first needed; anything else is the secret itself.
     *
     * @param field     how an error names the field, e.g. {@code 'key'} or {@code keys entry '2027', 'key'}
     * @param minLength the shortest value accepted (checked at load for a value in the file, else when read)
     */
    static Secret parse(Path nodeFile, String field, String text, Function<String, String> environment,
                        int minLength) {
        Matcher m = VARIABLE.matcher(text);
        if (m.matches()) {
            return new Secret(nodeFile, field, null, m.group(1), null, environment, minLength);
        }
        if (text.contains("${")) {
            throw new IllegalStateException("node " + nodeFile + ": " + field + " contains '${' but is not ${NAME}"
                    + " as the whole value (an environment variable of letters, digits and _)");
        }
        if (text.length() < minLength) {
            throw new IllegalStateException("node " + nodeFile + ": " + field + " must be at least " + minLength
                    + " characters (it is the HMAC key shared with the parent)");
        }
        return new Secret(nodeFile, field, text, null, null, null, minLength);
    }

    /** A secret in a file: {@code path} absolute, or relative to the credit home (as {@code directory:} is). */
    static Secret file(Path nodeFile, String field, Path path, int minLength) {
        return new Secret(nodeFile, field, null, null, path, null, minLength);
    }

    /** The secret; read from the environment or its file the first time, with an error naming field and fix. */
    public synchronized String value() {
        if (value == null) {
            value = literal != null ? literal : variable != null ? fromEnvironment() : fromFile();
            if (value.length() < minLength) {
                throw new IllegalStateException("node " + nodeFile + ": " + field + " reads " + where() + ", which"
                        + " holds " + value.length() + " characters; an HMAC key shared with the parent must have at"
                        + " least " + minLength + " (32 random characters in production)");
            }
        }
        return value;
    }

    /** A warning about how the secret is kept (a key file every user may read), once read; null when none. */
    synchronized String warning() {
        return warning;
    }

    /** Where the value comes from, without the value: for messages. */
    public String where() {
        return variable != null ? "the environment variable " + variable : file != null ? "the file " + file
                : "the node file";
    }

    private String fromEnvironment() {
        String v = environment == null ? null : environment.apply(variable);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("node " + nodeFile + ": " + field + " is ${" + variable + "}, but the"
                    + " environment variable " + variable + " is not set: set it for this command (in the cron"
                    + " line's environment or the service's), or give the secret in a file instead ('keyFile:',"
                    + " 'tokenFile:', 'pushTokenFile:'; docs/EXCHANGE.md, Changing a key)");
        }
        return trimLineBreak(v);
    }

    private String fromFile() {
        String v;
        try {
            v = trimLineBreak(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("node " + nodeFile + ": " + field + " names " + file + ", which does not"
                    + " exist: put the secret there (one line, readable only by the user the pipeline runs as:"
                    + " chmod 600), or correct the path (absolute, or relative to the credit home)");
        } catch (IOException e) {
            throw new IllegalStateException("node " + nodeFile + ": " + field + " names " + file + ", which cannot"
                    + " be read (" + e.getMessage() + "): the user the pipeline runs as must be able to read it");
        }
        if (v.isBlank()) {
            throw new IllegalStateException("node " + nodeFile + ": " + field + " names " + file + ", which is"
                    + " empty: put the secret there on one line");
        }
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (mode.contains(PosixFilePermission.OTHERS_READ)) {
                warning = "key file " + file + " (node " + nodeFile + ", " + field + ") can be read by every user"
                        + " of this machine: chmod 600 " + file;
                log.warn(warning);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system (Windows): its ACLs are the administrator's to check
        }
        return v;
    }

    private static String trimLineBreak(String v) {
        int end = v.length();
        while (end > 0 && (v.charAt(end - 1) == '\n' || v.charAt(end - 1) == '\r')) {
            end--;
        }
        return v.substring(0, end);
    }

    @Override
    public String toString() {
        return "Secret[" + where() + "]";
    }
}
