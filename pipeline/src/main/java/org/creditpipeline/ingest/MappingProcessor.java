package org.creditpipeline.ingest;

import java.util.LinkedHashSet;
import java.util.Set;

import org.creditpipeline.ingest.mapping.ColumnMapping;
import org.creditpipeline.ingest.mapping.MappingCatalog;
import org.creditpipeline.ingest.read.SourceRow;
import org.creditpipeline.ingest.read.SourceTable;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * The ingest step's processor: resolves each table's columns once (a workbook's sheets may each need their own
 * mapping), then hands every row to the {@link RowNormalizer}. Which mapping served which table is kept in the step's
 * execution context for the summary.
 */
public class MappingProcessor implements ItemProcessor<SourceRow, ProcessedRow>, StepExecutionListener {

    static final String MAPPINGS_KEY = "ingest.mappings";
    static final String UNMAPPED_KEY = "ingest.unmapped";

    private final MappingCatalog catalog;
    private final String mappingName;
    private final RowNormalizer normalizer;
    private SourceTable lastTable;
    private ColumnMapping lastMapping;
    private StepExecution stepExecution;

    public MappingProcessor(MappingCatalog catalog, String mappingName, RowNormalizer normalizer) {
        this.catalog = catalog;
        this.mappingName = mappingName;
        this.normalizer = normalizer;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        this.stepExecution = stepExecution;
    }

    @Override
    public ProcessedRow process(SourceRow row) {
        if (row.table() != lastTable) {
            lastMapping = catalog.resolve(row.table(), mappingName);
            lastTable = row.table();
            remember(MAPPINGS_KEY, lastMapping.config().name());
            lastMapping.unmappedHeaders().forEach(h -> remember(UNMAPPED_KEY, h));
        }
        return normalizer.normalize(row, lastMapping);
    }

    private void remember(String key, String value) {
        if (stepExecution == null) {
            return;
        }
        var context = stepExecution.getExecutionContext();
        String current = context.getString(key, "");
        Set<String> values = new LinkedHashSet<>(current.isEmpty() ? Set.of() : Set.of(current.split("\n")));
        if (values.add(value)) {
            context.putString(key, current.isEmpty() ? value : current + "\n" + value);
        }
    }
}
