package dev.agentmarketplace.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.api.security.LocalIssuerKeys;
import dev.agentmarketplace.api.security.LocalTokenIssuer;
import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.persistence.testing.EnabledIfPostgresAvailable;
import dev.agentmarketplace.persistence.testing.PostgresTestDatabase;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three instances of the packaged application ({@code target/quarkus-app/quarkus-run.jar}, as built by
 * {@code package}) on loopback ports, one PostgreSQL database, nothing else shared: concurrent agents
 * go through all three, and every guarantee that rests on the database holds across them. The tests
 * run in order, as one market's day: each builds on what the one before left.
 */
@EnabledIfPostgresAvailable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeReplicasOnPostgresIT {
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final String ISSUER = "urn:agent-marketplace:local-issuer";
    private static final String CAPABILITY = "e2e";
    private static final int PROVIDERS = 6;
    private static final int CLIENTS = 6;
    private static final int CAPACITY = 4;
    // Under 200, every request is added to the shared count at once: the limit is exact across replicas.
    private static final int RATE_LIMIT = 150;
    private static final Duration READY_WITHIN = Duration.ofSeconds(120);

    private final PostgresTestDatabase database = new PostgresTestDatabase();
    private final List<Replica> replicas = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService pool = Executors.newFixedThreadPool(12);
    private final Map<String, String> clientTokens = new TreeMap<>();
    private final Map<String, String> providerTokens = new TreeMap<>();
    // Transaction id to its payer, in the order of the hires.
    private final Map<String, String> hired = new LinkedHashMap<>();
    private Map<String, String> datasource;
    private Path work;
    private String admin;
    private String operator;

    @BeforeAll
    void startThreeReplicas() throws Exception {
        assertThat(JAR)
                .as("the packaged application; run the integration tests through `verify`")
                .exists();
        datasource = database.start();
        work = Files.createDirectories(Path.of("target/replicas/" + UUID.randomUUID()));
        // One data directory: the replicas trust the same embedded issuer and sign with the same receipt key.
        LocalTokenIssuer issuer = new LocalTokenIssuer(
                LocalIssuerKeys.loadOrCreate(work.resolve("data/issuer")),
                ISSUER,
                "sub",
                Duration.ofHours(1),
                Clock.systemUTC());
        admin = issuer.mint("e2e-admin", Optional.empty(), Set.of(Role.ADMIN)).token();
        operator = issuer.mint("e2e-operator", Optional.empty(), Set.of(Role.OPERATOR))
                .token();
        // The first migrates the database and creates the receipt key; the others then start at once.
        replicas.add(startReplica(1));
        replicas.getFirst().awaitReady();
        replicas.add(startReplica(2));
        replicas.add(startReplica(3));
        for (Replica replica : replicas) {
            replica.awaitReady();
        }
    }

    @AfterAll
    void stopEverything() {
        pool.shutdownNow();
        replicas.forEach(Replica::stop);
        database.stop();
    }

    @Test
    @Order(1)
    void agentsRegisterConcurrentlyThroughEveryReplica() throws Exception {
        List<Callable<Void>> registrations = new ArrayList<>();
        for (int i = 1; i <= PROVIDERS; i++) {
            String id = "e2e-provider-" + i;
            int through = i;
            registrations.add(() -> {
                String token = clientOf(id, replica(through));
                HttpResponse<String> registered = replica(through + 1)
                        .post("/api/v1/agents", token, registration(id, CAPABILITY), "register-" + id);
                assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
                synchronized (providerTokens) {
                    providerTokens.put(id, token);
                }
                return null;
            });
        }
        for (int i = 1; i <= CLIENTS; i++) {
            String id = "e2e-client-" + i;
            int through = i;
            registrations.add(() -> {
                String token = clientOf(id, replica(through + 2));
                HttpResponse<String> registered =
                        replica(through).post("/api/v1/agents", token, registration(id, "e2e-buyer"), "register-" + id);
                assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
                synchronized (clientTokens) {
                    clientTokens.put(id, token);
                }
                return null;
            });
        }
        runAll(registrations);

        for (int i = 0; i < replicas.size(); i++) {
            JsonPath page = ok(replica(i).get("/api/v1/agents?capability=" + CAPABILITY + "&limit=50", admin));
            assertThat(page.getList("items.id", String.class))
                    .as("replica %d lists every registration", i + 1)
                    .containsExactlyInAnyOrderElementsOf(providerTokens.keySet());
        }
    }

    @Test
    @Order(2)
    void heartbeatsSentThroughOneReplicaAreSeenByTheOthers() throws Exception {
        List<Callable<HttpResponse<String>>> beats = new ArrayList<>();
        for (String provider : providerTokens.keySet()) {
            for (int r = 0; r < replicas.size(); r++) {
                Replica through = replica(r);
                beats.add(() -> through.post(
                        "/api/v1/agents/" + provider + "/heartbeat",
                        providerTokens.get(provider),
                        "",
                        "heartbeat-" + provider + "-" + through.number()));
            }
        }
        List<HttpResponse<String>> answers = runAll(beats);
        assertThat(answers)
                .allSatisfy(answer ->
                        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200));

        for (String provider : providerTokens.keySet()) {
            Instant latest = answers.stream()
                    .map(answer -> json(answer))
                    .filter(view -> provider.equals(view.getString("id")))
                    .map(view -> Instant.parse(view.getString("lastSeenAt")))
                    .max(Instant::compareTo)
                    .orElseThrow();
            for (int r = 0; r < replicas.size(); r++) {
                JsonPath seen = ok(replica(r).get("/api/v1/agents/" + provider, admin));
                assertThat(Instant.parse(seen.getString("lastSeenAt"))).isEqualTo(latest);
                assertThat(seen.getString("availability")).isEqualTo("ONLINE");
            }
        }
    }

    @Test
    @Order(3)
    void roundRobinGivesEveryProviderItsTurnAcrossReplicas() throws Exception {
        int rounds = 6;
        List<Callable<String>> selections = new ArrayList<>();
        int call = 0;
        for (String client : clientTokens.keySet()) {
            for (int round = 0; round < rounds; round++) {
                Replica through = replica(call++);
                selections.add(() -> {
                    HttpResponse<String> selected = through.post(
                            "/api/v1/discovery/select?capability=" + CAPABILITY + "&strategy=ROUND_ROBIN",
                            clientTokens.get(client),
                            "",
                            null);
                    assertThat(selected.statusCode()).as(selected.body()).isEqualTo(200);
                    return json(selected).getString("agent.id");
                });
            }
        }
        Map<String, Long> turns = runAll(selections).stream()
                .collect(Collectors.groupingBy(id -> id, TreeMap::new, Collectors.counting()));

        assertThat(turns.keySet()).containsExactlyElementsOf(providerTokens.keySet());
        long fewest = turns.values().stream().min(Long::compare).orElseThrow();
        long most = turns.values().stream().max(Long::compare).orElseThrow();
        assertThat(most - fewest).as("turns per provider: %s", turns).isLessThanOrEqualTo(1);
    }

    @Test
    @Order(4)
    void anIdempotentRetrySentToAnotherReplicaReturnsTheOriginalTransaction() throws Exception {
        String client = "e2e-client-1";
        String body = hireBody("e2e-provider-1");
        HttpResponse<String> original =
                replica(0).post("/api/v1/transactions", clientTokens.get(client), body, "e2e-retried-hire");
        assertThat(original.statusCode()).as(original.body()).isEqualTo(201);
        String id = json(original).getString("id");

        List<Callable<HttpResponse<String>>> retries = new ArrayList<>();
        for (int r = 1; r < replicas.size(); r++) {
            Replica through = replica(r);
            retries.add(() -> through.post("/api/v1/transactions", clientTokens.get(client), body, "e2e-retried-hire"));
        }
        for (HttpResponse<String> retry : runAll(retries)) {
            assertThat(retry.statusCode()).isEqualTo(201);
            assertThat(json(retry).getString("id")).isEqualTo(id);
            assertThat(retry.body()).isEqualTo(original.body());
        }
        assertThat(count(
                        "SELECT count(*) FROM ledger_transaction WHERE payer_id = ? AND provider_id = ?",
                        client,
                        "e2e-provider-1"))
                .isEqualTo(1);
        hired.put(id, client);
    }

    @Test
    @Order(5)
    void concurrentHiresThroughEveryReplicaNeverExceedAProvidersCapacity() throws Exception {
        List<Callable<HttpResponse<String>>> hires = new ArrayList<>();
        int call = 0;
        for (String client : clientTokens.keySet()) {
            for (String provider : providerTokens.keySet()) {
                Replica through = replica(call++);
                hires.add(() -> through.post(
                        "/api/v1/transactions",
                        clientTokens.get(client),
                        hireBody(provider),
                        "e2e-hire-" + client + "-" + provider));
            }
        }
        List<HttpResponse<String>> answers = runAll(hires);

        Map<Integer, Long> byStatus = statuses(answers);
        // Each provider takes CAPACITY hires in the hour; e2e-provider-1 had one already.
        long accepted = (long) PROVIDERS * CAPACITY - 1;
        assertThat(byStatus).containsOnly(Map.entry(201, accepted), Map.entry(409, CLIENTS * PROVIDERS - accepted));
        assertThat(answers.stream()
                        .filter(answer -> answer.statusCode() == 409)
                        .map(answer -> json(answer).getString("code")))
                .containsOnly("CAPACITY_EXCEEDED");
        for (String provider : providerTokens.keySet()) {
            assertThat(count("SELECT count(*) FROM ledger_transaction WHERE provider_id = ?", provider))
                    .as(provider)
                    .isEqualTo(CAPACITY);
        }
        answers.stream()
                .filter(answer -> answer.statusCode() == 201)
                .map(ThreeReplicasOnPostgresIT::json)
                .forEach(transaction -> hired.put(transaction.getString("id"), transaction.getString("payer")));
    }

    @Test
    @Order(6)
    void aTransactionSettledThroughThreeReplicasAtOnceIsSettledOnce() throws Exception {
        List<String> ids = List.copyOf(hired.keySet());
        List<String> toSettle = ids.subList(0, ids.size() - 3);
        // Different keys: three separate attempts, not retries of one.
        raceThroughEveryReplica(
                toSettle,
                (id, through) -> through.post(
                        "/api/v1/transactions/" + id + "/settlement",
                        clientTokens.get(hired.get(id)),
                        "{\"settlementReference\":\"e2e-" + id + "\"}",
                        "e2e-settle-" + id + "-" + through.number()));
        for (String id : toSettle) {
            assertMovedOnce(id, "SETTLED", "SETTLE");
            for (int r = 0; r < replicas.size(); r++) {
                assertThat(ok(replica(r).get("/api/v1/transactions/" + id, operator))
                                .getString("transaction.state"))
                        .isEqualTo("SETTLED");
            }
        }
    }

    @Test
    @Order(7)
    void disputesOpenedOnOneReplicaAreResolvedOnceOnAnother() throws Exception {
        List<String> ids = List.copyOf(hired.keySet());
        List<String> disputed = ids.subList(ids.size() - 3, ids.size());
        List<String> disputes = new ArrayList<>();
        int through = 0;
        for (String id : disputed) {
            HttpResponse<String> opened = replica(through++)
                    .post(
                            "/api/v1/disputes",
                            clientTokens.get(hired.get(id)),
                            "{\"transactionId\":\"" + id + "\",\"reason\":\"nothing was delivered\"}",
                            "e2e-dispute-" + id);
            assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
            disputes.add(json(opened).getString("id"));
        }

        raceThroughEveryReplica(
                disputes,
                (dispute, at) -> at.post(
                        "/api/v1/disputes/" + dispute + "/resolution",
                        operator,
                        "{\"outcome\":\"FULL_REFUND\",\"note\":\"decided on replica " + at.number() + "\"}",
                        "e2e-resolve-" + dispute + "-" + at.number()));
        for (String id : disputed) {
            assertMovedOnce(id, "RESOLVED", "RESOLVE");
            assertThat(ok(replica(2).get("/api/v1/transactions/" + id, operator))
                            .getString("transaction.outcome.kind"))
                    .isEqualTo("FULL_REFUND");
        }
    }

    @Test
    @Order(8)
    void theJournalSumsToZeroAndItsChainVerifiesOnEveryReplica() throws Exception {
        for (int r = 0; r < replicas.size(); r++) {
            HttpResponse<String> verified = replica(r).get("/api/v1/ledger/verification", operator);
            assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
            assertThat(json(verified).getBoolean("intact")).isTrue();
        }
        assertThat(count("SELECT count(*) FROM journal_queue"))
                .as("entries not yet chained")
                .isZero();
        assertThat(count("SELECT count(*) FROM journal_entry WHERE kind = 'HOLD'"))
                .isEqualTo(hired.size());
        assertThat(count("SELECT count(*) FROM journal_entry WHERE kind = 'SETTLE'"))
                .isEqualTo(hired.size() - 3);
        assertThat(count("SELECT count(*) FROM journal_entry WHERE kind = 'RESOLVE'"))
                .isEqualTo(3);
        try (Connection connection = connect();
                ResultSet sums = connection
                        .createStatement()
                        .executeQuery("SELECT currency, SUM(amount) FROM journal_posting GROUP BY currency")) {
            int currencies = 0;
            while (sums.next()) {
                currencies++;
                assertThat(sums.getBigDecimal(2)).as(sums.getString(1)).isEqualByComparingTo(BigDecimal.ZERO);
            }
            assertThat(currencies).isEqualTo(1);
        }
        assertThat(count("SELECT count(*) FROM (SELECT entry_sequence FROM journal_posting GROUP BY entry_sequence"
                        + " HAVING SUM(amount) <> 0) unbalanced"))
                .as("entries whose postings do not balance")
                .isZero();
    }

    @Test
    @Order(9)
    void aCallersRateLimitHoldsAcrossReplicas() throws Exception {
        String flooder = clientOf("e2e-flooder", replica(0));
        int requests = RATE_LIMIT + 60;
        AtomicInteger call = new AtomicInteger();
        List<Callable<Integer>> reads = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            reads.add(() -> {
                Replica through = replica(call.getAndIncrement());
                return through.get("/api/v1/agents/e2e-provider-1", flooder).statusCode();
            });
        }
        Map<Integer, Long> byStatus =
                runAll(reads).stream().collect(Collectors.groupingBy(status -> status, Collectors.counting()));

        assertThat(byStatus)
                .containsOnly(Map.entry(200, (long) RATE_LIMIT), Map.entry(429, (long) requests - RATE_LIMIT));
    }

    /**
     * Sends {@code attempt} for every target once through every replica at the same time, each under an
     * Idempotency-Key of its own: for each target exactly one wins and the others conflict.
     */
    private void raceThroughEveryReplica(List<String> targets, Attempt attempt) throws Exception {
        List<Callable<HttpResponse<String>>> attempts = new ArrayList<>();
        for (String target : targets) {
            for (Replica through : replicas) {
                attempts.add(() -> attempt.send(target, through));
            }
        }
        long losers = (long) (replicas.size() - 1) * targets.size();
        assertThat(statuses(runAll(attempts)))
                .containsOnly(Map.entry(200, (long) targets.size()), Map.entry(409, losers));
    }

    /** The transaction took one step to {@code state}, journaled by one entry of {@code journalKind}. */
    private void assertMovedOnce(String transaction, String state, String journalKind) throws SQLException {
        assertThat(count(
                        "SELECT count(*) FROM ledger_transition WHERE transaction_id = ? AND to_state = ?",
                        transaction,
                        state))
                .as(transaction)
                .isEqualTo(1);
        assertThat(count(
                        "SELECT count(*) FROM journal_entry WHERE transaction_id = ? AND kind = ?",
                        transaction,
                        journalKind))
                .as(transaction)
                .isEqualTo(1);
    }

    private static Map<Integer, Long> statuses(List<HttpResponse<String>> answers) {
        return answers.stream().collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
    }

    /** One request about a target, through one replica. */
    @FunctionalInterface
    private interface Attempt {
        HttpResponse<String> send(String target, Replica through) throws IOException, InterruptedException;
    }

    private String clientOf(String agent, Replica through) throws IOException, InterruptedException {
        HttpResponse<String> created =
                through.post("/api/v1/admin/clients", admin, "{\"agentId\":\"" + agent + "\"}", "client-" + agent);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).getString("accessToken");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private Replica replica(int index) {
        return replicas.get(Math.floorMod(index, replicas.size()));
    }

    private <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
        List<Future<T>> pending = new ArrayList<>();
        for (Callable<T> task : tasks) {
            pending.add(pool.submit(task));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> future : pending) {
            results.add(future.get());
        }
        return results;
    }

    private long count(String sql, String... parameters) throws SQLException {
        try (Connection connection = connect();
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(
                datasource.get("quarkus.datasource.jdbc.url"),
                datasource.get("quarkus.datasource.username"),
                datasource.get("quarkus.datasource.password"));
    }

    private static JsonPath ok(HttpResponse<String> response) {
        assertThat(response.statusCode())
                .as("%s answered %s", response.uri(), response.body())
                .isEqualTo(200);
        return json(response);
    }

    private static JsonPath json(HttpResponse<String> response) {
        return JsonPath.from(response.body());
    }

    private static String registration(String id, String capability) {
        String wallet = "0x" + HexFormat.of().formatHex(id.repeat(3).getBytes(), 0, 20);
        return """
                {"id":"%s","displayName":"Provider %s","owner":"e2e","capabilities":["%s"],
                 "price":{"amount":"1.00","currency":"USDC"},"payoutWallet":"%s","availability":"ONLINE",
                 "capacityPerHour":%d}""".formatted(id, id, capability, wallet, CAPACITY);
    }

    private static String hireBody(String provider) {
        return """
                {"provider":"%s","capability":"%s","amount":{"amount":"1.00","currency":"USDC"},"context":"e2e"}""".formatted(provider, CAPABILITY);
    }

    private Replica startReplica(int number) throws IOException {
        int port = freePort();
        Path log = work.resolve("replica-" + number + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dquarkus.profile=local",
                "-Dquarkus.datasource.db-kind=postgresql",
                "-Dquarkus.datasource.jdbc.url=" + datasource.get("quarkus.datasource.jdbc.url"),
                "-Dquarkus.datasource.username=" + datasource.get("quarkus.datasource.username"),
                "-Dquarkus.datasource.password=" + datasource.get("quarkus.datasource.password"),
                "-Dmarketplace.data-dir=" + work.resolve("data").toAbsolutePath(),
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dmarketplace.api.rate-limit.requests=" + RATE_LIMIT,
                "-Dmarketplace.api.rate-limit.window=PT1H",
                "-Dmarketplace.dashboard.sign-in-link-at-start=false",
                "-jar",
                JAR.toAbsolutePath().toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new Replica(number, process, URI.create("http://127.0.0.1:" + port), log);
    }

    /** One instance of the packaged application, a JVM of its own on a free loopback port. */
    private final class Replica {
        private final int number;
        private final Process process;
        private final URI base;
        private final Path log;

        private Replica(int number, Process process, URI base, Path log) {
            this.number = number;
            this.process = process;
            this.base = base;
            this.log = log;
        }

        int number() {
            return number;
        }

        void awaitReady() throws IOException, InterruptedException {
            Instant deadline = Instant.now().plus(READY_WITHIN);
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "replica " + number + " stopped at start:\n" + Files.readString(log));
                }
                try {
                    if (get("/q/health/ready", null).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notListeningYet) {
                    // The port opens late in the start.
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException(
                    "replica " + number + " was not ready within " + READY_WITHIN + ":\n" + Files.readString(log));
        }

        HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String token, String body, String idempotencyKey)
                throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token);
            if (!body.isEmpty()) {
                request.header("Content-Type", "application/json");
            }
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            return http.send(
                    request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        void stop() {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
