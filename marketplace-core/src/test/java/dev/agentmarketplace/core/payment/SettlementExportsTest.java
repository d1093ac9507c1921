package dev.agentmarketplace.core.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.access.AccessDeniedException;
import dev.agentmarketplace.core.access.Caller;
import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.HireRequest;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Agents;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.testing.LedgerFixture;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SettlementExportsTest {
    private static final Caller OPERATOR = Caller.staff("ops-1", Role.OPERATOR);

    private final LedgerFixture world = new LedgerFixture();
    private final List<String> descriptions = new ArrayList<>();
    private final List<TransactionId> written = new ArrayList<>();
    private SettlementExports exports;

    @BeforeEach
    void market() {
        world.register(Agents.registration("orchestrator", "planning"));
        world.register(Agents.registration("py-expert", Money.of("1.50", "USDC"), 10, "python"));
        SettlementReceipts receipts = new SettlementReceipts(
                world.transactions,
                world.queries,
                world.journal,
                world.payments,
                world.unitOfWork,
                new SettlementReceiptsTest.RecordingSigner());
        ReceiptExportWriter writer = (out, description, source) -> {
            descriptions.add(description);
            source.accept(receipt -> written.add(receipt.receipt().transactionId()));
        };
        ReceiptExportVerifier verifier =
                (export, listed) -> new ExportVerification("0xsigner", 0, 0, List.of(export.toString()), List.of());
        exports = new SettlementExports(receipts, writer, verifier);
    }

    private TransactionId settledHire(String key) {
        world.catalog.heartbeat(AgentId.of("py-expert"), Optional.empty());
        TransactionId id = world.ledger
                .hire(new HireRequest(
                        AgentId.of("orchestrator"),
                        AgentId.of("py-expert"),
                        Capability.of("python"),
                        Money.of("1.50", "USDC"),
                        "",
                        IdempotencyKey.of(key)))
                .transaction()
                .id();
        world.ledger.settle(id, Actor.agent(AgentId.of("orchestrator")), Optional.empty());
        return id;
    }

    @Test
    void exportWritesTheSettledHiresCreatedInTheRangeAndSaysWhichInItsManifest() throws Exception {
        Instant from = world.clock.instant();
        TransactionId inside = settledHire("export-hire-0000001");
        world.clock.advance(Duration.ofDays(2));
        settledHire("export-hire-0000002");

        exports.export(OPERATOR, from, from.plus(Duration.ofDays(1))).writeTo(new ByteArrayOutputStream());

        assertThat(written).containsExactly(inside);
        assertThat(descriptions)
                .containsExactly("settled transactions, created from " + from + ", created before "
                        + from.plus(Duration.ofDays(1)));
    }

    @Test
    void rangeMustEndAfterItStartsAndOnlyOperatorsExportOrVerify() {
        Instant now = world.clock.instant();

        assertThatThrownBy(() -> exports.export(OPERATOR, now, now))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("to"));
        assertThatThrownBy(() -> exports.export(Caller.agent(AgentId.of("orchestrator")), now, now.plusSeconds(1)))
                .isInstanceOfSatisfying(
                        AccessDeniedException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ROLE_REQUIRED));
        assertThatThrownBy(() -> exports.verify(Caller.staff("nobody"), Path.of("export.zip")))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(exports.verify(OPERATOR, Path.of("export.zip")).exportProblems())
                .containsExactly("export.zip");
        assertThat(descriptions).isEmpty();
    }
}
