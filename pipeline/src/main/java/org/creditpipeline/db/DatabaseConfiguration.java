package org.creditpipeline.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import org.creditpipeline.CreditProperties;

import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the data lives: a configured PostgreSQL server, or embedded PostgreSQL under {@code home/var/pg}. Every
 * connection works in the node's schema ({@code currentSchema}), so the node's tables and its Spring Batch metadata
 * sit together and several nodes can share one server.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(CreditProperties properties) {
        CreditProperties.Db db = properties.db();
        if (!db.embedded() && !db.url().startsWith("jdbc:postgresql:")) {
            throw new IllegalStateException("--db-url (CREDIT_DB_URL) must be a PostgreSQL JDBC URL such as"
                    + " jdbc:postgresql://host:5432/credit, not '" + shown(db.url()) + "'");
        }
        String url = db.embedded()
                ? EmbeddedDatabase.jdbcUrl(properties.var().resolve("pg"), db.embeddedClean())
                : db.url();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(withSchema(url, properties.schema()));
        config.setUsername(db.embedded() ? "postgres" : db.user());
        if (!db.embedded() && db.password() != null) {
            config.setPassword(db.password());
        }
        config.setMaximumPoolSize(6);
        // Connections beyond one are opened when a run needs them and closed after 10 s idle: a long-lived process
        // (the intake server, the test suite's cached contexts, the coming scheduler) holds one, not six, while it
        // waits, so several of them stay well inside the server's max_connections.
        config.setMinimumIdle(1);
        config.setIdleTimeout(10_000);
        config.setPoolName("credit-" + properties.node());
        // COPY rows and restart state commit together; an asynchronous commit keeps that order, so it is safe here.
        config.setConnectionInitSql("SET synchronous_commit = off");
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            if (db.embedded()) {
                throw e;
            }
            // the driver's reason alone ("Connection refused", "password authentication failed") does not say where
            throw new IllegalStateException("cannot connect to the PostgreSQL server " + shown(db.url()) + " as user '"
                    + db.user() + "' (--db-url, --db-user, --db-password or CREDIT_DB_URL, CREDIT_DB_USER,"
                    + " CREDIT_DB_PASSWORD)", e);
        }
    }

    /** A URL as it may be printed: without its parameters, which can hold a password. */
    private static String shown(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }

    /** Flyway creates and migrates the node's schema. */
    @Bean
    FlywayConfigurationCustomizer nodeSchema(CreditProperties properties) {
        return configuration -> configuration.schemas(properties.schema()).defaultSchema(properties.schema());
    }

    static String withSchema(String url, String schema) {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema + "&ApplicationName=credit-pipeline";
    }
}
