package org.creditpipeline.ingest.read.excel;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** A temporary copy of an .xlsx package with some parts rewritten on the way, for fastexcel to read instead. */
final class WorkbookCopy {

    /** Rewrites one part's bytes. */
    interface PartRewriter {
        void rewrite(String part, InputStream in, OutputStream out) throws IOException;
    }

    private WorkbookCopy() {
    }

    /**
     * Copies every part of the package, passing those {@code rewritten} accepts through {@code rewriter}; the copy is
     * a temporary file the caller deletes. Nothing is left behind when the copy fails.
     */
    static Path of(Path workbook, String tempPrefix, Predicate<String> rewritten, PartRewriter rewriter)
            throws IOException {
        Path copy = Files.createTempFile(tempPrefix, ".xlsx");
        try (ZipFile zip = new ZipFile(workbook.toFile());
             ZipOutputStream out = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(copy), 1 << 16))) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                String name = entry.getName();
                out.putNextEntry(new ZipEntry(name));
                try (InputStream in = zip.getInputStream(entry)) {
                    if (rewritten.test(name)) {
                        rewriter.rewrite(name, new BufferedInputStream(in, 1 << 16), out);
                    } else {
                        in.transferTo(out);
                    }
                }
                out.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
        return copy;
    }
}
