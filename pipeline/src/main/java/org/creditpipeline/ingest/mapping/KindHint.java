package org.creditpipeline.ingest.mapping;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.creditpipeline.ingest.read.SourceTable;

/**
 * Which kind of record a table holds, as its sheet name, a title row above the header, a JSON feed's key wrapping the
 * records or a text field of its envelope ({@link SourceTable#labels}: {@code {"纪律处分": […]}},
 * {@code "type": "纪律处分"}) or the file name says it ({@code 纪律处分}, {@code XX县2026年11月纪律处分信息公示表},
 * {@code 南明区问责处理11月.xlsx}): uploads and feeds of 纪律处分 and 问责处理 often carry generic headers ({@code 种类},
 * {@code 决定机关}, {@code 时间}, {@code type}, {@code unit}, {@code date}) that tell nothing by themselves.
 * The most specific place that names exactly one kind decides; a place naming several (行政处罚、纪律处分汇总) tells
 * nothing. Failing those, headers that name exactly one kind ({@link #byHeaders}) tell it for the generic ones beside
 * them.
 *
 * @param mapping the mapping named
 * @param place   where it was named, for messages ({@code sheet name '纪律处分'})
 */
public record KindHint(String mapping, String place) {

    static KindHint of(SourceTable table, Collection<MappingConfig> configs) {
        if (table.sheet() != null) {
            KindHint hint = named(table.sheet(), "sheet name '" + table.sheet() + "' (工作表名)", configs);
            if (hint != null) {
                return hint;
            }
        }
        for (String title : table.titles()) {
            KindHint hint = named(title, "title row '" + title + "' (标题行)", configs);
            if (hint != null) {
                return hint;
            }
        }
        for (SourceTable.Label label : table.labels()) {
            KindHint hint = named(label.text(), label.place(), configs);
            if (hint != null) {
                return hint;
            }
        }
        return table.source() == null ? null
                : named(table.source(), "file name '" + table.source() + "' (文件名)", configs);
    }

    private static KindHint named(String text, String place, Collection<MappingConfig> configs) {
        Set<String> kinds = kindsNamedBy(text, configs);
        return kinds.size() == 1 ? new KindHint(kinds.iterator().next(), place) : null;
    }

    /** The mappings whose kind words the text contains. */
    static Set<String> kindsNamedBy(String text, Collection<MappingConfig> configs) {
        String key = HeaderKey.of(text);
        Set<String> kinds = new LinkedHashSet<>();
        for (MappingConfig config : configs) {
            for (String word : config.kindWords()) {
                if (key.contains(HeaderKey.ofConfigured(word))) {
                    kinds.add(config.name());
                    break;
                }
            }
        }
        return kinds;
    }

    /**
     * The kind the headers name when they name exactly one ({@code 问责方式} beside {@code 时间}), else null: told by
     * the table itself, it holds where a sheet, title or file name says nothing or names another kind.
     */
    static KindHint byHeaders(List<String> headers, Collection<MappingConfig> configs) {
        Set<String> kinds = kindsNamedByHeaders(headers, configs);
        if (kinds.size() != 1) {
            return null;
        }
        String header = headers.stream().filter(h -> !kindsNamedBy(h, configs).isEmpty()).findFirst().orElseThrow();
        return new KindHint(kinds.iterator().next(), "header '" + header + "' (表头)");
    }

    /** The mappings whose kind words appear in the table's headers ({@code 处罚决定日期} names 行政处罚). */
    static Set<String> kindsNamedByHeaders(List<String> headers, Collection<MappingConfig> configs) {
        Set<String> kinds = new LinkedHashSet<>();
        for (String header : headers) {
            kinds.addAll(kindsNamedBy(header, configs));
        }
        return kinds;
    }
}
