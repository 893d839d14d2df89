package org.creditpipeline.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.creditpipeline.consolidate.ReviewService;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code credit-pipeline review list [--status S] [--limit N] | accept ID | reject ID}: the pairs the fuzzy stage left
 * for a person to decide.
 */
final class ReviewCommand {

    private ReviewCommand() {
    }

    static int run(Arguments a, PrintStream out) {
        List<String> args = a.positional();
        if (args.isEmpty()) {
            throw new Arguments.UsageException("review needs list, accept ID or reject ID");
        }
        String action = args.get(0);
        if (!action.equals("list") && args.size() != 2) {
            throw new Arguments.UsageException("review " + action + " needs one pair ID");
        }
        if (action.equals("list") && args.size() != 1) {
            throw new Arguments.UsageException("review list takes no words, only --status and --limit, but was given '"
                    + args.get(1) + "'");
        }
        String status = a.option("status", "PENDING").toUpperCase(java.util.Locale.ROOT);
        if (!List.of("PENDING", "ACCEPTED", "REJECTED", "RESOLVED", "ALL").contains(status)) {
            throw new Arguments.UsageException("--status must be PENDING, ACCEPTED, REJECTED, RESOLVED or ALL, not '"
                    + a.option("status") + "'");
        }
        int limit = (int) a.longOption("limit", 50);
        if (limit < 1) {
            throw new Arguments.UsageException("--limit must be at least 1");
        }
        try (ConfigurableApplicationContext context = CreditPipelineCli.start(a, a.option("node"))) {
            ReviewService review = context.getBean(ReviewService.class);
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "review " + action);
            switch (action) {
                case "list" -> {
                    List<ReviewService.Pair> pairs = review.list(status.equals("ALL") ? null : status, limit);
                    doc.put("pairs", pairs);
                    if (!a.flag("json")) {
                        print(pairs, out);
                    }
                }
                case "accept" -> {
                    long survivor = review.accept(pairId(args.get(1)));
                    doc.put("record", survivor);
                    if (!a.flag("json")) {
                        out.println("Accepted: the two records are now record " + survivor
                                + " (the other id redirects to it; a MERGE entry is in the change log).");
                    }
                }
                case "reject" -> {
                    review.reject(pairId(args.get(1)));
                    if (!a.flag("json")) {
                        out.println("Rejected: the two records stay apart and will not be proposed again.");
                    }
                }
                default -> throw new Arguments.UsageException("review needs list, accept ID or reject ID, not '"
                        + action + "'");
            }
            if (a.flag("json")) {
                out.println(CreditPipelineCli.json(doc));
            }
            return 0;
        } catch (IllegalArgumentException e) {
            throw new Arguments.UsageException(e.getMessage());
        }
    }

    private static long pairId(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new Arguments.UsageException("review pair ID must be a number, not '" + text + "'");
        }
    }

    private static void print(List<ReviewService.Pair> pairs, PrintStream out) {
        if (pairs.isEmpty()) {
            out.println("No review pairs.");
            return;
        }
        for (ReviewService.Pair p : pairs) {
            out.printf("#%d  %s  score %.2f  (%s)%n", p.id(), p.status(), p.score(), p.reasons());
            side(p.left(), out);
            side(p.right(), out);
        }
        out.println("Decide with: credit-pipeline review accept ID (merge) | review reject ID (keep apart)");
    }

    private static void side(ReviewService.Side s, PrintStream out) {
        out.printf("    record %d: %s %s [%s]%s %s, %s, %s%s (%d source rows)%n", s.recordId(), s.kind(), s.name(),
                s.identifier() == null ? "no identifier" : s.identifier(),
                s.workUnit() == null ? "" : " " + s.workUnit(),
                s.documentNumber() == null ? "no 文号" : s.documentNumber(), s.authority(), s.decisionDate(),
                s.category() == null ? "" : ", " + s.category(), s.sources());
    }
}
