package org.creditpipeline.ingest.mapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.creditpipeline.ingest.read.HeaderVocabulary;
import org.creditpipeline.ingest.read.SourceTable;
import org.creditpipeline.ingest.read.UnreadableSourceException;

/**
 * All mappings of {@code job-configs/mappings/}, validated when loaded ({@link MappingFile}): a config error names the
 * file, the line, the key and what was expected. Resolves a table's headers against one named mapping, or picks the best-fitting one.
 */
public final class MappingCatalog {

    private final Map<String, MappingConfig> configs;

    private MappingCatalog(Map<String, MappingConfig> configs) {
        this.configs = configs;
    }

    public static MappingCatalog load(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("mapping folder " + directory + " does not exist (set --config-dir or"
                    + " CREDIT_CONFIG_DIR to the job-configs folder)");
        }
        Map<String, MappingConfig> configs = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                MappingConfig config = MappingFile.read(file);
                configs.put(config.name(), config);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (configs.isEmpty()) {
            throw new IllegalStateException("no mapping (*.yaml) in " + directory);
        }
        return new MappingCatalog(configs);
    }

    public List<MappingConfig> all() {
        return List.copyOf(configs.values());
    }

    public MappingConfig get(String name) {
        MappingConfig config = configs.get(name);
        if (config == null) {
            throw new IllegalArgumentException("unknown mapping '" + name + "'; available: " + configs.keySet());
        }
        return config;
    }

    /**
     * Whether a key is a header synonym of the named mapping (of any mapping when name is null), compared as
     * {@link HeaderKey}s: tells a JSON feed's record array from the envelope around it.
     */
    public Predicate<String> knowsHeader(String name) {
        Set<String> known = synonymKeys(name == null || !configs.containsKey(name) ? configs.values()
                : List.of(configs.get(name)));
        return key -> known.contains(HeaderKey.of(key));
    }

    /** The {@link HeaderKey}s of the exact header synonyms of these mappings. */
    private static Set<String> synonymKeys(java.util.Collection<MappingConfig> mappings) {
        Set<String> keys = new HashSet<>();
        mappings.forEach(config -> config.fields().values()
                .forEach(spec -> spec.headers().forEach(header -> keys.add(HeaderKey.ofConfigured(header)))));
        keys.remove("");
        return keys;
    }

    /**
     * The headers any mapping knows, by exact synonym or keyword, for the readers' header location. Only short cells
     * are considered: a header is a few words, a data cell that happens to contain a keyword is usually longer.
     */
    public HeaderVocabulary headerVocabulary() {
        List<MappingConfig.FieldSpec> specs = configs.values().stream().flatMap(c -> c.fields().values().stream())
                .toList();
        Set<String> synonyms = synonymKeys(configs.values());
        return cell -> {
            if (cell == null || cell.length() > 40) {
                return false;
            }
            String key = HeaderKey.of(cell);
            if (key.isEmpty()) {
                return false;
            }
            if (synonyms.contains(key)) {
                return true;
            }
            for (MappingConfig.FieldSpec spec : specs) {
                if (ColumnMapping.keywordMatch(spec, key)) {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * The headers of a table that are 行政许可 items of the 双公示 standard (DOMAIN.md §2.4): an {@code XK_} field code
     * ({@code XK_XDR_MC}, {@code XK_JDRQ} …) or a name about the licence ({@code 许可机关}, {@code 许可决定日期},
     * {@code 行政许可决定文书号} …). A 处罚 table's headers never hold 许可 (吊销许可证 is a 处罚类别 value, not a header).
     */
    static List<String> licensingHeaders(List<String> headers) {
        List<String> found = new ArrayList<>();
        for (String header : headers) {
            String h = folded(header);
            if (h.startsWith("XK_") || (h.contains("许可") && !h.contains("处罚"))) {
                found.add(header.strip());
            }
        }
        return found;
    }

    /** A header about a penalty: 处罚 in any form, or a {@code CF_} field code. */
    private static boolean namesPenalty(String header) {
        String h = folded(header);
        return h.contains("处罚") || h.startsWith("CF_");
    }

    /** A header as the two tests above read it: NFKC (full-width 'ＸＫ＿'), no outer spaces, upper case. */
    private static String folded(String header) {
        return header == null ? "" : java.text.Normalizer.normalize(header, java.text.Normalizer.Form.NFKC).strip()
                .toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * Resolves the table against the named mapping, or against every mapping when name is null. Without a name, a
     * kind told by the sheet name, a title row or the file name ({@link KindHint}) chooses its mapping when that
     * mapping fits with its generic synonyms ({@code hinted:}) and no header names another kind; else the best fit
     * wins. A named mapping takes its generic synonyms too: the officer has told the kind.
     */
    public ColumnMapping resolve(SourceTable table, String name) {
        if (name != null) {
            ColumnMapping mapping = ColumnMapping.resolve(get(name), table, true);
            if (!mapping.missingRequired().isEmpty()) {
                throw new UnreadableSourceException(mapping.describeMissing());
            }
            return mapping;
        }
        List<String> licensing = licensingHeaders(table.headers());
        if (licensing.size() >= 2 && table.headers().stream().noneMatch(MappingCatalog::namesPenalty)) {
            // 双公示 is licences and penalties: an officer exports both, and a licence must never be read as a penalty
            // (许可决定日期 and 行政许可决定文书号 would fill a penalty's decision date and document number)
            throw new UnreadableSourceException("These are 行政许可 (licensing) records, not penalties or 失信 records:"
                    + " the headers " + licensing.stream().limit(4).map(h -> "'" + h + "'").toList() + " are licensing"
                    + " items of the 双公示 standard and no header names a penalty (表头为行政许可数据项；本系统归集行政处罚、"
                    + "失信等记录，不归集行政许可信息，请通过行政许可公示渠道报送). Found headers (文件中的列): "
                    + table.headers() + ". If they are penalties after all, name the mapping: --mapping penalty.");
        }
        KindHint hint = KindHint.of(table, configs.values());
        String hintIgnored = null;
        Set<String> named = KindHint.kindsNamedByHeaders(table.headers(), configs.values());
        if (hint != null && !named.isEmpty() && !named.contains(hint.mapping())) {
            // 处罚决定日期 under a sheet named 纪律处分: the headers say what the table is
            hintIgnored = "the " + hint.place() + " names '" + hint.mapping() + "' but the headers name "
                    + named.stream().map(n -> "'" + n + "'").toList();
            hint = null;
        }
        if (hint == null) {
            hint = KindHint.byHeaders(table.headers(), configs.values());
        }
        if (hint != null) {
            ColumnMapping hinted = ColumnMapping.resolve(configs.get(hint.mapping()), table, true);
            if (hinted.missingRequired().isEmpty()) {
                return hinted.toldBy(hint);
            }
        }
        // a JSON feed's table has no header row: its keys are the headers
        boolean json = table.sheet() == null && table.headerRow() == 0;
        List<ColumnMapping> candidates = new ArrayList<>();
        for (MappingConfig config : configs.values()) {
            candidates.add(ColumnMapping.resolve(config, table));
        }
        candidates.sort(Comparator.comparingInt(ColumnMapping::score).reversed());
        ColumnMapping best = candidates.get(0);
        if (!best.missingRequired().isEmpty()) {
            List<String> generic = new ArrayList<>();
            for (MappingConfig config : configs.values()) {
                if (ColumnMapping.resolve(config, table, true).missingRequired().isEmpty()) {
                    generic.add(config.name());
                }
            }
            // None fits: explain with the hinted mapping when the kind was told, else with the nearest miss (among the
            // mappings generic headers would fit, if any; most columns mapped, then most similar headers).
            best = hint != null
                    ? ColumnMapping.resolve(configs.get(hint.mapping()), table, true)
                    : candidates.stream().filter(m -> generic.isEmpty() || generic.contains(m.config().name()))
                            .max(Comparator.comparingInt((ColumnMapping m) -> -m.missingRequired().size())
                                    .thenComparingInt(ColumnMapping::mappedColumns)
                                    .thenComparingDouble(ColumnMapping::closeness)).orElseThrow();
            StringBuilder message = new StringBuilder(best.describeMissing());
            if (hintIgnored != null) {
                message.append(" Kind hint ignored (类型提示未采用): ").append(hintIgnored).append('.');
            }
            if (hint != null) {
                message.append(" The kind was told by the ").append(hint.place()).append(": '")
                        .append(hint.mapping()).append("', but its required columns are not all there.");
            } else if (hintIgnored == null && json) {
                message.append(" Neither a key wrapping the records, a text field of the JSON envelope nor the file"
                        + " name names the kind of record (JSON外层键名、外层字段和文件名均未说明记录类型).");
            } else if (hintIgnored == null) {
                message.append(" Neither the sheet name, a title row nor the file name names the kind of record"
                        + " (工作表名、标题行和文件名均未说明记录类型).");
            }
            if (!generic.isEmpty()) {
                message.append(" The headers are generic; they fit ").append(generic.stream().map(n -> "'" + n + "'")
                        .toList()).append(" once the kind is told: name it with ").append(String.join(" or ", generic.stream()
                                .map(n -> "--mapping " + n).toList()))
                        .append(", or put the kind (").append(String.join(", ", generic.stream()
                                .map(n -> configs.get(n).kindWords().isEmpty() ? n : configs.get(n).kindWords().get(0))
                                .toList())).append(json ? ") in the file name or a field of the envelope"
                                + " ({\"type\": \"" + configs.get(generic.get(0)).kindWords().stream().findFirst()
                                        .orElse(generic.get(0)) + "\", \"data\": [...]})."
                                : ") in the sheet name, a title row or the file name.");
            }
            message.append(" No mapping fits (best fit shown: '").append(best.config().name())
                    .append("'); name one with --mapping NAME (available: ").append(configs.keySet()).append(").");
            throw new UnreadableSourceException(message.toString());
        }
        return best;
    }
}
