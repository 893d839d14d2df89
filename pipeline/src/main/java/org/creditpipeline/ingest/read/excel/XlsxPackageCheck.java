package org.creditpipeline.ingest.read.excel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.creditpipeline.ingest.read.SourceFormat;
import org.creditpipeline.ingest.read.UnreadableSourceException;

/**
 * Zip-bomb and damage checks on an .xlsx before the Excel library reads it. The central directory's declared sizes
 * are checked first (cheap, catches honest large files); then every XML part is inflated once without parsing,
 * counting the real bytes (a forged directory cannot hide a bomb) and the longest text run (fastexcel loads each cell
 * string whole, so an enormous cell must fail here, not on the heap). Damaged parts fail here too, before any row is
 * handed out.
 */
final class XlsxPackageCheck {

    private XlsxPackageCheck() {
    }

    static void check(Path file, String name, ExcelLimits limits) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.getEntry("xl/workbook.xml") == null) {
                throw new UnreadableSourceException(name + " is a zip archive but not an Excel workbook (no"
                        + " xl/workbook.xml) (该文件不是 Excel 工作簿)");
            }
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (entry.getSize() > limits.maxUncompressedBytes()) {
                    throw tooLarge(name, entry.getName(), entry.getSize(), limits);
                }
            }
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (entry.getName().endsWith(".xml") || entry.getName().endsWith(".rels")) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        scan(in, name, entry.getName(), limits);
                    }
                }
            }
        } catch (IOException e) {
            throw SourceFormat.damaged(name, e);
        }
    }

    private static void scan(InputStream in, String name, String part, ExcelLimits limits) throws IOException {
        byte[] buffer = new byte[256 * 1024];
        long total = 0;
        long run = 0;
        long maxRun = limits.maxCellXmlBytes();
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > limits.maxUncompressedBytes()) {
                throw tooLarge(name, part, total, limits);
            }
            // Hot loop over every unpacked byte: find the next '<' with one comparison per byte, then check the run.
            int i = 0;
            while (i < n) {
                int from = i;
                while (i < n && buffer[i] != '<') {
                    i++;
                }
                run += i - from;
                if (run > maxRun) {
                    throw new UnreadableSourceException(name + " (" + part + ") holds a cell text of more than "
                            + maxRun + " bytes, far beyond the limit of " + limits.maxCellChars()
                            + " characters per cell (Excel's own limit is 32,767); this file was not saved by Excel"
                            + " and is not read (单元格内容超长，文件不予导入). Setting: ExcelLimits.maxCellChars");
                }
                if (i < n) {
                    run = 0;
                    i++;
                }
            }
        }
    }

    private static UnreadableSourceException tooLarge(String name, String part, long size, ExcelLimits limits) {
        return new UnreadableSourceException(name + ": part " + part + " unpacks to at least " + size
                + " bytes, more than the limit of " + limits.maxUncompressedBytes() + " bytes"
                + " (setting ExcelLimits.maxUncompressedBytes); split the workbook into smaller files"
                + " (文件解压后过大，请拆分后重新上传)");
    }
}
