package org.creditpipeline.generate;

import java.io.IOException;
import org.creditpipeline.generate.RecordFactory.Need;
import org.creditpipeline.generate.UploadWorkbook.IdQuirk;
import org.creditpipeline.model.RecordKind;

/**
 * The rows of the county upload workbook: 行政处罚 and 纪律处分 records, new or repeating a pooled true record (which
 * may come from the CSV files) with variants, or invalid: one CSV defect, or an ID that Excel stored as a number.
 */
final class WorkbookRows {

    private static final int EXCEL_QUIRK_PERCENT = 30;

    private final SyntheticDataGenerator gen;

    WorkbookRows(SyntheticDataGenerator gen) {
        this.gen = gen;
    }

    void write(long rows) throws IOException {
        Region banner = Regions.get(gen.random.nextInt(Regions.size()));
        double invalid = gen.options.invalidShare();
        double duplicate = invalid + gen.options.duplicateShare();
        try (UploadWorkbook book = new UploadWorkbook(gen.options.outDir().resolve(UploadWorkbook.FILE_NAME),
                gen.random, banner, "2026-11-05")) {
            for (long i = 0; i < rows; i++) {
                double u = gen.random.nextDouble();
                if (u < invalid) {
                    writeInvalid(book);
                } else if (u < duplicate) {
                    writeDuplicate(book);
                } else {
                    writeNew(book);
                }
            }
            gen.rowsPerFile.put(UploadWorkbook.FILE_NAME, rows);
        }
    }

    private RecordKind randomKind() {
        return gen.random.nextInt(100) < 80 ? RecordKind.ADMINISTRATIVE_PENALTY : RecordKind.DISCIPLINARY_SANCTION;
    }

    private void writeNew(UploadWorkbook book) throws IOException {
        GenRecord g = gen.factory.create(randomKind(), Need.ANY);
        g.trueId = gen.newTrueId(g.kind);
        gen.addToPool(g);
        UploadSheet sheet = UploadSheet.forKind(g.kind, gen.random);
        long row = book.write(sheet, g, null);
        gen.truth.accept(UploadWorkbook.FILE_NAME, sheet.sheetName, row, g.trueId, "original");
    }

    private void writeDuplicate(UploadWorkbook book) throws IOException {
        GenRecord original = gen.pooled(randomKind());
        if (original == null) {
            writeNew(book);
            return;
        }
        GenRecord g = original.copy();
        UploadSheet sheet = UploadSheet.forKind(g.kind, gen.random);
        String variant = gen.variants.apply(g, sheet.base);
        gen.duplicateRows++;
        long row = book.write(sheet, g, null);
        gen.truth.accept(UploadWorkbook.FILE_NAME, sheet.sheetName, row, original.trueId, variant);
    }

    private void writeInvalid(UploadWorkbook book) throws IOException {
        gen.invalidRows++;
        if (gen.random.nextInt(100) < EXCEL_QUIRK_PERCENT) {
            // A person's 18-digit ID typed into a General cell (one ending in X cannot be a number), or Excel's
            // rounded display of it pasted back as text.
            RecordKind kind = randomKind();
            GenRecord g;
            do {
                g = gen.factory.create(kind, Need.PERSON);
            } while (g.get(Field.ID_NUMBER).endsWith("X"));
            IdQuirk quirk = gen.random.nextBoolean() ? IdQuirk.ID_ROUNDED_TEXT : IdQuirk.ID_STORED_AS_NUMBER;
            UploadSheet sheet = UploadSheet.forKind(kind, gen.random);
            long row = book.write(sheet, g, quirk);
            gen.truth.reject(UploadWorkbook.FILE_NAME, sheet.sheetName, row, "ID_INVALID",
                    quirk.name().toLowerCase());
            return;
        }
        Defect defect = Defect.values()[gen.random.nextInt(Defect.values().length)];
        UploadSheet sheet;
        do {
            sheet = UploadSheet.forKind(randomKind(), gen.random);
        } while (!defect.applicableTo(sheet.base));
        GenRecord g = gen.factory.create(sheet.kind(), defect.needFor(sheet.base));
        defect.apply(g, gen.random);
        long row = book.write(sheet, g, null);
        gen.truth.reject(UploadWorkbook.FILE_NAME, sheet.sheetName, row, defect.name(), "");
    }
}
