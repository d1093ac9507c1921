package dev.agentmarketplace.core.testing;

import static dev.agentmarketplace.core.testing.LedgerContractData.T0;
import static dev.agentmarketplace.core.testing.LedgerContractData.agent;
import static dev.agentmarketplace.core.testing.LedgerContractData.moved;
import static dev.agentmarketplace.core.testing.LedgerContractData.pending;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.HireStatistics;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionRepository;
import dev.agentmarketplace.core.ledger.TransactionState;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRepository;
import dev.agentmarketplace.core.registry.Capability;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link HireStatistics} adapter must answer about the transactions stored through the
 * {@link TransactionRepository} it reads. Subclasses return fresh, empty adapters sharing one unit of work.
 */
public abstract class HireStatisticsContract {
    protected abstract UnitOfWork unitOfWork();

    protected abstract AgentRepository agents();

    protected abstract TransactionRepository transactions();

    protected abstract HireStatistics statistics();

    private static final AgentId BOB = AgentId.of("bob");

    @BeforeEach
    void storeHires() {
        unitOfWork().run(() -> {
            List.of("alice", "bob", "carol").forEach(id -> agents().add(agent(id)));
            transactions().add(pending(1, "alice", "bob", "python", "1.00", T0.minusSeconds(7200)));
            transactions().add(pending(2, "alice", "bob", "python", "2.00", T0.minusSeconds(1800)));
            transactions().add(pending(3, "carol", "bob", "rust", "4.00", T0.minusSeconds(600)));
            transactions().add(pending(4, "alice", "carol", "python", "8.00", T0.minusSeconds(300)));
            Transaction cancelled = pending(5, "carol", "bob", "python", "16.00", T0.minusSeconds(60));
            transactions().add(cancelled);
            transactions()
                    .update(moved(
                            cancelled,
                            TransactionState.CANCELLED,
                            Actor.agent(AgentId.of("carol")),
                            T0,
                            Optional.empty(),
                            Optional.empty()));
        });
    }

    @Test
    void hiresOfCountsFromSinceInclusiveWithoutCancelledOnes() {
        assertThat(statistics().hiresOf(BOB, T0.minusSeconds(3600))).isEqualTo(2);
        assertThat(statistics().hiresOf(BOB, T0.minusSeconds(1800))).isEqualTo(2);
        assertThat(statistics().hiresOf(BOB, T0.minusSeconds(1799))).isEqualTo(1);
        assertThat(statistics().hiresOf(BOB, T0.minusSeconds(86_400))).isEqualTo(3);
        assertThat(statistics().hiresOf(AgentId.of("alice"), T0.minusSeconds(86_400)))
                .isZero();
    }

    @Test
    void theCapacityWindowCountsTheHourBeforeNowToTheSecond() {
        Instant minute = T0.plusSeconds(600);
        AgentId carol = AgentId.of("carol");
        unitOfWork().run(() -> {
            transactions().add(pending(6, "alice", "carol", "python", "1.00", minute.plusSeconds(10)));
            transactions().add(pending(7, "bob", "carol", "python", "1.00", minute.plusSeconds(50)));
            Transaction cancelled = pending(8, "alice", "carol", "python", "1.00", minute.plusSeconds(55));
            transactions().add(cancelled);
            transactions()
                    .update(moved(
                            cancelled,
                            TransactionState.CANCELLED,
                            Actor.agent(AgentId.of("alice")),
                            minute.plusSeconds(56),
                            Optional.empty(),
                            Optional.empty()));
            transactions().add(pending(9, "bob", "carol", "python", "1.00", minute.plusSeconds(70)));
            transactions().add(pending(10, "alice", "carol", "python", "1.00", minute.plusSeconds(1900)));
        });
        Instant hourAfter = minute.plus(HireStatistics.CAPACITY_WINDOW);

        // The window starts on the minute, mid-minute, and just after the minute's last counted hire.
        assertThat(statistics().hiresInCapacityWindow(carol, hourAfter)).isEqualTo(4);
        assertThat(statistics().hiresInCapacityWindow(carol, hourAfter.plusSeconds(30)))
                .isEqualTo(3);
        assertThat(statistics().hiresInCapacityWindow(carol, hourAfter.plusSeconds(51)))
                .isEqualTo(2);
        assertThat(statistics().hiresInCapacityWindow(carol, hourAfter.plusSeconds(71)))
                .isEqualTo(1);
        assertThat(statistics().hiresInCapacityWindow(carol, hourAfter.plusSeconds(1901)))
                .isZero();
        // An hour reaching back to carol's earlier hire (T0 - 300) counts it, and every later one.
        assertThat(statistics().hiresInCapacityWindow(carol, minute.plusSeconds(10)))
                .isEqualTo(5);
        for (int second = 0; second <= 2000; second += 7) {
            Instant now = hourAfter.plusSeconds(second);
            assertThat(statistics().hiresInCapacityWindow(carol, now))
                    .as("at %s", now)
                    .isEqualTo(statistics().hiresOf(carol, now.minus(HireStatistics.CAPACITY_WINDOW)));
        }
    }

    @Test
    void lastHireCountsCancelledHiresToo() {
        assertThat(statistics().lastHireOf(BOB)).contains(T0.minusSeconds(60));
        assertThat(statistics().lastHireOf(AgentId.of("alice"))).isEmpty();
    }

    @Test
    void activityCountsHiresAndVolumeOfACapabilityInTheRange() {
        HireStatistics.CapabilityActivity python =
                statistics().activity(Capability.of("python"), T0.minusSeconds(1800), T0);

        assertThat(python.hires()).isEqualTo(2);
        assertThat(python.volume()).isEqualTo(Map.of(Currency.USDC, Money.of("10.00", "USDC")));
        assertThat(statistics()
                        .activity(Capability.of("python"), T0.minusSeconds(7200), T0.minusSeconds(1800))
                        .hires())
                .isEqualTo(1);
        assertThat(statistics()
                        .activity(Capability.of("go"), T0.minusSeconds(7200), T0)
                        .volume())
                .isEmpty();
    }
}
