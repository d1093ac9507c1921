package dev.agentmarketplace.app;

import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.payment.PaymentRepository;
import dev.agentmarketplace.core.payment.PaymentRepository.AttemptResult;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.x402.client.PaymentHeader;
import io.restassured.response.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Paid hires in the states the payments page shows: hired and paid over the API (no facilitator, so
 * PENDING), given up with an unknown outcome, or aged past the stale threshold.
 */
@ApplicationScoped
public class PaymentsFixture {
    static final String PAYER = "orchestrator";
    static final String PROVIDER = "python-expert";
    private static final String HIRES = "/api/v1/agents/" + PROVIDER + "/hires";
    private static final Map<String, String> BODY = Map.of("capability", "python", "context", "dashboard test");

    @Inject
    RegistryFixture registry;

    @Inject
    ApiTokens tokens;

    @Inject
    PaymentRepository payments;

    @Inject
    UnitOfWork unitOfWork;

    @Inject
    DataSource dataSource;

    private int hires;

    /** Empties the market and registers a payer and a provider who takes {@code capacity} hires an hour. */
    public void reset(int capacity) {
        registry.clear();
        registry.register(PAYER, "Orchestrator", Availability.ONLINE, "planning");
        registry.register(
                PROVIDER, "Python Expert", Availability.ONLINE, RegistryFixture.PRICE, capacity, Map.of(), "python");
    }

    /** Empties the market. */
    public void clear() {
        registry.clear();
    }

    /** Registers another agent that hires, as {@link #paidHire(String)} needs. */
    public void registerPayer(String id) {
        registry.register(id, "Payer " + id, Availability.ONLINE, "planning");
    }

    public void deregister(String id) {
        registry.deregister(id);
    }

    /** A hire paid through x402 while no facilitator is configured: its payment PENDING. */
    public TransactionId paidHire() {
        return paidHire(PAYER);
    }

    /** As {@link #paidHire()}, hired and paid by {@code payer}. */
    public TransactionId paidHire(String payer) {
        Response challenge =
                tokens.asAgent(payer).contentType("application/json").body(BODY).post(HIRES);
        challenge.then().statusCode(402);
        PaymentHeader payment = TestPayer.payV2(challenge);
        String id = tokens.asAgent(payer)
                .contentType("application/json")
                .body(BODY)
                .header(payment.name(), payment.value())
                .header("Idempotency-Key", "dashboard-hire-" + System.nanoTime() + "-" + ++hires)
                .post(HIRES)
                .then()
                .statusCode(202)
                .extract()
                .path("transaction.id");
        return TransactionId.of(id);
    }

    /** A paid hire whose settlement was sent, never answered, and given up: its outcome unknown. */
    public TransactionId outcomeUnknown() {
        return outcomeUnknown("no answer after 10 attempts: 504 Gateway Timeout");
    }

    /** As {@link #outcomeUnknown()}, the last attempt's error being {@code problem}. */
    public TransactionId outcomeUnknown(String problem) {
        TransactionId id = paidHire();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant lease = now.plusSeconds(120);
        unitOfWork.run(() -> payments.claim(id, now, lease).orElseThrow());
        unitOfWork.run(() -> payments.record(id, lease, new AttemptResult.Unknown(problem), now)
                .orElseThrow());
        return id;
    }

    /** Moves the payment's creation back by {@code age}, as if it had waited that long. */
    public void age(TransactionId id, Duration age) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE x402_payment SET created_at = ? WHERE transaction_id = ?")) {
            update.setObject(
                    1, java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minus(age));
            update.setString(2, id.value());
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("no payment of " + id);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public PaymentRepository payments() {
        return payments;
    }
}
