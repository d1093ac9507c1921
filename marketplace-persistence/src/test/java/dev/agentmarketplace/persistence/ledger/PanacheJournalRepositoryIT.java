package dev.agentmarketplace.persistence.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.UnitOfWork;
import dev.agentmarketplace.core.ledger.Account;
import dev.agentmarketplace.core.ledger.EntryKind;
import dev.agentmarketplace.core.ledger.JournalHead;
import dev.agentmarketplace.core.ledger.JournalRepository;
import dev.agentmarketplace.core.ledger.Posting;
import dev.agentmarketplace.core.ledger.TransactionRepository;
import dev.agentmarketplace.core.ledger.UnchainedEntry;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRepository;
import dev.agentmarketplace.core.testing.JournalRepositoryContract;
import dev.agentmarketplace.core.testing.LedgerContractData;
import dev.agentmarketplace.persistence.TransactionalUnitOfWork;
import dev.agentmarketplace.persistence.registry.PanacheAgentRepository;
import dev.agentmarketplace.persistence.testing.LedgerTables;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The core's {@link JournalRepositoryContract} on H2. {@link PanacheJournalRepositoryOnPostgresIT}
 * reruns it on PostgreSQL and adds the append-only trigger.
 */
@QuarkusTest
class PanacheJournalRepositoryIT extends JournalRepositoryContract {
    @Inject
    PanacheJournalRepository journal;

    @Inject
    PanacheTransactionRepository transactions;

    @Inject
    PanacheAgentRepository agents;

    @Inject
    TransactionalUnitOfWork unitOfWork;

    @Inject
    DataSource dataSource;

    /** Each test gets an empty database on first use; the contract's own setup is the first user. */
    private boolean emptied;

    void fresh() {
        if (!emptied) {
            LedgerTables.empty(dataSource);
            emptied = true;
        }
    }

    @AfterEach
    void leaveNothingBehind() {
        LedgerTables.empty(dataSource);
    }

    @Override
    protected UnitOfWork unitOfWork() {
        fresh();
        return unitOfWork;
    }

    @Override
    protected AgentRepository agents() {
        fresh();
        return agents;
    }

    @Override
    protected TransactionRepository transactions() {
        fresh();
        return transactions;
    }

    @Override
    protected JournalRepository journal() {
        fresh();
        return journal;
    }

    @Inject
    JournalChainer chainer;

    @Test
    void anEntryLeftQueuedByAReplicaThatStoppedIsChainedByTheSweep() throws SQLException {
        unitOfWork().run(() -> {});
        var queued = new UnchainedEntry(
                UUID.randomUUID(),
                LedgerContractData.txId(1),
                EntryKind.HOLD,
                LedgerContractData.T0,
                List.of(
                        new Posting(Account.of(AgentId.of("alice")), Money.of("-2.00", "USDC")),
                        new Posting(Account.ESCROW, Money.of("2.00", "USDC"))));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO journal_queue (id, transaction_id, kind, occurred_at, postings) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, queued.id().toString());
            insert.setString(2, queued.transactionId().value());
            insert.setString(3, "HOLD");
            insert.setObject(4, OffsetDateTime.ofInstant(queued.at(), ZoneOffset.UTC));
            insert.setString(5, "agent:alice|USDC|-2.00\nescrow|USDC|2.00\n");
            insert.executeUpdate();
        }

        assertThat(chainer.sweep()).isEqualTo(1);

        assertThat(journal.entriesAfter(0, 10)).containsExactly(queued.chainedAfter(JournalHead.GENESIS));
        assertThat(chainer.sweep()).isZero();
    }
}
