package org.creditpipeline.ingest.read.excel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an .xlsx part by part, as generators other than Excel do (online form tools, WPS, SheetJS exports): inline
 * strings and no shared-string part, optionally no styles part, rows given as raw {@code <sheetData>} XML.
 */
public final class RawXlsx {

    private RawXlsx() {
    }

    /** One worksheet holding {@code sheetData} (the rows' XML); no styles part when {@code styles} is false. */
    public static Path write(Path file, boolean styles, String sheetData) throws IOException {
        return write(file, styles, false, sheetData);
    }

    /** As {@link #write(Path, boolean, String)}, in the 1904 date system (old Mac Excel) when {@code date1904}. */
    public static Path write(Path file, boolean styles, boolean date1904, String sheetData) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            put(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\""
                    + "http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\""
                    + "application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType="
                    + "\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd."
                    + "openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/"
                    + "sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                    + (styles ? "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-"
                    + "officedocument.spreadsheetml.styles+xml\"/>" : "") + "</Types>");
            put(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas."
                    + "openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas."
                    + "openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                    + "</Relationships>");
            put(zip, "xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas."
                    + "openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/"
                    + "officeDocument/2006/relationships\">" + (date1904 ? "<workbookPr date1904=\"1\"/>" : "") + "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/>"
                    + "</sheets></workbook>");
            put(zip, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\""
                    + "http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\""
                    + "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\""
                    + "worksheets/sheet1.xml\"/>" + (styles ? "<Relationship Id=\"rId2\" Type=\"http://schemas."
                    + "openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>" : "")
                    + "</Relationships>");
            put(zip, "xl/worksheets/sheet1.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\""
                    + "http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" + sheetData
                    + "</sheetData></worksheet>");
            if (styles) {
                put(zip, "xl/styles.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"http://schemas."
                        + "openxmlformats.org/spreadsheetml/2006/main\"><fonts count=\"1\"><font/></fonts><fills count=\"1\">"
                        + "<fill/></fills><borders count=\"1\"><border/></borders><cellStyleXfs count=\"1\"><xf/>"
                        + "</cellStyleXfs><cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat="
                        + "\"1\"/></cellXfs></styleSheet>");
            }
        }
        return file;
    }

    /** A row of inline-string cells ({@code t="inlineStr"}); {@code withRefs} false leaves out the r attributes. */
    public static String row(int number, boolean withRefs, String... cells) {
        StringBuilder b = new StringBuilder(withRefs ? "<row r=\"" + number + "\">" : "<row>");
        for (int c = 0; c < cells.length; c++) {
            String ref = withRefs ? " r=\"" + (char) ('A' + c) + number + "\"" : "";
            String v = cells[c];
            if (v.startsWith("d:")) {
                b.append("<c").append(ref).append(" t=\"d\"><v>").append(v.substring(2)).append("</v></c>");
            } else {
                b.append("<c").append(ref).append(" t=\"inlineStr\"><is><t>").append(v).append("</t></is></c>");
            }
        }
        return b.append("</row>").toString();
    }

    private static void put(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
