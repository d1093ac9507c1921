package dev.agentmarketplace.persistence.ledger;

import dev.agentmarketplace.persistence.testing.EnabledIfPostgresAvailable;
import dev.agentmarketplace.persistence.testing.PostgresProfile;
import dev.agentmarketplace.persistence.testing.QueryPlans;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Every query shape the ledger and dispute adapters run, and every purge of the API's edges, has an
 * index that serves it: with sequential scans priced out ({@code enable_seqscan = off}), PostgreSQL's
 * plan for each names the index meant for it. The statements mirror the adapters' queries (same columns, same predicates and order).
 */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@EnabledIfPostgresAvailable
class LedgerIndexesOnPostgresIT {
    private static final String T = "TIMESTAMP WITH TIME ZONE '2026-11-26 08:00:00+00'";
    private static final String ID = "'00000000-0000-4000-8000-000000000001'";
    private static final String AFTER = "(created_at > " + T + " OR (created_at = " + T + " AND id > " + ID + "))";

    @Inject
    DataSource dataSource;

    @Test
    void everyLedgerAndDisputeQueryHasItsIndex() throws SQLException {
        QueryPlans.assertEachUsesItsIndex(
                dataSource,
                Map.ofEntries(
                        Map.entry(
                                "SELECT COUNT(*) FROM ledger_transaction WHERE provider_id = 'bob' AND created_at >= "
                                        + T + " AND state <> 'CANCELLED'",
                                "ledger_transaction_by_provider"),
                        Map.entry(
                                "SELECT * FROM ledger_transaction WHERE payer_id = 'alice' AND " + AFTER
                                        + " ORDER BY created_at, id LIMIT 50",
                                "ledger_transaction_by_payer"),
                        Map.entry(
                                "SELECT * FROM ledger_transaction WHERE capability = 'python' AND " + AFTER
                                        + " ORDER BY created_at, id LIMIT 50",
                                "ledger_transaction_by_capability"),
                        Map.entry(
                                // The hold sweep's keyset page.
                                "SELECT * FROM ledger_transaction WHERE state = 'PENDING' AND created_at < " + T
                                        + " AND " + AFTER + " ORDER BY created_at, id LIMIT 100",
                                "ledger_transaction_by_state"),
                        Map.entry(
                                "SELECT * FROM ledger_transaction WHERE " + AFTER + " ORDER BY created_at, id LIMIT 50",
                                "ledger_transaction_by_time"),
                        Map.entry(
                                "SELECT currency, SUM(amount) FROM journal_posting WHERE account = 'escrow' GROUP BY currency",
                                "journal_posting_by_account"),
                        Map.entry(
                                "SELECT * FROM journal_entry WHERE entry_sequence > 500 ORDER BY entry_sequence LIMIT 100",
                                "journal_entry_pk"),
                        Map.entry(
                                "SELECT * FROM journal_entry WHERE transaction_id = " + ID + " ORDER BY entry_sequence",
                                "journal_entry_by_transaction"),
                        Map.entry(
                                "SELECT * FROM dispute WHERE status = 'OPEN' AND deadline < " + T + " AND id > " + ID
                                        + " ORDER BY id LIMIT 100",
                                "dispute_open_by_id"),
                        Map.entry(
                                "SELECT * FROM dispute WHERE payer_id = 'alice' AND status = 'OPEN' AND id > " + ID
                                        + " ORDER BY id LIMIT 50",
                                "dispute_by_payer"),
                        Map.entry(
                                "SELECT * FROM dispute WHERE provider_id = 'alice' AND payer_id <> 'alice' AND id > "
                                        + ID + " ORDER BY id LIMIT 50",
                                "dispute_by_provider")));
    }

    /**
     * The operators' pages (V13): every combination of the transaction filters, newest first from a
     * cursor, walks an index that holds its equalities and then (created_at, id), so the page stops
     * at its end; the cursor's bound on created_at is an index condition, not a filter.
     */
    @Test
    void everyCombinationOfTheTransactionFiltersAndTheDisputeQueueHasItsIndex() throws SQLException {
        String before = "created_at <= " + T + " AND (created_at < " + T + " OR id < " + ID + ")";
        String newest = " ORDER BY created_at DESC, id DESC LIMIT 51";
        String window = "created_at >= " + T + " - INTERVAL '1 day' AND created_at < " + T;
        QueryPlans.assertEachUsesItsIndex(
                dataSource,
                Map.ofEntries(
                        Map.entry(
                                "SELECT * FROM ledger_transaction WHERE " + before + newest,
                                "ledger_transaction_by_time"),
                        Map.entry(
                                "SELECT * FROM ledger_transaction WHERE state = 'DISPUTED' AND " + before + newest,
                                "ledger_transaction_by_state"),
                        Map.entry(
                                "SELECT * FROM ledger_transaction WHERE capability = 'python' AND state = 'PENDING'"
                                        + " AND " + before + newest,
                                "ledger_transaction_by_capability_state"),
                        Map.entry(
                                "SELECT * FROM ledger_transaction WHERE capability = 'python' AND state = 'PENDING'"
                                        + " AND " + window + newest,
                                "ledger_transaction_by_capability_state"),
                        Map.entry(
                                "SELECT * FROM ledger_transaction WHERE payer_id = 'alice' AND state = 'DISPUTED'"
                                        + " AND capability = 'python' AND " + before + newest,
                                "ledger_transaction_by_payer_state"),
                        Map.entry(
                                "SELECT * FROM ledger_transaction WHERE provider_id = 'alice' AND state = 'DISPUTED'"
                                        + " AND " + window + newest,
                                "ledger_transaction_by_provider_state"),
                        Map.entry(
                                "SELECT * FROM dispute WHERE status = 'OPEN' AND deadline >= " + T + " AND (deadline > "
                                        + T + " OR id > " + ID + ") ORDER BY deadline, id LIMIT 51",
                                "dispute_queue"),
                        Map.entry(
                                "SELECT * FROM dispute WHERE status = 'RESOLVED' AND deadline <= " + T
                                        + " AND (deadline < " + T + " OR id < " + ID + ")"
                                        + " ORDER BY deadline DESC, id DESC LIMIT 51",
                                "dispute_queue")));
    }

    @Test
    void everyPurgeOfTheApiEdgesHasItsIndex() throws SQLException {
        QueryPlans.assertEachUsesItsIndex(
                dataSource,
                Map.of(
                        "DELETE FROM idempotency_record WHERE claimed_at < " + T,
                        "idempotency_record_by_claimed_at",
                        "DELETE FROM rate_limit_window WHERE window_start < " + T,
                        "rate_limit_window_by_start"));
    }
}
