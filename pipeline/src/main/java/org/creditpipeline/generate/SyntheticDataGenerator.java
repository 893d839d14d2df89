package org.creditpipeline.generate;

import static org.creditpipeline.generate.Field.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.creditpipeline.generate.GenRecord.Subject;
import org.creditpipeline.generate.RecordFactory.Need;
import org.creditpipeline.model.RecordKind;

/**
 * Synthetic 政务失信 / 双公示 data with ground truth: five CSV files of the four record kinds, county 纪律处分 and 问责
 * lists without 文号 or ID number ({@link CountyLists}, a share of those kinds' CSV rows), a county upload workbook
 * ({@link UploadWorkbook}: 行政处罚 in three header styles and 纪律处分), a court feed of 失信被执行人 ({@link CourtFeed}),
 * plus {@code ground-truth.csv}, one line per data row of every file. Everything streams; only a bounded pool of recent
 * true records is kept to make duplicates from, so memory does not grow with the row count. The CSV files are written
 * first, so the same seed gives the same CSV files whichever other formats are asked for.
 */
public final class SyntheticDataGenerator {

    static final int POOL_SIZE = 50_000;
    private static final int LOOKALIKE_PERCENT = 4;

    final GenerateOptions options;
    final SplittableRandom random;
    final RecordFactory factory;
    final Variants variants;
    private final GenRecord[] pool = new GenRecord[POOL_SIZE];
    private final EnumMap<OutputFile, CsvSink> sinks = new EnumMap<>(OutputFile.class);
    final Map<String, Long> rowsPerFile = new LinkedHashMap<>();
    GroundTruth truth;
    private CountyLists countyLists;
    private int poolCount;
    private long poolNext;
    private long trueRecords;
    long invalidRows;
    long duplicateRows;

    private SyntheticDataGenerator(GenerateOptions options) {
        this.options = options;
        this.random = new SplittableRandom(options.seed());
        this.factory = new RecordFactory(random, new Identifiers(random));
        this.variants = new Variants(random);
    }

    public static GenerateSummary generate(GenerateOptions o) throws IOException {
        long start = System.nanoTime();
        SyntheticDataGenerator g = new SyntheticDataGenerator(o);
        Map<String, Long> rows = g.run();
        return new GenerateSummary(rows, g.trueRecords, g.invalidRows, g.duplicateRows,
                Duration.ofNanos(System.nanoTime() - start));
    }

    private Map<String, Long> run() throws IOException {
        Files.createDirectories(options.outDir());
        try (GroundTruth t = new GroundTruth(options.outDir())) {
            truth = t;
            if (options.writes(OutputFormat.CSV)) {
                writeCsvFiles();
            }
            if (options.writes(OutputFormat.XLSX)) {
                new WorkbookRows(this).write(options.xlsxRows());
            }
            if (options.writes(OutputFormat.JSON)) {
                new FeedRecords(this).write(options.jsonRecords());
            }
        }
        return rowsPerFile;
    }

    private void writeCsvFiles() throws IOException {
        try {
            for (OutputFile f : OutputFile.values()) {
                sinks.put(f, new CsvSink(options.outDir().resolve(f.fileName), f.charset, f.bom, f.headers));
            }
            countyLists = new CountyLists(this);
            double invalid = options.invalidShare();
            double duplicate = invalid + options.duplicateShare();
            for (long i = 0; i < options.records(); i++) {
                double u = random.nextDouble();
                if (u < invalid) {
                    writeInvalid();
                } else if (u < duplicate && poolCount > 0) {
                    writeDuplicate();
                } else {
                    writeNew();
                }
            }
        } finally {
            closeAll();
        }
        for (OutputFile f : OutputFile.values()) {
            rowsPerFile.put(f.fileName, sinks.get(f).dataRows());
        }
        countyLists.putRowCounts(rowsPerFile);
    }

