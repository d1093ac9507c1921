package dev.agentmarketplace.persistence.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The PostgreSQL server the tests use: 127.0.0.1:5432 with trust authentication unless
 * {@code MARKETPLACE_TEST_PG_HOST}, {@code MARKETPLACE_TEST_PG_PORT}, {@code MARKETPLACE_TEST_PG_USER} or
 * {@code MARKETPLACE_TEST_PG_PASSWORD} say otherwise. Tests never use an existing database: each
 * creates its own and drops it afterwards.
 */
public final class PostgresServer {
    private static final String HOST = setting("MARKETPLACE_TEST_PG_HOST", "127.0.0.1");
    private static final String PORT = setting("MARKETPLACE_TEST_PG_PORT", "5432");
    static final String USER = setting("MARKETPLACE_TEST_PG_USER", "postgres");
    static final String PASSWORD = setting("MARKETPLACE_TEST_PG_PASSWORD", "");

    private PostgresServer() {}

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    /** A connection to the server's maintenance database, from which test databases are created. */
    static Connection administration() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        properties.setProperty("connectTimeout", "3");
        return DriverManager.getConnection(jdbcUrl("postgres"), properties);
    }

    /** Why the server cannot be used, or null when it answers. */
    static String unavailableBecause() {
        try (Connection ignored = administration()) {
            return null;
        } catch (SQLException e) {
            return "PostgreSQL at " + HOST + ":" + PORT + " does not answer: " + e.getMessage();
        }
    }

    private static String setting(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
