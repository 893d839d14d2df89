package org.creditpipeline.consolidate;

import java.util.HashMap;
import java.util.Map;

/**
 * Pairwise and B-cubed precision and recall of a clustering against ground truth (DOMAIN.md §10, evaluation): feed
 * each row's true record and predicted record, then read the figures. Memory grows with the number of distinct
 * (true, predicted) cells, not with pairs.
 */
public final class MatchQuality {

    private final Map<String, Long> truthSize = new HashMap<>();
    private final Map<Long, Long> predictedSize = new HashMap<>();
    private final Map<String, Long> cellSize = new HashMap<>();
    private long rows;

    public void add(String trueId, long recordId) {
        truthSize.merge(trueId, 1L, Long::sum);
        predictedSize.merge(recordId, 1L, Long::sum);
        cellSize.merge(trueId + "\u0000" + recordId, 1L, Long::sum);
        rows++;
    }

    /** The figures so far. */
    public Figures figures() {
        double truePairs = 0;
        for (long n : truthSize.values()) {
            truePairs += pairs(n);
        }
        double predictedPairs = 0;
        for (long n : predictedSize.values()) {
            predictedPairs += pairs(n);
        }
        double commonPairs = 0;
        double bPrecision = 0;
        double bRecall = 0;
        for (Map.Entry<String, Long> e : cellSize.entrySet()) {
            long n = e.getValue();
            commonPairs += pairs(n);
            String key = e.getKey();
            int cut = key.indexOf('\u0000');
            long truth = truthSize.get(key.substring(0, cut));
            long predicted = predictedSize.get(Long.parseLong(key.substring(cut + 1)));
            // B-cubed: each of the n rows in this cell sees n correct out of its cluster and its true record.
            bPrecision += (double) n * n / predicted;
            bRecall += (double) n * n / truth;
        }
        return new Figures(rows, truthSize.size(), predictedSize.size(),
                predictedPairs == 0 ? 1 : commonPairs / predictedPairs, truePairs == 0 ? 1 : commonPairs / truePairs,
                rows == 0 ? 1 : bPrecision / rows, rows == 0 ? 1 : bRecall / rows, (long) truePairs,
                (long) predictedPairs, (long) commonPairs);
    }

    private static double pairs(long n) {
        return n * (n - 1) / 2.0;
    }

    /**
     * @param rows             rows evaluated
     * @param trueRecords      distinct true records
     * @param predictedRecords distinct consolidated records
     * @param pairPrecision    share of predicted same-record pairs that are true
     * @param pairRecall       share of true same-record pairs that were predicted
     * @param bcubedPrecision  B-cubed precision
     * @param bcubedRecall     B-cubed recall
     * @param truePairs        true same-record pairs
     * @param predictedPairs   predicted same-record pairs
     * @param correctPairs     pairs both true and predicted
     */
    public record Figures(long rows, long trueRecords, long predictedRecords, double pairPrecision, double pairRecall,
                          double bcubedPrecision, double bcubedRecall, long truePairs, long predictedPairs,
                          long correctPairs) {
    }
}
