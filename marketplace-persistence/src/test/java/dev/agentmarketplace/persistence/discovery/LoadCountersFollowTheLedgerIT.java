package dev.agentmarketplace.persistence.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.RuleViolationException;
import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.HireRequest;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.ledger.LedgerSettings;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.testing.LedgerContractData;
import dev.agentmarketplace.core.testing.MutableClock;
import dev.agentmarketplace.persistence.TransactionalUnitOfWork;
import dev.agentmarketplace.persistence.ledger.PanacheHireStatistics;
import dev.agentmarketplace.persistence.ledger.PanacheJournalRepository;
import dev.agentmarketplace.persistence.ledger.PanacheTransactionRepository;
import dev.agentmarketplace.persistence.registry.PanacheAgentRepository;
import dev.agentmarketplace.persistence.testing.LedgerTables;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The load counters that load-aware search reads are kept by the ledger's own writes: a hire
 * counts in the same transaction, a cancelled hire stops counting, and a refused hire leaves no
 * trace. {@link LoadCountersFollowTheLedgerOnPostgresIT} runs it on PostgreSQL.
 */
@QuarkusTest
class LoadCountersFollowTheLedgerIT {
    private static final AgentId PAYER = AgentId.of("payer");
    private static final AgentId PROVIDER = AgentId.of("provider");

    @Inject
    PanacheAgentRepository agents;

    @Inject
    PanacheTransactionRepository transactions;

    @Inject
    PanacheJournalRepository journal;

    @Inject
    PanacheHireStatistics statistics;

    @Inject
    TransactionalUnitOfWork unitOfWork;

    @Inject
    DataSource dataSource;

    private final MutableClock clock = new MutableClock(LedgerContractData.T0);
    private Ledger ledger;
    private int keys;

    @BeforeEach
    void registerAgents() {
        LedgerTables.empty(dataSource);
        agents.add(LedgerContractData.agent(PAYER.value()));
        agents.add(LedgerContractData.agent(PROVIDER.value()));
        ledger = new Ledger(
                transactions,
                journal,
                agents,
                statistics,
                unitOfWork,
                UUID::randomUUID,
                clock,
                LedgerSettings.DEFAULTS);
    }

    @AfterEach
    void leaveNothingBehind() {
        LedgerTables.empty(dataSource);
    }

    @Test
    void hiresCountAndCancelledHiresStopCounting() {
        TransactionId first = hire("1.00");
        hire("1.00");
        hire("1.00");

        assertThat(countedHiresOf(PROVIDER)).isEqualTo(3);

        ledger.cancel(first, Actor.agent(PAYER));

        assertThat(countedHiresOf(PROVIDER)).isEqualTo(2);
        assertThat(countedHiresOf(PAYER)).isZero();
    }

    @Test
    void refusedHireLeavesNoCount() {
        hire("1.00");

        assertThatThrownBy(() -> hire("0.50"))
                .isInstanceOfSatisfying(
                        RuleViolationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BELOW_LISTED_PRICE));

        assertThat(countedHiresOf(PROVIDER)).isEqualTo(1);
    }

    private TransactionId hire(String amount) {
        return ledger.hire(new HireRequest(
                        PAYER,
                        PROVIDER,
                        Capability.of("python"),
                        Money.of(amount, "USDC"),
                        "task",
                        IdempotencyKey.of("load-key-%08d".formatted(++keys))))
                .transaction()
                .id();
    }

    private long countedHiresOf(AgentId provider) {
        return unitOfWork.execute(() -> ((Number) Panache.getEntityManager()
                        .createNativeQuery("SELECT COALESCE(SUM(hires), 0) FROM provider_load WHERE provider_id = ?1")
                        .setParameter(1, provider.value())
                        .getSingleResult())
                .longValue());
    }
}