    /**
     * Whether a 纪律处分 or 问责 row goes to a county list. No draw at all when the share is 0, so that the CSV files are
     * then byte for byte those of a generator without county lists.
     */
    private boolean toCountyList(RecordKind kind) {
        return options.countyListShare() > 0
                && (kind == RecordKind.DISCIPLINARY_SANCTION || kind == RecordKind.ACCOUNTABILITY)
                && random.nextDouble() < options.countyListShare();
    }

    private void writeNew() throws IOException {
        GenRecord g;
        String variant = "original";
        if (poolCount > 0 && random.nextInt(100) < LOOKALIKE_PERCENT) {
            g = lookAlike(pool[random.nextInt(poolCount)]);
            variant = "original," + g.trueId;
        } else {
            g = factory.create(randomKind(), Need.ANY);
        }
        // a new record that resembles none (a look-alike of a CSV record stays beside it in the CSV files)
        if ((g.trueId == null || g.trueId.equals("original")) && toCountyList(g.kind)) {
            countyLists.writeNew(g);
            return;
        }
        g.trueId = newTrueId(g.kind);
        addToPool(g);
        OutputFile file = g.kind == RecordKind.ADMINISTRATIVE_PENALTY
                ? (random.nextInt(10) < 6 ? OutputFile.PENALTY_V2 : OutputFile.PENALTY_V1_GBK)
                : fileOf(g.kind);
        write(file, g, "accept", "", g.trueId, variant);
    }

    private void writeDuplicate() throws IOException {
        if (options.countyListShare() > 0) {
            // a decision of a county list sent again, as often as the lists' share of 纪律处分 and 问责 rows says
            RecordKind kind = randomKind();
            if (toCountyList(kind) && countyLists.writeResend(kind)) {
                return;
            }
        }
        GenRecord original = pool[random.nextInt(poolCount)];
        GenRecord g = original.copy();
        OutputFile file = g.kind == RecordKind.ADMINISTRATIVE_PENALTY
                ? (random.nextBoolean() ? OutputFile.PENALTY_V2 : OutputFile.PENALTY_V1_GBK)
                : fileOf(g.kind);
        String variant = variants.apply(g, file);
        duplicateRows++;
        write(file, g, "accept", "", original.trueId, variant);
    }

    private void writeInvalid() throws IOException {
        Defect defect = Defect.values()[random.nextInt(Defect.values().length)];
        OutputFile file;
        do {
            file = randomFile();
        } while (!defect.applicableTo(file));
        if (toCountyList(file.kind)) {
            countyLists.writeNameOnly(file.kind);
            return;
        }
        GenRecord g = factory.create(file.kind, defect.needFor(file));
        defect.apply(g, random);
        invalidRows++;
        write(file, g, "reject", defect.name(), "", "");
    }

    /**
     * A new real-world record built to resemble a pooled one, which must not be merged with it. The trap name is
     * carried in {@code trueId} only until the caller assigns the real id.
     */
    private GenRecord lookAlike(GenRecord other) {
        if (other.kind == RecordKind.ADMINISTRATIVE_PENALTY && other.subject == Subject.ENTERPRISE) {
            GenRecord g = factory.penalty(Need.ENTERPRISE);
            if (random.nextBoolean()) {
                // Same name, different valid USCC (another company in another registration).
                g.set(NAME, other.get(NAME));
                g.namePrefix = other.namePrefix;
                g.trueId = "lookalike_same_name";
            } else {
                // A 分公司 has its own USCC and is never its head office.
                Region r = Regions.get(random.nextInt(Regions.size()));
                g.set(NAME, other.get(NAME) + r.cityShort() + "分公司");
                g.namePrefix = other.namePrefix;
                g.trueId = "lookalike_branch";
            }
            return g;
        }
        if (other.kind == RecordKind.ADMINISTRATIVE_PENALTY && random.nextBoolean()) {
            // Same 文号 string, but issued by an authority in another region: a different decision.
            GenRecord g;
            do {
                g = factory.penalty(Need.ANY);
            } while (g.region == other.region);
            g.set(DOC_NO, other.get(DOC_NO));
            g.trueId = "lookalike_doc_no";
            return g;
        }
        if (!other.isOrganisation()) {
            // Homonym: same person name, different ID number.
            GenRecord g = factory.create(other.kind, Need.PERSON);
            g.set(NAME, other.get(NAME));
            g.trueId = "lookalike_homonym";
            return g;
        }
        GenRecord g = factory.create(randomKind(), Need.ANY);
        g.trueId = "original";
        return g;
    }

