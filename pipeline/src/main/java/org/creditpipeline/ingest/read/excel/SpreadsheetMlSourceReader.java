package org.creditpipeline.ingest.read.excel;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.creditpipeline.ingest.read.HeaderLocator;
import org.creditpipeline.ingest.read.SourceFormat;

/**
 * Reads Excel 2003's XML Spreadsheet (SpreadsheetML, {@code <Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">}),
 * which Excel, old report systems and many generators save under .xls: each {@code Worksheet} is a sheet (hidden ones
 * reported), {@code Row}/{@code Cell}/{@code Data} give the cells, {@code ss:Index} skips rows and columns,
 * {@code ss:MergeAcross}/{@code ss:MergeDown} are merged cells, numbers are written as for .xlsx (an 18-digit ID turned
 * into a number keeps its exponent form), formulas give the value saved with them.
 */
public class SpreadsheetMlSourceReader extends LoadedWorkbookReader {

    public SpreadsheetMlSourceReader(Path file, String sourceName, ExcelLimits limits) {
        super(file, sourceName, limits);
    }

    @Override
    protected String formatName() {
        return "SPREADSHEET_ML";
    }

    @Override
    protected List<LoadedSheet> load() throws Exception {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        List<LoadedSheet> sheets = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            String name = null;
            boolean hidden = false;
            List<ExcelRow> rows = null;
            MergedCells merged = null;
            List<String> cells = null;
            int rowNumber = 0;
            int column = 0;
            StringBuilder data = null;
            String dataType = null;
            // a Cell with ss:Formula and no Data: a formula a program wrote and nothing calculated
            String pendingFormula = null;
            List<String> uncalculated = new ArrayList<>();
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "Worksheet" -> {
                            name = attribute(xml, "Name");
                            hidden = false;
                            rows = new ArrayList<>();
                            merged = new MergedCells();
                            rowNumber = 0;
                        }
                        case "Row" -> {
                            rowNumber = index(xml, rowNumber + 1);
                            cells = new ArrayList<>();
                            column = 0;
                        }
                        case "Cell" -> {
                            column = index(xml, column + 1);
                            String formula = attribute(xml, "Formula");
                            pendingFormula = formula == null ? null : WorkbookReader.columnName(column - 1) + rowNumber
                                    + " " + formula;
                            int across = number(attribute(xml, "MergeAcross"));
                            int down = number(attribute(xml, "MergeDown"));
                            if (down > 0 && merged != null) {
                                merged.add(rowNumber, rowNumber + down, column - 1, column - 1 + across);
                            }
                            while (cells != null && cells.size() < column) {
                                cells.add(null);
                            }
                            column += across;
                        }
                        case "Data" -> {
                            pendingFormula = null;
                            data = new StringBuilder();
                            dataType = attribute(xml, "Type");
                        }
                        case "Visible" -> hidden = xml.getElementText().contains("Hidden");
                        default -> {
                        }
                    }
                } else if (data != null && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)) {
                    data.append(xml.getText());
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "Data" -> {
                            if (cells != null && !cells.isEmpty()) {
                                cells.set(cells.size() - 1, text(dataType, data.toString()));
                            }
                            data = null;
                        }
                        case "Cell" -> {
                            if (pendingFormula != null) {
                                uncalculated.add(pendingFormula);
                                pendingFormula = null;
                            }
                        }
                        case "Row" -> {
                            if (rows != null) {
                                rows.add(new ExcelRow(rowNumber, cells, HeaderLocator.textCells(cells),
                                        uncalculated.isEmpty() ? null : uncalculatedFormulas(uncalculated)));
                            }
                            cells = null;
                            uncalculated.clear();
                        }
                        case "Worksheet" -> {
                            sheets.add(new LoadedSheet(new SheetInfo(name, hidden), rows, merged));
                            rows = null;
                        }
                        default -> {
                        }
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw SourceFormat.damaged(sourceName, e);
        }
        return sheets;
    }

    private static String attribute(XMLStreamReader xml, String localName) {
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            if (xml.getAttributeLocalName(i).equals(localName)) {
                return xml.getAttributeValue(i);
            }
        }
        return null;
    }

    /** {@code ss:Index} (1-based) when present, else the next position. */
    private static int index(XMLStreamReader xml, int next) {
        int index = number(attribute(xml, "Index"));
        return index > 0 ? index : next;
    }

    private static int number(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The cell's text for its {@code ss:Type}: numbers as .xlsx numbers are, dates without a midnight time. */
    static String text(String type, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if ("Number".equals(type)) {
            try {
                return CellText.number(new BigDecimal(value.strip()));
            } catch (NumberFormatException e) {
                return value;
            }
        }
        if ("DateTime".equals(type)) {
            return value.endsWith("T00:00:00.000") || value.endsWith("T00:00:00")
                    ? value.substring(0, value.indexOf('T')) : value.replace('T', ' ');
        }
        if ("Boolean".equals(type)) {
            return CellText.bool(value.strip().equals("1"));
        }
        return value;
    }
}
