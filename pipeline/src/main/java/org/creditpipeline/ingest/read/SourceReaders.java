package org.creditpipeline.ingest.read;

import java.nio.file.Path;
import java.util.function.Predicate;

import org.creditpipeline.ingest.read.csv.CsvSourceReader;
import org.creditpipeline.ingest.read.excel.ExcelLimits;
import org.creditpipeline.ingest.read.excel.SpreadsheetMlSourceReader;
import org.creditpipeline.ingest.read.excel.XlsSourceReader;
import org.creditpipeline.ingest.read.excel.XlsxSourceReader;
import org.creditpipeline.ingest.read.html.HtmlTableSourceReader;
import org.creditpipeline.ingest.read.json.JsonSourceReader;

/** Opens the right reader for a file, chosen by its content ({@link SourceFormat#detect}) rather than its name. */
public final class SourceReaders {

    private SourceReaders() {
    }

    public static SourceReader forFile(Path file, String sourceName, ExcelLimits limits) {
        return forFile(file, sourceName, limits, HeaderVocabulary.NONE, key -> false);
    }

    /**
     * @param vocabulary the headers the mappings know, to find the header row below titles and form lines
     * @param knownKey   whether a key is a header some mapping knows (finds the records inside a JSON response)
     */
    public static SourceReader forFile(Path file, String sourceName, ExcelLimits limits, HeaderVocabulary vocabulary,
                                       Predicate<String> knownKey) {
        return switch (SourceFormat.detect(file)) {
            case CSV -> new CsvSourceReader(file, sourceName, limits.maxCellChars()).withVocabulary(vocabulary);
            case XLSX -> new XlsxSourceReader(file, sourceName, limits).withVocabulary(vocabulary);
            case XLS -> new XlsSourceReader(file, sourceName, limits).withVocabulary(vocabulary);
            case HTML -> new HtmlTableSourceReader(file, sourceName, limits).withVocabulary(vocabulary);
            case SPREADSHEET_ML -> new SpreadsheetMlSourceReader(file, sourceName, limits).withVocabulary(vocabulary);
            case JSON -> new JsonSourceReader(file, sourceName, null, knownKey);
        };
    }
}
