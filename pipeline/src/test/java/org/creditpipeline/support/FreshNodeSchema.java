package org.creditpipeline.support;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Empties the test node's schema and migrates it afresh when a test context starts (a server keeps schemas). */
@TestConfiguration(proxyBeanMethods = false)
public class FreshNodeSchema {

    @Bean
    FlywayMigrationStrategy cleanThenMigrate() {
        return flyway -> {
            flyway.clean();
            flyway.migrate();
        };
    }
}
