package org.creditpipeline.exchange.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.creditpipeline.consolidate.ConsolidationService;
import org.creditpipeline.exchange.BenchAccess;
import org.creditpipeline.exchange.ConsolidationStep;
import org.creditpipeline.exchange.ExchangeConfiguration;
import org.creditpipeline.exchange.ExchangeFolder;
import org.creditpipeline.exchange.ExchangeNodes;
import org.creditpipeline.exchange.NodeConfig;
import org.creditpipeline.exchange.ReceiveService;
import org.creditpipeline.exchange.ReceiveSummary;
import org.creditpipeline.exchange.TestNodes;
import org.creditpipeline.support.PostgresTestSupport;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.PGConnection;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The exchange benchmark (scripts/bench-exchange; a benchmark, not a test: it runs only with -Dbench.exchange=true).
 * A province node receives one package from each of C child nodes of N changes each (a tenth of each child's records
 * are decisions every child reports, so the province deduplicates). Measures package build, verify-only, and
 * end-to-end apply (verify, stage, consolidate, acknowledge), and in the same run raw COPY of the same rows into an
 * unlogged copy of staged_record.
 */
@EnabledIfSystemProperty(named = "bench.exchange", matches = "true")
@Import(ExchangeBenchmark.TimedConsolidation.class)
// where the time goes: receive's phases and the consolidation's statements
@org.springframework.test.context.TestPropertySource(properties = {
        "logging.level.org.creditpipeline.exchange.ReceiveService=INFO",
        "logging.level.org.creditpipeline.consolidate=INFO"})
class ExchangeBenchmark extends PostgresTestSupport {

    /** Times the consolidation inside receive, so that the exchange's own share of the apply time shows. */
    @TestConfiguration(proxyBeanMethods = false)
    static class TimedConsolidation {
        static long nanos;

        @Bean
        @Primary
        ConsolidationStep timedConsolidationStep(ConsolidationService service) {
            ConsolidationStep real = new ExchangeConfiguration().consolidationStep(service);
            return () -> {
                long t0 = System.nanoTime();
                try {
                    return real.consolidate();
                } finally {
                    nanos += System.nanoTime() - t0;
                }
            };
        }
    }

    private static final int CHILDREN = Integer.getInteger("bench.exchange.children", 30);
    private static final int CHANGES = Integer.getInteger("bench.exchange.changes", 100_000);
    private static Path root;

    private static final String RECORDS = """
            INSERT INTO consolidated_record (record_kind, subject_kind, subject_name, subject_key, uscc,
                legal_representative, document_number, document_number_key, authority_name, authority_uscc,
                decision_date, category, violation_type, facts, content, fine_amount, legal_basis, severity,
                region_code, data_source_unit, source_count)
            SELECT 'ADMINISTRATIVE_PENALTY', 'ENTERPRISE',
                   CASE WHEN g <= ? / 10 THEN '贵州共享测试物流有限公司' || g ELSE '贵州测试' || ? || '商贸有限公司' || g END,
                   'name:' || CASE WHEN g <= ? / 10 THEN 'shared' || g ELSE ? || '-' || g END,
                   NULL, '法定代表人' || (g % 1000),
                   CASE WHEN g <= ? / 10 THEN '筑市监罚〔2026〕' || g || '号' ELSE '筑' || ? || '罚〔2026〕' || g || '号' END,
                   CASE WHEN g <= ? / 10 THEN 'shared-' || g ELSE ? || '-' || g END,
                   '贵阳市市场监督管理局', '11520100MB1744108J', date '2026-01-01' + (g % 300), '罚款', '食品安全',
                   '经查，当事人存在销售不合格商品的违法行为，事实清楚，证据确凿', '罚款' || (g % 50 + 1) * 1000 || '元',
                   (g % 50 + 1) * 0.1, '《中华人民共和国食品安全法》第一百二十四条', 'GENERAL', ?, '贵阳市市场监督管理局', 1
              FROM generate_series(1, ?) AS g""";
    private static final String LINEAGE_FILE = """
            INSERT INTO ingest_file (source_name, source_path, sha256, size_bytes, format, status)
            VALUES ('upload.csv', '/bench/upload.csv', repeat('a', 64), 1, 'CSV', 'COMPLETED')""";
    private static final String LINEAGE_ROWS = """
            INSERT INTO staged_record (id, file_id, source_row, record_kind, subject_name, region_code, status)
            SELECT id, 1, id + 1, record_kind, subject_name, region_code, status FROM consolidated_record""";
    private static final String LINEAGE_LINKS = """
            INSERT INTO record_source (staged_record_id, record_id, match_stage, run_id)
            SELECT id, id, 'NEW', 1 FROM consolidated_record""";
    private static final String CHANGES_SQL = """
            INSERT INTO change_log (record_id, change_type, version, payload)
            SELECT id, 'INSERT', version, to_jsonb(r) FROM consolidated_record r ORDER BY id""";
    private static final String RAW_ROWS = """
            COPY (SELECT 0 AS file_id, NULL AS sheet, id AS source_row, record_kind, subject_kind, subject_name, uscc,
                         document_number, document_number_key, authority_name, decision_date, category, facts, content,
                         fine_amount, legal_basis, severity, region_code, status
                    FROM consolidated_record ORDER BY id) TO STDOUT""";
    private static final String RAW_COPY_IN = """
            COPY bench_raw (file_id, sheet, source_row, record_kind, subject_kind, subject_name, uscc, document_number,
                            document_number_key, authority_name, decision_date, category, facts, content, fine_amount,
                            legal_basis, severity, region_code, status) FROM STDIN""";

