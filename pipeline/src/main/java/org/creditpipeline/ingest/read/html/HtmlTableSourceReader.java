package org.creditpipeline.ingest.read.html;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.creditpipeline.ingest.read.HeaderLocator;
import org.creditpipeline.ingest.read.UnreadableSourceException;
import org.creditpipeline.ingest.read.csv.TextEncoding;
import org.creditpipeline.ingest.read.excel.CellText;
import org.creditpipeline.ingest.read.excel.ExcelLimits;
import org.creditpipeline.ingest.read.excel.LoadedWorkbookReader;
import org.creditpipeline.ingest.read.excel.MergedCells;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;

/**
 * Reads an "Excel" export that is really an HTML page (old government and OA systems, 信用中国-style downloads save a
 * {@code <table>} under .xls, often GBK with {@code <meta charset=gb2312>}). Every table without a table inside it is a
 * sheet named 表格1, 表格2 …: rows from {@code <tr>}, cells from {@code <td>}/{@code <th>}, {@code colspan} and
 * {@code rowspan} as merged cells (a value spanning data rows applies to each, as in Excel), entities decoded, the
 * page's own line breaks ({@code <br>}, paragraphs) kept as a cell's line breaks, as Alt+Enter ones are in a workbook,
 * while the source's layout whitespace collapses as a browser shows it. A table hidden with {@code display:none} is
 * reported as a hidden sheet.
 */
public class HtmlTableSourceReader extends LoadedWorkbookReader {

    private static final Pattern META_CHARSET = Pattern.compile("charset\\s*=\\s*[\"']?([A-Za-z0-9_.:-]+)");
    private static final int META_SCAN_BYTES = 16 * 1024;

    private Charset charset;

    public HtmlTableSourceReader(Path file, String sourceName, ExcelLimits limits) {
        super(file, sourceName, limits);
    }

    @Override
    protected String formatName() {
        return "HTML";
    }

    @Override
    protected String encodingName() {
        return charset == null ? null : charset.name();
    }

    @Override
    protected List<LoadedSheet> load() throws IOException {
        charset = charset(file);
        Document page;
        try (InputStream in = Files.newInputStream(file)) {
            page = Jsoup.parse(in, charset.name(), "");
        }
        List<LoadedSheet> sheets = new ArrayList<>();
        for (Element table : page.select("table")) {
            if (table.getElementsByTag("table").size() > 1) {
                continue; // a layout table around the data table
            }
            sheets.add(sheet("表格" + (sheets.size() + 1), table));
        }
        if (sheets.isEmpty()) {
            throw new UnreadableSourceException(sourceName + " is a web page (HTML) without a table, not an Excel"
                    + " workbook; export the data again as Excel, or open it in Excel and save it as .xlsx"
                    + " (该文件是网页而不是 Excel 表格，且其中没有表格，请重新导出或在 Excel 中另存为 .xlsx)");
        }
        return sheets;
    }

    /** The encoding: a byte-order mark, else the page's declared charset (GB2312 and GBK read as GB18030), else guessed. */
    static Charset charset(Path file) throws IOException {
        TextEncoding detected = TextEncoding.detect(file);
        if (detected.bomBytes() > 0) {
            return detected.charset();
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(META_SCAN_BYTES);
        }
        Matcher m = META_CHARSET.matcher(new String(head, StandardCharsets.ISO_8859_1));
        if (m.find()) {
            String name = m.group(1).toLowerCase(Locale.ROOT);
            if (name.startsWith("gb") || name.equals("x-gbk") || name.equals("cp936")) {
                return TextEncoding.GB18030; // pages declaring gb2312 carry GBK characters beyond it
            }
            try {
                Charset declared = Charset.forName(name);
                // a page that says UTF-8 but whose bytes are mostly GBK (a template copied between systems)
                return declared.equals(StandardCharsets.UTF_8) ? detected.charset() : declared;
            } catch (IllegalArgumentException unknown) {
                // fall through to the guess
            }
        }
        return detected.charset();
    }

    private LoadedSheet sheet(String name, Element table) {
        boolean hidden = table.attr("style").replace(" ", "").toLowerCase(Locale.ROOT).contains("display:none");
        List<ExcelRow> rows = new ArrayList<>();
        MergedCells merged = new MergedCells();
        // columns still covered by a rowspan from above: column → last row (1-based) it covers
        Map<Integer, Integer> coveredUntil = new HashMap<>();
        int rowNumber = 0;
        for (Element tr : table.select("tr")) {
            if (tr.closest("table") != table) {
                continue;
            }
            rowNumber++;
            List<String> cells = new ArrayList<>();
            int column = 0;
            for (Element cell : tr.children()) {
                if (!cell.tagName().equals("td") && !cell.tagName().equals("th")) {
                    continue;
                }
                while (coveredUntil.getOrDefault(column, 0) >= rowNumber) {
                    set(cells, column++, null);
                }
                int colspan = span(cell.attr("colspan"));
                int rowspan = span(cell.attr("rowspan"));
                String text = cellText(cell);
                set(cells, column, CellText.isBlank(text) ? null : text);
                for (int c = column; c < column + colspan; c++) {
                    if (c > column) {
                        set(cells, c, null);
                    }
                    if (rowspan > 1) {
                        coveredUntil.put(c, rowNumber + rowspan - 1);
                    }
                }
                if (rowspan > 1) {
                    merged.add(rowNumber, rowNumber + rowspan - 1, column, column + colspan - 1);
                }
                column += colspan;
            }
            boolean undecodable = cells.stream().anyMatch(c -> c != null && c.indexOf('\uFFFD') >= 0);
            rows.add(new ExcelRow(rowNumber, cells, HeaderLocator.textCells(cells), undecodable ? "row contains bytes"
                    + " that are not valid " + charset.name() + " (mixed encodings?) (含无法识别的字符，可能混用了编码)" : null));
        }
        return new LoadedSheet(new SheetInfo(name, hidden), rows, merged);
    }

    /**
     * A cell's text as a browser shows it: runs of the source's whitespace as one space, a line break for each
     * {@code <br>} and between block elements ({@code <p>}, {@code <div>}, {@code <li>}), spaces around breaks and at
     * the ends dropped.
     */
    static String cellText(Element cell) {
        StringBuilder b = new StringBuilder();
        NodeTraversor.traverse((Node node, int depth) -> {
            if (node instanceof TextNode t) {
                b.append(t.text());
            } else if (node instanceof Element e && node != cell) {
                if (e.nameIs("br") || e.isBlock() && b.length() > 0 && b.charAt(b.length() - 1) != '\n') {
                    b.append('\n');
                }
            }
        }, cell);
        return b.toString().replaceAll(" *\n *", "\n").strip();
    }

    private static void set(List<String> cells, int column, String value) {
        while (cells.size() <= column) {
            cells.add(null);
        }
        cells.set(column, value);
    }

    /** A colspan or rowspan: 1 when missing or not a number; capped, so that a typo cannot allocate a huge row. */
    private static int span(String value) {
        try {
            return Math.max(1, Math.min(Integer.parseInt(value.strip()), 1000));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
