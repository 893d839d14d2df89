package org.creditpipeline.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.creditpipeline.db.EmbeddedDatabase;
import org.creditpipeline.ingest.read.csv.TextEncoding;
import org.postgresql.PGConnection;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.batch.infrastructure.item.file.FlatFileItemReader;
import org.springframework.batch.infrastructure.item.file.builder.FlatFileItemReaderBuilder;
import org.springframework.batch.infrastructure.item.file.separator.DefaultRecordSeparatorPolicy;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * The two baselines of {@code scripts/bench-ingest}, measured on the same embedded PostgreSQL data directory our
 * ingest uses (started here after the CLI has stopped it): (a) raw COPY of each CSV file into an unlogged table of text
 * columns, (b) a plain Spring Batch job, {@code FlatFileItemReader} + {@code JdbcBatchItemWriter}, into an equal table.
 * Test scope only: it is a measuring instrument, not part of the product.
 *
 * <p>Usage: {@code IngestBaselines copy|batch HOME CHUNK FILE...} prints {@code rows seconds};
 * {@code IngestBaselines jobtime HOME NODE} prints the rows of our ingest on that node and two durations from its
 * Spring Batch metadata: first job start to last job end (the CLI's time without JVM and server start-up; it includes
 * the error report and hashing between files), and the sum of the jobs' own durations (the ingest steps alone).
 */
public final class IngestBaselines {