    @DynamicPropertySource
    static void nodes(DynamicPropertyRegistry registry) throws IOException {
        root = Files.createTempDirectory("bench-exchange");
        Path nodes = Files.createDirectories(root.resolve("config/nodes"));
        TestNodes.copyJobConfigs(root.resolve("config"));
        Files.writeString(nodes.resolve("bnat.yaml"), "id: bnat\nregion: \"000000\"\nlevel: national\n");
        Files.writeString(nodes.resolve("bprov.yaml"), "id: bprov\nregion: \"520000\"\nlevel: province\nparent: bnat\n"
                + "key: bench-key-bprov-0123456789\ndirectory: " + root.resolve("exchange/bprov") + "\n");
        for (int c = 1; c <= CHILDREN; c++) {
            String id = child(c);
            Files.writeString(nodes.resolve(id + ".yaml"), "id: " + id + "\nregion: \"52" + String.format("%02d", c)
                    + "00\"\nlevel: city\nparent: bprov\nkey: bench-key-" + id + "-0123456789\ndirectory: "
                    + root.resolve("exchange/" + id) + "\n");
        }
        registry.add("credit.node", () -> "bprov");
        registry.add("credit.config-dir", () -> root.resolve("config").toString());
    }

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ExchangeNodes nodes;
    @Autowired
    ReceiveService receive;

    @Test
    void provinceReceivesChildPackages() throws Exception {
        String baseUrl = ((HikariDataSource) dataSource).getJdbcUrl().replaceAll("currentSchema=[^&]*", "currentSchema=%s");
        List<Path> packages = new ArrayList<>();
        List<Path> rawRows = new ArrayList<>();
        long buildNanos = 0;
        for (int c = 1; c <= CHILDREN; c++) {
            String id = child(c);
            String schema = "node_" + id;
            jdbc.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            try (HikariDataSource ds = new HikariDataSource()) {
                ds.setJdbcUrl(String.format(baseUrl, schema));
                ds.setUsername(((HikariDataSource) dataSource).getUsername());
                ds.setMaximumPoolSize(2);
                Flyway.configure().dataSource(ds).schemas(schema).defaultSchema(schema).load().migrate();
                JdbcTemplate child = new JdbcTemplate(ds);
                String region = "52" + String.format("%02d", c) + "00";
                child.update(RECORDS, CHANGES, id, CHANGES, id, CHANGES, id, CHANGES, id, region, CHANGES);
                child.update(LINEAGE_FILE);
                child.update(LINEAGE_ROWS);
                child.update(LINEAGE_LINKS);
                child.update(CHANGES_SQL);
                child.execute("ANALYZE");
                NodeConfig node = nodes.topology().get(id);
                long t0 = System.nanoTime();
                Path pkg = BenchAccess.build(ds, node, 1, CHANGES, root.resolve("out"));
                buildNanos += System.nanoTime() - t0;
                packages.add(pkg);
                // on disk, not in memory: 30 x 100,000 rows would not fit a 1 GB heap
                Path raw = root.resolve("raw-" + id + ".copy");
                try (Connection con = ds.getConnection();
                     java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(raw), 1 << 16)) {
                    con.unwrap(PGConnection.class).getCopyAPI().copyOut(RAW_ROWS, out);
                }
                rawRows.add(raw);
            }
        }
        long total = (long) CHILDREN * CHANGES;

