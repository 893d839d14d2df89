package org.creditpipeline.generate;

import java.util.Arrays;
import java.util.Set;
import org.creditpipeline.model.RecordKind;

/**
 * One decision as a county 纪律处分 or 问责 list names it, without 文号 or ID number: the person by name and work unit,
 * the decision by date, kinds and authority (CONSOLIDATION.md, {@code W:} and {@code D:} keys). Besides the facts it
 * remembers how its row was first written (place in the unit, post layout, authority full or short, spelling of the
 * 政务 kinds, date style), so that a re-sent row can say which of these it writes differently.
 */
final class CountyEntry {

    /** Who decided: the region's 纪委, 监委 or 党委 ({@link RecordFactory#discipline} …). */
    enum Authority { DISCIPLINE, SUPERVISION, PARTY_COMMITTEE }

    final RecordKind kind;
    final int region;
    String trueId;
    String name;
    /** The unit without its place prefix ({@code 财政局}, {@code 城东街道办事处}). */
    String unit;
    String position;
    /** Canonical kinds as the mappings store them ({@code 党内警告}, {@code 记过}), in the order first written. */
    String[] categories;
    Authority authority;
    int day;
    String facts;
    /**
     * The decisions of this entry and of every entry made from it (namesakes, the same person again): shared by
     * reference, so that no two of them are the same person's same decision, which nothing could tell apart.
     */
    Set<String> family;

    // how the row was written
    int layout;
    boolean authorityShort;
    int shortForm;
    int spelling;
    int dateStyle;

    CountyEntry(RecordKind kind, int region) {
        this.kind = kind;
        this.region = region;
    }

    CountyEntry copy() {
        CountyEntry c = new CountyEntry(kind, region);
        c.trueId = trueId;
        c.name = name;
        c.unit = unit;
        c.position = position;
        c.categories = categories.clone();
        c.authority = authority;
        c.day = day;
        c.facts = facts;
        c.family = family;
        c.layout = layout;
        c.authorityShort = authorityShort;
        c.shortForm = shortForm;
        c.spelling = spelling;
        c.dateStyle = dateStyle;
        return c;
    }

    /** Name, unit, date, kinds and whether a 党委 decided: what tells two records of a county list apart. */
    String key() {
        return name + "|" + unit + "|" + day + "|" + categoryKey() + "|" + (authority == Authority.PARTY_COMMITTEE);
    }

    /** The kinds as a set, whatever their order: what the decision key compares. */
    String categoryKey() {
        String[] sorted = categories.clone();
        Arrays.sort(sorted);
        return String.join(";", sorted);
    }
}