    private static final String SCHEMA = "bench_baseline";

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path home = Path.of(args[1]);
        List<Path> files = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            files.add(Path.of(args[i]));
        }
        String url = EmbeddedDatabase.jdbcUrl(home.resolve("var").resolve("pg"), false);
        if (mode.equals("jobtime")) {
            jobTime(url, args[2]);
            System.exit(0);
        }
        try (HikariDataSource ds = dataSource(url)) {
            prepare(ds, files);
            int chunk = Integer.parseInt(args[2]);
            long start = System.nanoTime();
            long rows = switch (mode) {
                case "copy" -> copy(ds, files);
                case "batch" -> batch(ds, files, chunk);
                default -> throw new IllegalArgumentException("mode copy or batch, not " + mode);
            };
            double seconds = (System.nanoTime() - start) / 1e9;
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
            }
            System.out.printf(Locale.ROOT, "RESULT %d %.3f%n", rows, seconds);
        }
        System.exit(0);
    }

    private static void jobTime(String url, String node) throws SQLException {
        String schema = org.creditpipeline.CreditProperties.schemaOf(node);
        try (Connection c = java.sql.DriverManager.getConnection(url); Statement s = c.createStatement();
             var r = s.executeQuery("SELECT (SELECT sum(rows_read) FROM " + schema + ".ingest_file),"
                     + " extract(epoch FROM max(end_time) - min(start_time)),"
                     + " sum(extract(epoch FROM end_time - start_time)) FROM " + schema + ".batch_job_execution")) {
            r.next();
            System.out.printf(Locale.ROOT, "RESULT %d %.3f %.3f%n", r.getLong(1), r.getDouble(2), r.getDouble(3));
        }
    }

    private static HikariDataSource dataSource(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
        config.setUsername("postgres");
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    /** One unlogged table per file, a text column per header cell, plus the Batch metadata for the plain job. */
    private static void prepare(DataSource ds, List<Path> files) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
            for (int i = 0; i < files.size(); i++) {
                StringJoiner cols = new StringJoiner(", ");
                for (int col = 1; col <= columns(files.get(i)); col++) {
                    cols.add("c" + col + " text");
                }
                s.execute("CREATE UNLOGGED TABLE t" + i + " (" + cols + ")");
            }
        }
        new ResourceDatabasePopulator(new ClassPathResource("org/springframework/batch/core/schema-postgresql.sql"))
                .execute(ds);
    }

    private static int columns(Path file) throws IOException {
        Charset charset = TextEncoding.detect(file).charset();
        try (BufferedReader r = Files.newBufferedReader(file, charset);
             CSVParser p = CSVParser.builder().setReader(r).setFormat(CSVFormat.RFC4180).get()) {
            return p.iterator().next().size();
        }
    }

    private static String pgEncoding(Path file) throws IOException {
        Charset charset = TextEncoding.detect(file).charset();
        return charset.equals(StandardCharsets.UTF_8) ? "UTF8" : "GB18030";
    }

    /** (a) The server's own CSV COPY, the file's bytes streamed unchanged. */
    private static long copy(DataSource ds, List<Path> files) throws SQLException, IOException {
        long rows = 0;
        try (Connection c = ds.getConnection()) {
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (int i = 0; i < files.size(); i++) {
                try (InputStream in = Files.newInputStream(files.get(i))) {
                    rows += copy.copyIn("COPY t" + i + " FROM STDIN (FORMAT csv, HEADER true, ENCODING '"
                            + pgEncoding(files.get(i)) + "')", in, 1 << 16);
                }
            }
        }
        return rows;
    }

    /** (b) The textbook Spring Batch job: FlatFileItemReader → JdbcBatchItemWriter, one job per file. */
    private static long batch(DataSource ds, List<Path> files, int chunk) throws Exception {
        JdbcTransactionManager tm = new JdbcTransactionManager(ds);
        JdbcJobRepositoryFactoryBean repositoryFactory = new JdbcJobRepositoryFactoryBean();
        repositoryFactory.setDataSource(ds);
        repositoryFactory.setTransactionManager(tm);
        repositoryFactory.afterPropertiesSet();
        JobRepository repository = repositoryFactory.getObject();
        TaskExecutorJobOperator operator = new TaskExecutorJobOperator();
        operator.setJobRepository(repository);
        operator.setJobRegistry(new MapJobRegistry());
        operator.afterPropertiesSet();
        long rows = 0;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            int columns = columns(file);
            FlatFileItemReader<String[]> reader = new FlatFileItemReaderBuilder<String[]>()
                    .name("csv")
                    .resource(new FileSystemResource(file))
                    .encoding(TextEncoding.detect(file).charset().name())
                    .linesToSkip(1)
                    .recordSeparatorPolicy(new DefaultRecordSeparatorPolicy())
                    .lineTokenizer(line -> {
                        var tokenizer = new org.springframework.batch.infrastructure.item.file.transform
                                .DelimitedLineTokenizer();
                        tokenizer.setStrict(false);
                        return tokenizer.tokenize(line);
                    })
                    .fieldSetMapper(fields -> java.util.Arrays.copyOf(fields.getValues(), columns))
                    .build();
            StringJoiner marks = new StringJoiner(", ");
            for (int col = 0; col < columns; col++) {
                marks.add("?");
            }
            JdbcBatchItemWriter<String[]> writer = new JdbcBatchItemWriterBuilder<String[]>()
                    .dataSource(ds)
                    .sql("INSERT INTO t" + i + " VALUES (" + marks + ")")
                    .itemPreparedStatementSetter((item, ps) -> {
                        for (int col = 0; col < columns; col++) {
                            ps.setString(col + 1, item[col]);
                        }
                    })
                    .build();
            writer.afterPropertiesSet();
            Job job = new JobBuilder("plain-" + i, repository)
                    .start(new StepBuilder("load", repository).<String[], String[]>chunk(chunk)
                            .transactionManager(tm).reader(reader).writer(writer).build())
                    .build();
            JobExecution execution = operator.start(job, new JobParametersBuilder()
                    .addString("file", file.toString()).toJobParameters());
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                throw new IllegalStateException(file + ": " + execution.getAllFailureExceptions());
            }
            rows += execution.getStepExecutions().iterator().next().getWriteCount();
        }
        return rows;
    }

    private IngestBaselines() {
    }
}
