package dev.agentmarketplace.bench;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code java -jar quarkus-run.jar <agents>}: creates {@code marketplace_bench_<agents>} afresh,
 * lets Flyway migrate it as Quarkus starts, then {@link Bench} loads and measures it.
 */
@QuarkusMain
public final class BenchMain {
    static final String SERVER = System.getProperty("bench.server", "jdbc:postgresql://127.0.0.1:5432/");
    static final String USER = System.getProperty("bench.user", "postgres");

    private BenchMain() {}

    public static void main(String... args) throws SQLException {
        if (args.length != 1 || !args[0].matches("[1-9][0-9]*")) {
            System.err.println("usage: java -jar quarkus-run.jar <number of agents>");
            System.exit(2);
        }
        String database = database(Integer.parseInt(args[0]));
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, "");
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
        // Runtime configuration: read when Quarkus starts, before Flyway migrates.
        System.setProperty("quarkus.datasource.jdbc.url", SERVER + database);
        Quarkus.run(Bench.class, args);
    }

    static String database(int agents) {
        return "marketplace_bench_" + agents;
    }
}
