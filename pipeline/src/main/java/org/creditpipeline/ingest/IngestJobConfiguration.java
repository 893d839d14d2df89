package org.creditpipeline.ingest;

import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import org.creditpipeline.CreditProperties;
import org.creditpipeline.exchange.ExchangeNodes;
import org.creditpipeline.exchange.NodeConfig;
import org.creditpipeline.ingest.mapping.MappingCatalog;
import org.creditpipeline.ingest.read.SourceReader;
import org.creditpipeline.ingest.read.SourceReaders;
import org.creditpipeline.ingest.read.excel.ExcelLimits;
import org.creditpipeline.normalize.RegionTable;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The ingest job: one file per job instance, identified by the file's SHA-256 and the mapping asked for, so that
 * running the same command again after a failure restarts that instance where it stopped. Only wiring lives here.
 *
 * <p>A check ({@code ingest --check}) runs the same reader, processor and listeners with a {@link CheckWriter}, which
 * keeps accepted rows nowhere and rejected rows in a temporary {@link RejectSpool} for the error report, on an
 * in-memory job repository of its own ({@link IngestCheckJob}). Discarding, rather than writing in a transaction that
 * is rolled back, because the error report is written after the step from the rejects (a rolled-back transaction
 * would have taken them along, and holding one open over a million-row file would hold its rows too), and because
 * Spring Batch commits its metadata in transactions of its own: a check's job instance in the node's tables would make
 * a later real ingest of the same bytes look complete.
 */
@Configuration(proxyBeanMethods = false)
public class IngestJobConfiguration {

    public static final String JOB_NAME = "ingest";
    public static final String FILE_SHA256 = "file.sha256";
    public static final String MAPPING = "mapping";
    public static final String FILE_ID = "file.id";
    public static final String FILE_PATH = "file.path";
    public static final String SOURCE_NAME = "source.name";
    /** A check's spool of rejected rows ({@link RejectSpool}); only a check's job has it. */
    public static final String CHECK_SPOOL = "check.spool";
    /** An ingest's spool of rejected rows for the error report ({@link RejectSpool}); optional. */
    public static final String REPORT_SPOOL = "report.spool";
    /** Value of {@link #MAPPING} when the mapping is chosen from the headers. */
    public static final String AUTO_MAPPING = "auto";

    @Bean
    Job ingestJob(JobRepository jobRepository, Step ingestStep) {
        return new JobBuilder(JOB_NAME, jobRepository).start(ingestStep).build();
    }

    @Bean
    Step ingestStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                    ProcessAheadReader ingestAheadReader, MappingProcessor ingestProcessor, StagingWriter stagingWriter,
                    ProgressListener ingestProgress, CreditProperties properties) {
        return new StepBuilder("ingest-file", jobRepository)
                .<ProcessedRow, ProcessedRow>chunk(properties.ingest().chunkSize())
                .transactionManager(transactionManager)
                .reader(ingestAheadReader)
                .processor(row -> row.isSkipped() ? null : row)
                .writer(stagingWriter)
                .listener(ingestProcessor)
                .listener(ingestProgress)
                .build();
    }

    /** The check's job: the ingest step's reader, processor and listeners, a writer that stores nothing. */
    @Bean
    IngestCheckJob ingestCheckJob(ProcessAheadReader ingestAheadReader, MappingProcessor ingestProcessor,
                                  CheckWriter checkWriter, ProgressListener ingestProgress, CreditProperties properties) {
        return new IngestCheckJob(repository -> new StepBuilder(IngestCheckJob.STEP_NAME, repository)
                .<ProcessedRow, ProcessedRow>chunk(properties.ingest().chunkSize())
                .transactionManager(new ResourcelessTransactionManager())
                .reader(ingestAheadReader)
                .processor(row -> row.isSkipped() ? null : row)
                .writer(checkWriter)
                .listener(ingestProcessor)
                .listener(ingestProgress)
                .build());
    }

    @Bean
    @StepScope
    SourceReader ingestReader(@Value("#{jobParameters['" + FILE_PATH + "']}") String path,
                              @Value("#{jobParameters['" + SOURCE_NAME + "']}") String sourceName,
                              @Value("#{jobParameters['" + MAPPING + "']}") String mapping,
                              MappingCatalog mappingCatalog, CreditProperties properties) {
        ExcelLimits limits = new ExcelLimits(properties.ingest().maxUncompressedBytes(),
                properties.ingest().maxCellChars());
        return SourceReaders.forFile(Path.of(path), sourceName, limits, mappingCatalog.headerVocabulary(),
                mappingCatalog.knowsHeader(AUTO_MAPPING.equals(mapping) ? null : mapping));
    }

    /** Reading and normalizing run ahead on their own thread, overlapping the chunk's COPY (see the class). */
    @Bean
    @StepScope
    ProcessAheadReader ingestAheadReader(SourceReader ingestReader, MappingProcessor ingestProcessor,
                                         CreditProperties properties) {
        return new ProcessAheadReader(ingestReader, ingestProcessor, properties.ingest().chunkSize(),
                properties.ingest().readThreadFor(ProcessAheadReader.unproxied(ingestReader)));
    }

    @Bean
    @StepScope
    MappingProcessor ingestProcessor(MappingCatalog mappingCatalog, RowNormalizer rowNormalizer,
                                     @Value("#{jobParameters['" + MAPPING + "']}") String mapping) {
        return new MappingProcessor(mappingCatalog, AUTO_MAPPING.equals(mapping) ? null : mapping, rowNormalizer);
    }

    @Bean
    @StepScope
    StagingWriter stagingWriter(DataSource dataSource, @Value("#{jobParameters['" + FILE_ID + "']}") Long fileId,
                                @Value("#{jobParameters['" + REPORT_SPOOL + "']}") String spool) {
        return new StagingWriter(dataSource, fileId, spool == null ? null : RejectSpool.at(Path.of(spool)));
    }

    @Bean
    @StepScope
    CheckWriter checkWriter(@Value("#{jobParameters['" + CHECK_SPOOL + "']}") String spool) {
        return new CheckWriter(RejectSpool.at(Path.of(spool)));
    }

    @Bean
    @StepScope
    ProgressListener ingestProgress(@Value("#{jobParameters['" + SOURCE_NAME + "']}") String sourceName,
                                    CreditProperties properties) {
        return new ProgressListener(sourceName, properties.ingest().progressSeconds());
    }

    @Bean
    MappingCatalog mappingCatalog(CreditProperties properties) {
        return MappingCatalog.load(properties.jobConfigs().resolve("mappings"));
    }

    /** Lazy, so that commands which never ingest do not load the node topology. */
    @Bean
    @Lazy
    RowNormalizer rowNormalizer(CreditProperties properties, ExchangeNodes nodes) {
        NodeRegion region = nodes.configuredSelf()
                .filter(self -> self.level() != NodeConfig.Level.NATIONAL)
                .map(self -> new NodeRegion(self.region(), self.name()))
                .orElse(null);
        return new RowNormalizer(regionTable(properties), region);
    }

    /**
     * The configured GB/T 2260 tables as one ({@code credit.ingest.region-table}: the current list first, then
     * historical ones), or null when none is configured.
     */
    public static RegionTable regionTable(CreditProperties properties) {
        List<Path> files = properties.ingest().regionTable() == null ? List.of()
                : properties.ingest().regionTable().stream().filter(p -> !p.toString().isBlank()).toList();
        return files.isEmpty() ? null : RegionTable.load(files);
    }
}
