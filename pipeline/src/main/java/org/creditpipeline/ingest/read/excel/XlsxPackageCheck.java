package org.creditpipeline.ingest.read.excel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.creditpipeline.ingest.read.SourceFormat;
import org.creditpipeline.ingest.read.UnreadableSourceException;

/**
 * Zip-bomb and damage checks on an .xlsx before the Excel library reads it. The central directory's declared sizes
 * are checked first (cheap, catches honest large files); then every XML part is inflated once without parsing,
 * counting the real bytes (a forged directory cannot hide a bomb) and the longest text run (fastexcel loads each cell
 * string whole, so an enormous cell must fail here, not on the heap). Damaged parts fail here too, before any row is
 * handed out. The same pass picks up each worksheet's {@code <mergeCell ref="N12:N13"/>} elements, which Excel writes
 * after the rows, so that the streaming reader knows the merged ranges before the rows come (no second inflation).
 */
final class XlsxPackageCheck {

    private XlsxPackageCheck() {
    }

    /** Relationship ids and targets in {@code xl/_rels/workbook.xml.rels}, whatever the attribute order. */
    private static final Pattern RELATIONSHIP = Pattern.compile("<(?:\\w+:)?Relationship\\b[^>]*>");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\b(Id|Target)=\"([^\"]*)\"");

    /** The styles part's content type: fastexcel needs the part when it reads cell formats. */
    private static final String STYLES_TYPE = "spreadsheetml.styles+xml";

    /**
     * What the check found out about the package.
     *
     * @param mergedCells the vertically merged ranges of each worksheet by the sheet's relationship id ({@code r:id} in
     *                    workbook.xml, fastexcel's {@code Sheet.getId()})
     * @param hasStyles   whether the package has a styles part (Excel and WPS always write one; some generators of
     *                    online form tools do not, and without it no cell can be date-formatted)
     * @param strict      whether the workbook is saved as "Strict Open XML Spreadsheet" ({@link StrictOoxml}), which
     *                    fastexcel reads only from a Transitional copy
     */
    record Result(Map<String, MergedCells> mergedCells, boolean hasStyles, boolean strict) {
    }

    /** Checks the package and returns its merged ranges and whether it has a styles part. */
    static Result check(Path file, String name, ExcelLimits limits) {
        Map<String, MergedCells> mergedByPart = new HashMap<>();
        boolean hasStyles = false;
        boolean strict;
        Map<String, String> partById = new HashMap<>();
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
                    MergeTags merges = new MergeTags();
                    try (InputStream in = zip.getInputStream(entry)) {
                        scan(in, name, entry.getName(), limits, merges);
                    }
                    if (merges.cells.size() > 0 || merges.cells.truncated()) {
                        mergedByPart.put(entry.getName(), merges.cells);
                    }
                }
            }
            try (InputStream in = zip.getInputStream(zip.getEntry("xl/workbook.xml"))) {
                strict = new String(in.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8)
                        .contains(StrictOoxml.SPREADSHEET_NAMESPACE);
            }
            ZipEntry types = zip.getEntry("[Content_Types].xml");
            if (types != null) {
                try (InputStream in = zip.getInputStream(types)) {
                    hasStyles = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                            .contains(STYLES_TYPE);
                }
            }
            ZipEntry rels = zip.getEntry("xl/_rels/workbook.xml.rels");
            if (rels != null && !mergedByPart.isEmpty()) {
                try (InputStream in = zip.getInputStream(rels)) {
                    Matcher relationship = RELATIONSHIP.matcher(new String(in.readAllBytes(),
                            java.nio.charset.StandardCharsets.UTF_8));
                    while (relationship.find()) {
                        String id = null;
                        String target = null;
                        for (Matcher a = ATTRIBUTE.matcher(relationship.group()); a.find(); ) {
                            if (a.group(1).equals("Id")) {
                                id = a.group(2);
                            } else {
                                target = a.group(2);
                            }
                        }
                        if (id != null && target != null) {
                            partById.put(id, target.startsWith("/") ? target.substring(1) : "xl/" + target);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw SourceFormat.damaged(name, e);
        }
        Map<String, MergedCells> byId = new HashMap<>();
        partById.forEach((id, part) -> {
            MergedCells merged = mergedByPart.get(part);
            if (merged != null) {
                byId.put(id, merged);
            }
        });
        return new Result(byId, hasStyles, strict);
    }

    /**
     * Collects {@code <mergeCell ref="A1:B3"/>} tags while the part is scanned: the scan hands over every tag that
     * starts with {@code m}, which in sheet XML are only these (rows, cells and values start with r, c, v, f, i, t).
     */
    static final class MergeTags {
        private static final Pattern REF = Pattern.compile("^mergeCell\\s.*?\\bref=\"([A-Z]+)(\\d+):([A-Z]+)(\\d+)\"",
                Pattern.DOTALL);
        final MergedCells cells = new MergedCells();
        private final StringBuilder tag = new StringBuilder();
        /** Inside a tag that started in an earlier buffer. */
        boolean collecting;
        /** The previous buffer ended right after a '<'. */
        boolean afterLt;

        /** Takes the tag text from i up to its '>' (or the buffer's end); returns nothing, the scan goes on as usual. */
        void collect(byte[] buffer, int i, int n) {
            if (!collecting) {
                tag.setLength(0);
                collecting = true;
            }
            while (i < n && buffer[i] != '>') {
                if (tag.length() < 512) {
                    tag.append((char) (buffer[i] & 0xFF));
                }
                i++;
            }
            if (i < n) {
                collecting = false;
                Matcher m = REF.matcher(tag);
                if (m.find()) {
                    cells.add(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(4)), column(m.group(1)),
                            column(m.group(3)));
                }
            }
        }

        private static int column(String letters) {
            int column = 0;
            for (int i = 0; i < letters.length(); i++) {
                column = column * 26 + (letters.charAt(i) - 'A' + 1);
            }
            return column - 1;
        }
    }

    static void scan(InputStream in, String name, String part, ExcelLimits limits, MergeTags merges)
            throws IOException {
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
            if (merges.collecting) {
                merges.collect(buffer, 0, n);
            } else if (merges.afterLt && buffer[0] == 'm') {
                merges.collect(buffer, 0, n);
            }
            merges.afterLt = false;
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
                    if (i == n) {
                        merges.afterLt = true;
                    } else if (buffer[i] == 'm') {
                        merges.collect(buffer, i, n);
                    }
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
