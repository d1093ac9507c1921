package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.ledger.PartyRole;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionFilter;
import dev.agentmarketplace.core.ledger.TransactionQueries;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Availability;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many payers hire one provider at once through HTTP: its capacity per hour is never exceeded,
 * however the requests interleave. {@link HireConcurrencyApiOnPostgresIT} runs the same on
 * PostgreSQL.
 */
@QuarkusTest
class HireConcurrencyApiIT {
    private static final String PROVIDER = "busy-expert";
    private static final int CAPACITY = 10;
    private static final int PAYERS = 40;
    private static final int THREADS = 8;

    @Inject
    RegistryFixture registry;

    @Inject
    ApiTokens tokens;

    @Inject
    TransactionQueries queries;

    @BeforeEach
    void registerProviderAndPayers() {
        registry.clear();
        registry.register(
                PROVIDER, "Busy Expert", Availability.ONLINE, RegistryFixture.PRICE, CAPACITY, Map.of(), "python");
        for (int i = 0; i < PAYERS; i++) {
            registry.register(payer(i), "Payer " + i, Availability.ONLINE, "planning");
        }
    }

    @AfterEach
    void leaveNothingBehind() {
        registry.clear();
    }

    @Test
    void concurrentHiresNeverExceedTheProvidersCapacity() throws Exception {
        List<String> agentTokens = new ArrayList<>();
        for (int i = 0; i < PAYERS; i++) {
            agentTokens.add(tokens.agent(payer(i)));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Response>> hires = new ArrayList<>();
        for (int i = 0; i < PAYERS; i++) {
            String token = agentTokens.get(i);
            String key = "concurrent-hire-" + payer(i);
            hires.add(() -> {
                start.await();
                return given().auth()
                        .oauth2(token)
                        .header("Idempotency-Key", key)
                        .contentType("application/json")
                        .body(Map.of(
                                "provider",
                                PROVIDER,
                                "capability",
                                "python",
                                "amount",
                                Map.of("amount", "1.50", "currency", "USDC")))
                        .post("/api/v1/transactions");
            });
        }

        List<Response> responses = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Response>> pending = new ArrayList<>();
            for (Callable<Response> hire : hires) {
                pending.add(pool.submit(hire));
            }
            start.countDown();
            for (Future<Response> future : pending) {
                responses.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }

        Map<Integer, Long> byStatus =
                responses.stream().collect(Collectors.groupingBy(Response::statusCode, Collectors.counting()));
        assertThat(byStatus).containsOnly(Map.entry(201, (long) CAPACITY), Map.entry(409, (long) PAYERS - CAPACITY));
        assertThat(responses.stream()
                        .filter(response -> response.statusCode() == 409)
                        .map(response -> response.<String>path("code")))
                .containsOnly("CAPACITY_EXCEEDED");
        List<Transaction> stored = new ArrayList<>();
        queries.export(TransactionFilter.ALL.withAgent(AgentId.of(PROVIDER), PartyRole.PROVIDER), stored::add);
        assertThat(stored).hasSize(CAPACITY);
        assertThat(stored.stream().map(tx -> tx.id().value()))
                .containsExactlyInAnyOrderElementsOf(responses.stream()
                        .filter(response -> response.statusCode() == 201)
                        .map(response -> response.<String>path("id"))
                        .toList());
        assertThat(stored.stream().collect(Collectors.groupingBy(Transaction::payer, Collectors.counting())))
                .allSatisfy((payer, count) -> assertThat(count).isEqualTo(1L));
    }

    private static String payer(int i) {
        return "payer-" + i;
    }
}