        long verifyNanos = 0;
        for (Path p : packages) {
            long t0 = System.nanoTime();
            BenchAccess.verify(p, nodes.topology());
            verifyNanos += System.nanoTime() - t0;
        }

        jdbc.execute("DROP TABLE IF EXISTS bench_raw");
        jdbc.execute("CREATE UNLOGGED TABLE bench_raw (LIKE staged_record INCLUDING DEFAULTS)");
        long copyNanos;
        try (Connection con = dataSource.getConnection()) {
            long t0 = System.nanoTime();
            for (Path rows : rawRows) {
                try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(rows), 1 << 16)) {
                    con.unwrap(PGConnection.class).getCopyAPI().copyIn(RAW_COPY_IN, in);
                }
            }
            copyNanos = System.nanoTime() - t0;
        }
        for (Path rows : rawRows) {
            Files.delete(rows);
        }

        NodeConfig province = nodes.self();
        ExchangeFolder.init(province); // the marker receive checks, as `exchange init` writes it
        Files.createDirectories(province.inbox());
        for (Path p : packages) {
            Files.copy(p, province.inbox().resolve(p.getFileName()));
        }
        long t0 = System.nanoTime();
        ReceiveSummary summary = receive.receive();
        long applyNanos = System.nanoTime() - t0;
        long records = jdbc.queryForObject("SELECT count(*) FROM consolidated_record", Long.class);

        String report = String.format(Locale.ROOT, """
                exchange benchmark: %d packages x %,d changes = %,d changes
                  build (change log -> signed package) : %8.1f s  %,10.0f changes/s
                  verify only (HMAC, SHA-256, counts)  : %8.1f s  %,10.0f changes/s
                  apply end to end (verify, stage, consolidate, acknowledge): %8.1f s  %,10.0f changes/s
                  raw COPY of the same rows            : %8.1f s  %,10.0f rows/s
                    of which consolidation             : %8.1f s
                    exchange alone (apply - consolidation): %8.1f s  %,10.0f changes/s
                  apply / raw COPY                     : %.2fx
                  exchange alone / raw COPY            : %.2fx
                  packages applied %d, refused %d; consolidated records at the province: %,d
                  consolidation: %s
                """, CHILDREN, CHANGES, total, buildNanos / 1e9, total / (buildNanos / 1e9), verifyNanos / 1e9,
                total / (verifyNanos / 1e9), applyNanos / 1e9, total / (applyNanos / 1e9), copyNanos / 1e9,
                total / (copyNanos / 1e9), TimedConsolidation.nanos / 1e9,
                (applyNanos - TimedConsolidation.nanos) / 1e9, total / ((applyNanos - TimedConsolidation.nanos) / 1e9),
                (double) copyNanos / applyNanos, (double) copyNanos / (applyNanos - TimedConsolidation.nanos), summary.count(ReceiveSummary.APPLIED),
                summary.count(ReceiveSummary.REFUSED), records, summary.consolidation().length() > 300
                        ? summary.consolidation().substring(0, 300) + "..." : summary.consolidation());
        System.out.println(report);
        Files.writeString(Path.of("target/bench-exchange.txt"), report);
        for (int c = 1; c <= CHILDREN; c++) {
            jdbc.execute("DROP SCHEMA IF EXISTS node_" + child(c) + " CASCADE");
        }
        if (summary.count(ReceiveSummary.APPLIED) != CHILDREN) {
            throw new AssertionError("not every package was applied: " + summary.packages());
        }
    }

    private static String child(int c) {
        return String.format("bc%02d", c);
    }
}
