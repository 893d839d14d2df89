package org.creditpipeline.generate;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The upload formats the generator can write: the CSV files, the county .xlsx workbook, the court JSON feed. */
public enum OutputFormat {
    CSV, XLSX, JSON;

    /** Parses a comma-separated list such as {@code csv,xlsx}; case and spaces do not matter. */
    public static Set<OutputFormat> parseList(String list) {
        Set<OutputFormat> formats = EnumSet.noneOf(OutputFormat.class);
        for (String part : list.split(",")) {
            String name = part.strip().toUpperCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            try {
                formats.add(valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown format '" + part.strip() + "'; expected csv, xlsx or json");
            }
        }
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("no format given; expected csv, xlsx or json");
        }
        return formats;
    }
}
