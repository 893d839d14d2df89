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

import org.creditpipeline.YamlErrors;
import org.creditpipeline.ingest.read.HeaderVocabulary;
import org.creditpipeline.ingest.read.SourceTable;
import org.creditpipeline.ingest.read.UnreadableSourceException;
import org.creditpipeline.model.RecordKind;
import org.creditpipeline.model.SubjectKind;
import tools.jackson.core.JacksonException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * All mappings of {@code job-configs/mappings/}, validated when loaded: a config error names the file, the key and
 * what was expected. Resolves a table's headers against one named mapping, or picks the best-fitting one.
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
        YAMLMapper yaml = YAMLMapper.builder().build();
        Map<String, MappingConfig> configs = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                MappingConfig config;
                try {
                    config = yaml.readValue(file.toFile(), MappingConfig.class);
                } catch (JacksonException e) {
                    throw new IllegalStateException("mapping " + file + " is not valid: " + YamlErrors.describe(e), e);
                }
                validate(file, config);
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

    private static void validate(Path file, MappingConfig config) {
        String expectedName = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        if (!expectedName.equals(config.name())) {
            throw new IllegalStateException("mapping " + file + ": key 'name' is '" + config.name()
                    + "' but must equal the file name '" + expectedName + "'");
        }
        if (RecordKind.fromText(config.kind()) == null) {
            throw new IllegalStateException("mapping " + file + ": key 'kind' is '" + config.kind()
                    + "', expected one of " + List.of(RecordKind.values()));
        }
        if (config.subjectKind() != null) {
            parseSubjectKind(file, "subjectKind", config.subjectKind());
        }
        if (config.fields() == null || config.fields().isEmpty()) {
            throw new IllegalStateException("mapping " + file + ": key 'fields' is missing or empty");
        }
        config.fields().forEach((name, spec) -> {
            CanonicalField field = CanonicalField.byName(name);
            if (field == null) {
                throw new IllegalStateException("mapping " + file + ": field '" + name + "' is unknown; known fields: "
                        + CanonicalField.knownNames());
            }
            if (spec == null || (spec.headers().isEmpty() && spec.keywords().isEmpty())) {
                throw new IllegalStateException("mapping " + file + ": field '" + name
                        + "' needs 'headers' or 'keywords'");
            }
            if (field == CanonicalField.SUBJECT_CATEGORY) {
                spec.values().forEach((text, kind) -> parseSubjectKind(file, "fields.subjectCategory.values." + text, kind));
            }
        });
    }

    private static void parseSubjectKind(Path file, String key, String value) {
        try {
            SubjectKind.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("mapping " + file + ": key '" + key + "' is '" + value
                    + "', expected one of " + List.of(SubjectKind.values()));
        }
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
                .forEach(spec -> spec.headers().forEach(header -> keys.add(HeaderKey.of(header)))));
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

    /** Resolves the table against the named mapping, or against every mapping when name is null (best fit wins). */
    public ColumnMapping resolve(SourceTable table, String name) {
        if (name != null) {
            ColumnMapping mapping = ColumnMapping.resolve(get(name), table);
            if (!mapping.missingRequired().isEmpty()) {
                throw new UnreadableSourceException(mapping.describeMissing());
            }
            return mapping;
        }
        List<ColumnMapping> candidates = new ArrayList<>();
        for (MappingConfig config : configs.values()) {
            candidates.add(ColumnMapping.resolve(config, table));
        }
        candidates.sort(Comparator.comparingInt(ColumnMapping::score).reversed());
        ColumnMapping best = candidates.get(0);
        if (!best.missingRequired().isEmpty()) {
            // None fits: explain with the nearest miss (most columns mapped, then most similar headers), not the first.
            best = candidates.stream().max(Comparator.comparingInt((ColumnMapping m) -> -m.missingRequired().size())
                    .thenComparingInt(ColumnMapping::mappedColumns)
                    .thenComparingDouble(ColumnMapping::closeness)).orElseThrow();
            throw new UnreadableSourceException(best.describeMissing() + " No mapping fits (best fit shown: '"
                    + best.config().name() + "'); name one with --mapping (available: " + configs.keySet() + ").");
        }
        return best;
    }
}
