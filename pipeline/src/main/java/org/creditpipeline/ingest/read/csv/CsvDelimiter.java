package org.creditpipeline.ingest.read.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.creditpipeline.ingest.read.HeaderLocator;

/**
 * A delimited text file's delimiter, from one read of its first lines: Excel's {@code sep=;} hint alone on the first
 * line names it (the line is then no data); else the one of comma, tab, semicolon and vertical bar that occurs most
 * often outside quotes on the first line that has any (a title line above the header may have none); else the
 * full-width comma when a line holds two or more of them (typed by a Chinese input method); else the comma. The
 * ingest and every other reader of officers' lists ({@code status import}) use it, so a file reads the same way in both.
 */
public final class CsvDelimiter {

    /** The delimiter, and whether the first line is Excel's {@code sep=} hint (to be skipped). */
    public record Found(char character, boolean fromSepLine) {
    }

    private static final char[] DELIMITERS = {',', '\t', ';', '|'};
    static final char FULL_WIDTH_COMMA = '\uFF0C';
    /** Excel's delimiter hint, written by its "CSV (separator)" exports: {@code sep=;} alone on the first line. */
    private static final Pattern SEP_LINE = Pattern.compile("^\uFEFF?sep=(.)$", Pattern.CASE_INSENSITIVE);

    private CsvDelimiter() {
    }

    /** The delimiter of {@code file}, read in {@code encoding}; the first {@link HeaderLocator#MAX_SCAN_ROWS} lines at most. */
    public static Found detect(Path file, TextEncoding encoding) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file), encoding.charset()))) {
            String line = r.readLine();
            Matcher m = line == null ? null : SEP_LINE.matcher(line);
            if (m != null && m.matches()) {
                return new Found(m.group(1).charAt(0), true);
            }
            int fullWidthCommas = 0;
            for (int n = 0; n < HeaderLocator.MAX_SCAN_ROWS && line != null; n++, line = r.readLine()) {
                long commas = line.chars().filter(c -> c == FULL_WIDTH_COMMA).count();
                fullWidthCommas = (int) Math.max(fullWidthCommas, commas);
                char best = 0;
                int bestCount = 0;
                for (char d : DELIMITERS) {
                    int count = 0;
                    boolean quoted = false;
                    for (int i = 0; i < line.length(); i++) {
                        char c = line.charAt(i);
                        if (c == '"') {
                            quoted = !quoted;
                        } else if (c == d && !quoted) {
                            count++;
                        }
                    }
                    if (count > bestCount) {
                        best = d;
                        bestCount = count;
                    }
                }
                if (bestCount > 0) {
                    return new Found(best, false);
                }
            }
            if (fullWidthCommas >= 2) {
                // no ASCII delimiter on any of the first lines: one column fits no mapping, so the full-width comma
                // a Chinese input method typed is the separator
                return new Found(FULL_WIDTH_COMMA, false);
            }
        }
        return new Found(',', false);
    }
}
