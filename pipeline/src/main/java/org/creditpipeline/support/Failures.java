package org.creditpipeline.support;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayList;
import java.util.List;

/** What went wrong, in words for an operator: one line, the file-system reason spelled out. */
public final class Failures {

    private Failures() {
    }

    /**
     * What went wrong, in one line: the message of the first exception in the chain that is not the framework's
     * wrapping (Spring's "Error creating bean ..." hides the file and line our own exceptions name), followed by the
     * file-system or database reason underneath when the message does not say it already.
     */
    public static String message(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        Throwable first = chain.stream()
                .filter(t -> !t.getClass().getName().startsWith("org.springframework.") && t.getMessage() != null)
                .findFirst().orElse(chain.get(chain.size() - 1));
        String message = describe(first);
        Throwable root = chain.get(chain.size() - 1);
        if (root != first && (root instanceof java.io.IOException || root instanceof java.sql.SQLException)) {
            String reason = describe(root);
            if (!message.contains(reason)) {
                message = message + ": " + reason;
            }
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * What happened to the file of a file-system exception, in words: its own reason when it has one, else the
     * exception's kind ({@code permission denied}, {@code already exists} …), as its message is often the bare path.
     */
    public static String reason(FileSystemException f) {
        return f.getReason() != null ? f.getReason()
                : f instanceof NoSuchFileException ? "no such file or directory"
                : f instanceof AccessDeniedException ? "permission denied"
                : f instanceof NotDirectoryException ? "not a directory"
                : f instanceof FileAlreadyExistsException ? "already exists"
                : f.getClass().getSimpleName();
    }

    /** An exception's message; for a file-system exception without a reason, the reason in words and the file. */
    private static String describe(Throwable t) {
        if (t instanceof FileSystemException f && f.getReason() == null) {
            return reason(f) + ": " + f.getFile();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
