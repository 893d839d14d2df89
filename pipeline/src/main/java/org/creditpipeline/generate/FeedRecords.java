package org.creditpipeline.generate;

import java.io.IOException;
import org.creditpipeline.model.RecordKind;

/**
 * The records of the court feed: new 失信被执行人 listings (a few of them homonyms or co-parties of earlier ones, which
 * are different true records), republications of a pooled listing in another era's format, and invalid listings.
 */
final class FeedRecords {

    private static final int POOL_SIZE = 20_000;
    private static final int LOOKALIKE_PERCENT = 4;

    private final SyntheticDataGenerator gen;
    private final DebtorFactory factory;
    private final Debtor[] pool = new Debtor[POOL_SIZE];
    private int poolCount;
    private long poolNext;

    FeedRecords(SyntheticDataGenerator gen) {
        this.gen = gen;
        this.factory = new DebtorFactory(gen.random, gen.factory);
    }

    void write(long records) throws IOException {
        double invalid = gen.options.invalidShare();
        double duplicate = invalid + gen.options.duplicateShare();
        try (CourtFeed feed = new CourtFeed(gen.options.outDir().resolve(CourtFeed.FILE_NAME), records)) {
            for (long i = 0; i < records; i++) {
                double u = gen.random.nextDouble();
                if (u < invalid) {
                    DebtorFactory.FeedDefect defect = DebtorFactory.FeedDefect.values()[
                            gen.random.nextInt(DebtorFactory.FeedDefect.values().length)];
                    long n = feed.write(factory.invalid(defect));
                    gen.invalidRows++;
                    gen.truth.reject(CourtFeed.FILE_NAME, null, n, defect.rejectCode, defect.name().toLowerCase());
                } else if (u < duplicate && poolCount > 0) {
                    Debtor d = pool[gen.random.nextInt(poolCount)].copy();
                    String variant = factory.republish(d);
                    gen.duplicateRows++;
                    gen.truth.accept(CourtFeed.FILE_NAME, null, feed.write(d), d.trueId, variant);
                } else {
                    writeNew(feed);
                }
            }
            gen.rowsPerFile.put(CourtFeed.FILE_NAME, records);
        }
    }

    private void writeNew(CourtFeed feed) throws IOException {
        Debtor d;
        String variant = "original";
        Debtor other = poolCount > 0 && gen.random.nextInt(100) < LOOKALIKE_PERCENT
                ? pool[gen.random.nextInt(poolCount)] : null;
        if (other != null && other.party == Debtor.Party.COMPANY) {
            d = factory.coParty(other);
            variant = "original,lookalike_co_party";
        } else if (other != null && other.isPerson()) {
            d = factory.homonym(other);
            variant = "original,lookalike_homonym";
        } else {
            d = factory.create();
        }
        d.trueId = gen.newTrueId(RecordKind.DISHONEST_DEBTOR);
        pool[(int) (poolNext++ % POOL_SIZE)] = d;
        poolCount = Math.min(poolCount + 1, POOL_SIZE);
        gen.truth.accept(CourtFeed.FILE_NAME, null, feed.write(d), d.trueId, variant);
    }
}
