package org.creditpipeline.bench;

import java.nio.file.Path;

import org.creditpipeline.CreditPipelineApplication;
import org.creditpipeline.consolidate.IdKeys;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one-time re-key of clear person identifier keys (docs/OPERATIONS.md, Upgrading a node) on a store as the
 * version before the ID pepper left it (a measurement, not a test): N records with one key each, half of them people
 * with a clear {@code P:} key (and subject key), a twentieth with an {@code I:护照:} key, the rest organisations.
 * <pre>java -cp … org.creditpipeline.bench.IdRekeyBenchmark RECORDS WORK_DIR CONFIG_DIR</pre>
 */
public final class IdRekeyBenchmark {

    private static final String RECORDS = """
            INSERT INTO consolidated_record (record_kind, subject_kind, subject_name, subject_key, uscc, id_type,
                id_number, document_number, document_number_key, authority_name, decision_date, category, facts,
                content, fine_amount, legal_basis, severity, source_count)
            SELECT 'ADMINISTRATIVE_PENALTY', CASE WHEN g % 20 < 11 THEN 'NATURAL_PERSON' ELSE 'ENTERPRISE' END,
                   '测试主体' || g, k.subject, k.uscc, k.id_type, k.id_number,
                   '筑市监罚〔2026〕' || g || '号', '筑市监罚(2026)' || g || '号', '贵阳市市场监督管理局',
                   date '2026-01-01' + (g % 300)::int, '罚款', '经查，当事人存在销售不合格商品的违法行为，事实清楚，证据确凿',
                   '罚款' || (g % 50 + 1) * 1000 || '元', (g % 50 + 1) * 0.1, '《中华人民共和国食品安全法》第一百二十四条',
                   'GENERAL', 1
              FROM generate_series(1, ?::bigint) AS g
             CROSS JOIN LATERAL (SELECT CASE WHEN g % 20 < 10 THEN 'P:' || n WHEN g % 20 = 10 THEN 'P:E' || g
                                             ELSE 'U:91520100' || lpad(g::text, 10, '0') END AS subject,
                                        CASE WHEN g % 20 > 10 THEN '91520100' || lpad(g::text, 10, '0') END AS uscc,
                                        CASE WHEN g % 20 < 10 THEN '身份证' WHEN g % 20 = 10 THEN '护照' END AS id_type,
                                        CASE WHEN g % 20 < 10 THEN n WHEN g % 20 = 10 THEN 'E' || g END AS id_number
                                   FROM (SELECT '5201021980' || lpad(g::text, 8, '0') AS n) x) k""";
    private static final String KEYS = """
            INSERT INTO record_key (match_key, record_id, record_kind, person, id_key, name_key, doc_key, authority_key,
                                    decision_date)
            SELECT 'P|' || coalesce(k.id_key, '') || '|' || c.document_number_key || '/市场监管', c.id, c.record_kind,
                   c.subject_kind = 'NATURAL_PERSON', k.id_key, c.subject_name, c.document_number_key, '贵阳市场监管局',
                   c.decision_date
              FROM consolidated_record c
             CROSS JOIN LATERAL (SELECT CASE WHEN c.id_type = '护照' THEN 'I:护照:' || c.id_number
                                             ELSE c.subject_key END AS id_key) k""";

    private IdRekeyBenchmark() {
    }

    public static void main(String[] args) {
        long records = Long.parseLong(args[0]);
        Path work = Path.of(args[1]);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CreditPipelineApplication.class)
                .run("--credit.home=" + work.resolve("home"), "--credit.node=rekeybench",
                        "--credit.config-dir=" + args[2], "--logging.level.org.creditpipeline=WARN")) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            long t0 = System.nanoTime();
            jdbc.update(RECORDS, records);
            jdbc.update(KEYS);
            jdbc.execute("ANALYZE consolidated_record");
            jdbc.execute("ANALYZE record_key");
            jdbc.execute("CHECKPOINT");
            System.out.printf("built %d records, %d keys in %.1f s%n", records,
                    jdbc.queryForObject("SELECT count(*) FROM record_key", Long.class), (System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            context.getBean(IdKeys.class).ensureRekeyed();
            System.out.printf("re-key: %d clear identifiers in %.1f s (recorded %d ms)%n",
                    jdbc.queryForObject("SELECT rekeyed_keys FROM id_pepper", Long.class),
                    (System.nanoTime() - t0) / 1e9, jdbc.queryForObject("SELECT rekey_ms FROM id_pepper", Long.class));
            System.out.printf("clear keys left: %d%n", jdbc.queryForObject(
                    "SELECT count(*) FROM record_key WHERE person AND match_key ~ '[0-9]{12}'", Long.class));
        }
    }
}
