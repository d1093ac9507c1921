package dev.agentmarketplace.persistence.payment;

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
 * Every statement {@link PanachePaymentRepository} runs has the index meant for it: with sequential
 * scans priced out, PostgreSQL's plan for each names that index. The statements mirror the
 * repository's (same columns, predicates and order).
 */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@EnabledIfPostgresAvailable
class PaymentIndexesOnPostgresIT {
    private static final String T = "TIMESTAMP WITH TIME ZONE '2026-11-26 08:00:00+00'";
    private static final String ID = "'00000000-0000-4000-8000-000000000001'";

    @Inject
    DataSource dataSource;

    @Test
    void everyPaymentStatementHasItsIndex() throws SQLException {
        Map<String, String> expectedIndexByStatement = Map.of(
                "SELECT transaction_id, next_attempt_at FROM x402_payment WHERE state = 'PENDING'"
                        + " AND next_attempt_at <= " + T + " ORDER BY next_attempt_at, transaction_id LIMIT 100",
                "x402_payment_pending_due",
                "SELECT transaction_id, lease_until FROM x402_payment WHERE state = 'SENDING'" + " AND lease_until < "
                        + T + " ORDER BY lease_until, transaction_id LIMIT 100",
                "x402_payment_lease_due",
                "SELECT COUNT(*) FROM x402_payment WHERE network = 'eip155:84532' AND asset = '0x1'"
                        + " AND payer_wallet = '0x2' AND nonce = '0x3'",
                "x402_payment_authorization_unique",
                "SELECT * FROM x402_payment WHERE payer_agent_id = 'alice' AND payment_identifier = 'retry-key-0001'",
                "x402_payment_payer_identifier_unique",
                "UPDATE x402_payment SET updated_at = " + T + " WHERE transaction_id = " + ID
                        + " AND ((state = 'PENDING' AND next_attempt_at <= " + T + ")"
                        + " OR (state = 'SENDING' AND lease_until < " + T + "))",
                "x402_payment_pk");
        QueryPlans.assertEachUsesItsIndex(dataSource, expectedIndexByStatement);
    }

    /** The dashboard's outbox pages (V14): one range of the state index per page, in page order. */
    @Test
    void outboxPagesHaveTheStateIndex() throws SQLException {
        Map<String, String> expectedIndexByStatement = Map.of(
                "SELECT * FROM x402_payment WHERE state = 'FAILED' AND (created_at < " + T
                        + " OR (created_at = " + T + " AND transaction_id < " + ID + "))"
                        + " ORDER BY created_at DESC, transaction_id DESC LIMIT 51",
                "x402_payment_by_state",
                "SELECT * FROM x402_payment WHERE state = 'PENDING' AND created_at < " + T
                        + " AND (created_at > " + T + " OR (created_at = " + T + " AND transaction_id > " + ID + "))"
                        + " ORDER BY created_at, transaction_id LIMIT 51",
                "x402_payment_by_state",
                "SELECT account, currency, balance FROM account_balance WHERE account > 'agent:a'"
                        + " OR (account = 'agent:a' AND currency > 'USDC') ORDER BY account, currency LIMIT 51",
                "account_balance_pk");
        QueryPlans.assertEachUsesItsIndex(dataSource, expectedIndexByStatement);
    }
}
