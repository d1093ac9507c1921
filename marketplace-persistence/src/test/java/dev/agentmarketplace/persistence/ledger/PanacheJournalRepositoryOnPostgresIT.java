package dev.agentmarketplace.persistence.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ledger.Account;
import dev.agentmarketplace.core.ledger.EntryKind;
import dev.agentmarketplace.core.ledger.JournalEntry;
import dev.agentmarketplace.core.ledger.Posting;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.testing.LedgerContractData;
import dev.agentmarketplace.persistence.testing.EnabledIfPostgresAvailable;
import dev.agentmarketplace.persistence.testing.PostgresProfile;
import dev.agentmarketplace.persistence.testing.RawSql;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The journal contract on PostgreSQL, plus its triggers: no UPDATE, DELETE or TRUNCATE reaches a stored entry or posting. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@EnabledIfPostgresAvailable
class PanacheJournalRepositoryOnPostgresIT extends PanacheJournalRepositoryIT {

    @Test
    void triggersRefuseToUpdateDeleteOrTruncateStoredEntriesAndPostings() throws SQLException {
        JournalEntry entry = unitOfWork().execute(() -> {
            JournalEntry chained = JournalEntry.chained(
                    journal().lockHead(),
                    UUID.randomUUID(),
                    LedgerContractData.txId(1),
                    EntryKind.HOLD,
                    LedgerContractData.T0,
                    List.of(
                            new Posting(Account.of(AgentId.of("alice")), Money.of("-2.00", "USDC")),
                            new Posting(Account.ESCROW, Money.of("2.00", "USDC"))));
            journal().append(chained);
            return chained;
        });

        for (String change : List.of(
                "UPDATE journal_entry SET kind = 'VOID'",
                "DELETE FROM journal_entry",
                "UPDATE journal_posting SET amount = amount * 2",
                "DELETE FROM journal_posting",
                "TRUNCATE journal_posting",
                "TRUNCATE journal_entry CASCADE")) {
            assertThatThrownBy(() -> RawSql.execute(dataSource, change))
                    .as(change)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("the journal is append-only");
        }
        assertThat(journal().entriesAfter(0, 10)).containsExactly(entry);
    }
}
