package dev.agentmarketplace.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionFilter;
import dev.agentmarketplace.core.ledger.TransactionQueries;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.x402.client.PaymentHeader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One x402 authorization presented by many requests at once, as a replay attack or an impatient
 * client would: it pays for one hire only, however the requests interleave across the platform's
 * threads (its replicas share nothing else than the database). {@link
 * PaidHireConcurrencyOnPostgresIT} runs the same on PostgreSQL.
 */
@QuarkusTest
class PaidHireConcurrencyIT {
    private static final int REQUESTS = 12;
    private static final int THREADS = 8;
    /** Races are won differently each time: a few rounds make an interleaving that answers 409 likely. */
    private static final int ROUNDS = 4;

    @Inject
    RegistryFixture registry;

    @Inject
    ApiTokens tokens;

    @Inject
    TransactionQueries queries;

    @BeforeEach
    void registerAgents() {
        registry.clear();
        registry.register(PaidHireApiIT.PAYER, "Orchestrator", Availability.ONLINE, "planning");
        registry.register(
                PaidHireApiIT.PROVIDER,
                "Python Expert",
                Availability.ONLINE,
                RegistryFixture.PRICE,
                REQUESTS * 2,
                Map.of(),
                "python");
    }

    @AfterEach
    void leaveNothingBehind() {
        registry.clear();
    }

    @Test
    void oneAuthorizationUnderManyRetryKeysAtOncePaysForOneHireOnly() throws Exception {
        PaymentHeader payment = payment();

        List<Response> responses = concurrently(i -> "replayed-hire-key-" + String.format("%04d", i), payment);

        Map<Integer, Long> byStatus = statuses(responses);
        assertThat(byStatus).containsOnly(Map.entry(202, 1L), Map.entry(402, (long) REQUESTS - 1));
        assertThat(responses.stream()
                        .filter(response -> response.statusCode() == 402)
                        .map(response -> response.<String>path("reason")))
                .containsOnly("invalid_transaction_state");
        assertThat(hires())
                .singleElement()
                .satisfies(tx -> assertThat(tx.id().value())
                        .isEqualTo(responses.stream()
                                .filter(response -> response.statusCode() == 202)
                                .findFirst()
                                .orElseThrow()
                                .<String>path("transaction.id")));
    }

    @Test
    void oneAuthorizationRetriedUnderOneKeyAtOnceRecordsOneHireAndNeverASecondPayment() throws Exception {
        PaymentHeader payment = payment();

        List<Response> responses = concurrently(i -> "impatient-hire-key-0001", payment);

        List<Transaction> stored = hires();
        assertThat(stored).hasSize(1);
        String id = stored.getFirst().id().value();
        // The one that recorded it answers 202, every other 200 with its hire: never 409.
        assertThat(statuses(responses)).containsOnlyKeys(200, 202).containsEntry(202, 1L);
        assertThat(responses.stream().map(response -> response.<String>path("transaction.id")))
                .containsOnly(id);
    }

    @Test
    void oneAuthorizationPresentedAtOnceWithoutAKeyAnswersTheFirstHireToEveryRequest() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            registry.clear();
            registerAgents();
            PaymentHeader payment = payment();

            List<Response> responses = concurrently(i -> null, payment);

            // The winner's 202 (no facilitator: its settlement is pending), then 200 with that hire.
            List<Transaction> stored = hires();
            assertThat(stored).hasSize(1);
            String id = stored.getFirst().id().value();
            assertThat(statuses(responses))
                    .as(
                            "round %d: %s",
                            round, responses.stream().map(Response::asString).toList())
                    .containsOnlyKeys(200, 202)
                    .containsEntry(202, 1L);
            assertThat(responses.stream().map(response -> response.<String>path("transaction.id")))
                    .containsOnly(id);
        }
    }

    private PaymentHeader payment() {
        Response answer = tokens.asAgent(PaidHireApiIT.PAYER)
                .contentType("application/json")
                .body(Map.of("capability", "python"))
                .post(PaidHireApiIT.PATH);
        return TestPayer.payV2(answer);
    }

    /** Each request with the key {@code keyOf} gives it, or none for null. */
    private List<Response> concurrently(IntFunction<String> keyOf, PaymentHeader payment) throws Exception {
        String token = tokens.agent(PaidHireApiIT.PAYER);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Response>> hires = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String key = keyOf.apply(i);
            hires.add(() -> {
                start.await();
                var request =
                        io.restassured.RestAssured.given().auth().oauth2(token).header(payment.name(), payment.value());
                if (key != null) {
                    request = request.header("Idempotency-Key", key);
                }
                return request.contentType("application/json")
                        .body(Map.of("capability", "python"))
                        .post(PaidHireApiIT.PATH);
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Response>> pending = new ArrayList<>();
            for (Callable<Response> hire : hires) {
                pending.add(pool.submit(hire));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> future : pending) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<Integer, Long> statuses(List<Response> responses) {
        return responses.stream().collect(Collectors.groupingBy(Response::statusCode, Collectors.counting()));
    }

    private List<Transaction> hires() {
        return queries.history(TransactionFilter.ALL, Optional.empty(), 200).transactions();
    }
}
