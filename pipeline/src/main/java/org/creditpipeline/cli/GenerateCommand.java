package org.creditpipeline.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.creditpipeline.generate.GenerateOptions;
import org.creditpipeline.generate.GenerateSummary;
import org.creditpipeline.generate.OutputFormat;
import org.creditpipeline.generate.SyntheticDataGenerator;

/**
 * {@code credit-pipeline generate --out DIR [...]}: synthetic uploads with ground truth, no database. The workbook and
 * the court feed default to a tenth of the CSV rows each.
 */
final class GenerateCommand {

    static final String[] OPTIONS = {"records", "seed", "out", "invalid-share", "duplicate-share", "formats",
        "xlsx-rows", "json-records", "county-list-share"};

    private GenerateCommand() {
    }

    static int run(Arguments a, PrintStream out) {
        if (a.option("out") == null) {
            throw new Arguments.UsageException("generate needs --out DIR");
        }
        Set<OutputFormat> formats;
        try {
            formats = a.option("formats") == null ? EnumSet.allOf(OutputFormat.class)
                    : OutputFormat.parseList(a.option("formats"));
        } catch (IllegalArgumentException e) {
            throw new Arguments.UsageException("--formats: " + e.getMessage());
        }
        long records = a.longOption("records", 10_000);
        for (String count : List.of("records", "xlsx-rows", "json-records")) {
            if (a.longOption(count, 0) < 0) {
                throw new Arguments.UsageException("--" + count + " must be 0 or more, not " + a.option(count));
            }
        }
        double invalid = a.doubleOption("invalid-share", GenerateOptions.DEFAULT_INVALID_SHARE);
        double duplicate = a.doubleOption("duplicate-share", GenerateOptions.DEFAULT_DUPLICATE_SHARE);
        if (invalid < 0 || duplicate < 0 || invalid + duplicate > 1) {
            throw new Arguments.UsageException("--invalid-share and --duplicate-share must be 0 or more and add up to"
                    + " at most 1, not " + invalid + " and " + duplicate);
        }
        double countyLists = a.doubleOption("county-list-share", GenerateOptions.DEFAULT_COUNTY_LIST_SHARE);
        if (!(countyLists >= 0 && countyLists <= 1)) {
            throw new Arguments.UsageException("--county-list-share must be between 0 and 1, not "
                    + a.option("county-list-share"));
        }
        GenerateOptions options = new GenerateOptions(records, a.longOption("seed", 1), Path.of(a.option("out")),
                invalid, duplicate)
                .withFormats(formats, a.longOption("xlsx-rows", records / 10), a.longOption("json-records", records / 10))
                .withCountyListShare(countyLists);
        GenerateSummary summary;
        try {
            summary = SyntheticDataGenerator.generate(options);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the generated files to " + options.outDir(), e);
        }
        if (a.flag("json")) {
            out.println(CreditPipelineCli.json(summary));
            return 0;
        }
        out.println("Generated " + summary.totalRows() + " rows (" + summary.trueRecords() + " true records, "
                + summary.invalidRows() + " invalid, " + summary.duplicateRows() + " duplicates) in "
                + summary.elapsed().toMillis() / 1000.0 + " s into " + options.outDir());
        summary.rowsPerFile().forEach((file, rows) -> out.printf("  %-40s %,12d rows%n", file, rows));
        out.println("  ground-truth.csv names, for every row (file, row, sheet), whether it must be rejected and its"
                + " true record.");
        return 0;
    }
}
