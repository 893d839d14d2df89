package org.creditpipeline.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of every test that needs the database: a real PostgreSQL, never a mock. By default the embedded server under
 * {@code target/test-home/var/pg} (started once per JVM, wiped at its first start); when CREDIT_DB_URL (and
 * CREDIT_DB_USER / CREDIT_DB_PASSWORD) are set, that server instead — .ci/run does this with a fresh database.
 * Each test class names its own node ({@code credit.node}), so its tables live in their own schema, which is emptied
 * and migrated afresh when the class's context starts (a server keeps schemas between runs).
 */
@SpringBootTest
@Import(FreshNodeSchema.class)
@TestPropertySource(properties = {
        "credit.home=target/test-home",
        "credit.config-dir=../job-configs",
        "credit.db.embedded-clean=true",
        "spring.flyway.clean-disabled=false",
        "logging.level.org.creditpipeline=WARN"
})
public abstract class PostgresTestSupport {
}
