package org.creditpipeline.ingest;

import org.creditpipeline.support.PostgresTestSupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the ingest functional tests: the real application context on node {@code ingest3_ft} (see
 * {@link PostgresTestSupport}), a small zip-bomb limit, and no mocks. Tests make their input files unique, because the same bytes twice are skipped by design.
 */
@TestPropertySource(properties = {"credit.node=ingest3_ft", "credit.ingest.max-uncompressed-bytes=20000000"})
abstract class IngestFunctionalTestSupport extends PostgresTestSupport {

    @Autowired
    protected IngestService ingestService;

    @Autowired
    protected JdbcTemplate jdbc;

}
