package org.creditpipeline.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.ZipFile;

import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * The format of an uploaded file, told by its content (magic bytes), never by its extension: officers rename .xls to
 * .xlsx and back, and export tools write JSON into .txt files.
 */
public enum SourceFormat {
    CSV, XLSX, XLS, JSON,
    /** An HTML page with a table, as web and OA systems save their "Excel" exports, usually under .xls. */
    HTML,
    /** Excel 2003's XML Spreadsheet (SpreadsheetML), also saved under .xls. */
    SPREADSHEET_ML;

    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
            (byte) 0xE1};
    private static final int SNIFF_BYTES = 4096;
    private static final java.util.regex.Pattern JSONP = java.util.regex.Pattern.compile("[A-Za-z_$][\\w$.]*\\s*\\(\\s*[\\[{]");

    /**
     * Detects the format of a file by its first bytes; throws {@link UnreadableSourceException} for an empty file, a
     * zip that is not a workbook, a damaged zip and a password-protected workbook.
     */
    public static SourceFormat detect(Path file) {
        String name = file.getFileName().toString();
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        } catch (IOException e) {
            throw new UnreadableSourceException(name + " cannot be opened: " + e.getMessage()
                    + " (文件无法打开)", e);
        }
        if (head.length == 0) {
            throw new UnreadableSourceException(name + ": file is empty / 文件为空");
        }
        if (startsWith(head, ZIP)) {
            requireWorkbookZip(file, name);
            return XLSX;
        }
        if (startsWith(head, OLE2)) {
            if (encryptedPackage(file, name)) {
                throw encrypted(name);
            }
            return XLS;
        }
        if (utf16Json(head)) {
            return JSON;
        }
        SourceFormat markup = markup(head);
        if (markup != null) {
            return markup;
        }
        int i = startsWith(head, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}) ? 3 : 0;
        while (i < head.length && isJsonWhitespace(head[i])) {
            i++;
        }
        if (i == head.length && head.length < SNIFF_BYTES) {
            throw new UnreadableSourceException(name + ": file is empty (only blanks) / 文件为空");
        }
        if (i < head.length && (head[i] == '[' || head[i] == '{')) {
            return JSON;
        }
        if (JSONP.matcher(new String(head, i, head.length - i, StandardCharsets.ISO_8859_1)).lookingAt()) {
            return JSON; // a JSONP response saved as the file: callback({...});
        }
        return CSV;
    }

    /**
     * An HTML page or an XML Spreadsheet 2003, told by the first bytes after a byte-order mark and blanks being {@code <}
     * and the markup's own words in the first bytes; null for anything else.
     */
    private static SourceFormat markup(byte[] head) {
        Charset charset = StandardCharsets.ISO_8859_1;
        int from = 0;
        if (startsWith(head, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF})) {
            from = 3;
        } else if (startsWith(head, new byte[] {(byte) 0xFF, (byte) 0xFE})) {
            charset = StandardCharsets.UTF_16LE;
            from = 2;
        } else if (startsWith(head, new byte[] {(byte) 0xFE, (byte) 0xFF})) {
            charset = StandardCharsets.UTF_16BE;
            from = 2;
        }
        String text = new String(head, from, head.length - from, charset).strip().toLowerCase(Locale.ROOT);
        if (!text.startsWith("<")) {
            return null;
        }
        if (text.contains("urn:schemas-microsoft-com:office:spreadsheet") && text.contains("<workbook")) {
            return SPREADSHEET_ML;
        }
        if (text.contains("<table") || text.contains("<html") || text.contains("<!doctype html")) {
            return HTML;
        }
        return null;
    }

    /** A UTF-16 byte-order mark, blanks, then {@code [} or <code>{</code> as 16-bit units. */
    private static boolean utf16Json(byte[] head) {
        boolean le = startsWith(head, new byte[] {(byte) 0xFF, (byte) 0xFE});
        if (!le && !startsWith(head, new byte[] {(byte) 0xFE, (byte) 0xFF})) {
            return false;
        }
        for (int i = 2; i + 1 < head.length; i += 2) {
            byte zero = le ? head[i + 1] : head[i];
            byte c = le ? head[i] : head[i + 1];
            if (zero != 0 || !isJsonWhitespace(c)) {
                return zero == 0 && (c == '[' || c == '{');
            }
        }
        return false;
    }

    private static void requireWorkbookZip(Path file, String name) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.getEntry("xl/workbook.xml") == null) {
                String other = zip.getEntry("xl/workbook.bin") != null ? "an Excel Binary Workbook (.xlsb)"
                        : zip.getEntry("content.xml") != null ? "an OpenDocument file (.ods, WPS/LibreOffice)"
                        : zip.getEntry("word/document.xml") != null ? "a Word document (.docx)" : null;
                if (other != null) {
                    throw new UnreadableSourceException(name + " is " + other + ", not an .xlsx workbook; open it and"
                            + " save it as Excel Workbook (.xlsx) (该文件不是 .xlsx 工作簿，请打开后另存为 .xlsx 再上传)");
                }
                throw new UnreadableSourceException(name + " is a zip archive but not an Excel workbook (no"
                        + " xl/workbook.xml); upload the .xlsx itself, not a compressed folder"
                        + " (该文件是压缩包而不是 Excel 工作簿，请直接上传 .xlsx 文件)");
            }
        } catch (IOException e) {
            throw damaged(name, e);
        }
    }

    private static boolean encryptedPackage(Path file, String name) {
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
            if (fs.getRoot().hasEntry("WordDocument")) {
                throw new UnreadableSourceException(name + " is a Word document (.doc), not an Excel workbook; copy the"
                        + " table into Excel and save it as .xlsx (该文件是 Word 文档而不是 Excel 表格，请将表格复制到"
                        + " Excel 中另存为 .xlsx 再上传)");
            }
            return fs.getRoot().hasEntry("EncryptedPackage");
        } catch (UnreadableSourceException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw damaged(name, e);
        }
    }

    /** The message for a password-protected workbook, shared with the readers. */
    public static UnreadableSourceException encrypted(String name) {
        return new UnreadableSourceException(name + " is password-protected; remove the password"
                + " (文件已加密，请取消密码后重新上传)");
    }

    /** The message for a damaged or truncated file, shared with the readers. */
    public static UnreadableSourceException damaged(String name, Throwable cause) {
        return new UnreadableSourceException(name + " is damaged or truncated (文件已损坏或不完整); open it in Excel,"
                + " save it again and re-upload. Detail: " + cause.getMessage(), cause);
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isJsonWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
