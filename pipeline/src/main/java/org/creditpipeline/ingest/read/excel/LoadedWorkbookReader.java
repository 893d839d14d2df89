package org.creditpipeline.ingest.read.excel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.creditpipeline.ingest.read.UnreadableSourceException;

/**
 * A workbook read whole into memory before its sheets are walked: the text formats web systems and Excel 2003 save
 * under .xls (an HTML table, an XML Spreadsheet). Such files are small; the file size is checked against
 * {@link ExcelLimits#maxUncompressedBytes()} and {@link #MAX_BYTES} first.
 */
public abstract class LoadedWorkbookReader extends WorkbookReader {

    /** One sheet as loaded: its rows in order (row numbers 1-based) and its merged ranges. */
    public record LoadedSheet(SheetInfo info, List<ExcelRow> rows, MergedCells merged) {
    }

    /** Read whole, a page takes several times its size in memory: larger ones go through .xlsx, which streams. */
    static final long MAX_BYTES = 200L * 1024 * 1024;

    private List<LoadedSheet> loaded = List.of();

    protected LoadedWorkbookReader(Path file, String sourceName, ExcelLimits limits) {
        super(file, sourceName, limits);
    }

    /** Parses the whole file; throws {@link UnreadableSourceException} when it cannot be read. */
    protected abstract List<LoadedSheet> load() throws Exception;

    @Override
    protected final List<SheetInfo> openWorkbook() throws Exception {
        long size = Files.size(file);
        long limit = Math.min(limits.maxUncompressedBytes(), MAX_BYTES);
        if (size > limit) {
            throw new UnreadableSourceException(sourceName + " is a " + formatName() + " file of " + size + " bytes,"
                    + " more than the limit of " + limit + " bytes for this format, which is read whole; open it in"
                    + " Excel and save it as .xlsx, or split it (文件过大：请在 Excel 中打开并另存为 .xlsx，或拆分后重新上传)");
        }
        loaded = load();
        List<SheetInfo> sheets = new ArrayList<>();
        for (LoadedSheet sheet : loaded) {
            sheets.add(sheet.info());
        }
        return sheets;
    }

    @Override
    protected final Iterator<ExcelRow> openSheet(int index) {
        return loaded.get(index).rows().iterator();
    }

    @Override
    protected final MergedCells mergedCells(int index) {
        return loaded.get(index).merged();
    }

    @Override
    protected final void closeSheet() {
        // everything is in memory
    }

    @Override
    protected final void closeWorkbook() throws IOException {
        loaded = List.of();
    }
}