    private void write(OutputFile file, GenRecord g, String expected, String reason, String trueId, String variant)
            throws IOException {
        long row = sinks.get(file).writeDataRow(g.render(file));
        if (expected.equals("reject")) {
            truth.reject(file.fileName, null, row, reason, "");
        } else {
            truth.accept(file.fileName, null, row, trueId, variant);
        }
    }

    /** A new true-record id: P, S, A, J or D (失信被执行人) plus a run-wide counter. */
    String newTrueId(RecordKind kind) {
        return trueIdPrefix(kind) + (++trueRecords);
    }

    /** A pooled true record of the kind, or null when a few draws find none. */
    GenRecord pooled(RecordKind kind) {
        for (int attempt = 0; attempt < 8 && poolCount > 0; attempt++) {
            GenRecord g = pool[random.nextInt(poolCount)];
            if (g.kind == kind) {
                return g;
            }
        }
        return null;
    }

    void addToPool(GenRecord g) {
        pool[(int) (poolNext++ % POOL_SIZE)] = g;
        if (poolCount < POOL_SIZE) {
            poolCount++;
        }
    }

    private RecordKind randomKind() {
        int roll = random.nextInt(100);
        return roll < 72 ? RecordKind.ADMINISTRATIVE_PENALTY
                : roll < 81 ? RecordKind.DISCIPLINARY_SANCTION
                : roll < 89 ? RecordKind.ACCOUNTABILITY
                : RecordKind.COURT_JUDGMENT;
    }

    private OutputFile randomFile() {
        RecordKind kind = randomKind();
        if (kind == RecordKind.ADMINISTRATIVE_PENALTY) {
            return random.nextInt(10) < 6 ? OutputFile.PENALTY_V2 : OutputFile.PENALTY_V1_GBK;
        }
        return fileOf(kind);
    }

    private static OutputFile fileOf(RecordKind kind) {
        return switch (kind) {
            case DISCIPLINARY_SANCTION -> OutputFile.SANCTION;
            case ACCOUNTABILITY -> OutputFile.ACCOUNTABILITY;
            case COURT_JUDGMENT -> OutputFile.JUDGMENT;
            default -> throw new IllegalArgumentException(kind.name());
        };
    }

    private static String trueIdPrefix(RecordKind kind) {
        return switch (kind) {
            case ADMINISTRATIVE_PENALTY -> "P";
            case DISCIPLINARY_SANCTION -> "S";
            case ACCOUNTABILITY -> "A";
            case COURT_JUDGMENT -> "J";
            case DISHONEST_DEBTOR -> "D";
        };
    }

    private void closeAll() throws IOException {
        IOException first = null;
        for (CsvSink s : sinks.values()) {
            try {
                s.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (countyLists != null) {
            try {
                countyLists.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Manual runs: {@code SyntheticDataGenerator <records> <seed> <outDir> [invalidShare] [duplicateShare]}. */
    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: SyntheticDataGenerator <records> <seed> <outDir> [invalidShare] [duplicateShare]");
            System.exit(2);
        }
        GenerateOptions o = new GenerateOptions(Long.parseLong(args[0]), Long.parseLong(args[1]), Path.of(args[2]),
                args.length > 3 ? Double.parseDouble(args[3]) : GenerateOptions.DEFAULT_INVALID_SHARE,
                args.length > 4 ? Double.parseDouble(args[4]) : GenerateOptions.DEFAULT_DUPLICATE_SHARE);
        GenerateSummary s = generate(o);
        System.out.println(s);
        long rows = s.totalRows();
        System.out.println("rows/s: " + (long) (rows / Math.max(1e-9, s.elapsed().toNanos() / 1e9)));
    }
}
