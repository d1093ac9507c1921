package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.HireRequest;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.persistence.testing.RawSql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ledger API over the assembled application: balances derived from the journal, readable by
 * the account's own agent and by operators, and the journal's verification for operators. {@link
 * LedgerApiOnPostgresIT} runs it on PostgreSQL.
 */
@QuarkusTest
class LedgerApiIT {
    private static final String BALANCE = "/api/v1/ledger/accounts/{account}/balance";
    private static final String VERIFICATION = "/api/v1/ledger/verification";
    private static final AgentId PAYER = AgentId.of("orchestrator");

    @Inject
    RegistryFixture registry;

    @Inject
    ApiTokens tokens;

    @Inject
    Ledger ledger;

    @Inject
    DataSource dataSource;

    /** The fee the platform took from the settled 1.50 USDC hire. */
    private Money fee;

    /**
     * The orchestrator hired python-expert twice for 1.50 USDC (one settled, one still held in
     * escrow) and euro-coder once for 2.00 EUR (held); python-novice was never hired.
     */
    @BeforeEach
    void hireAndSettle() {
        registry.clear();
        registry.register("orchestrator", "Orchestrator", Availability.ONLINE, "planning");
        registry.register("python-expert", "Python Expert", Availability.ONLINE, "python");
        registry.register("python-novice", "Python Novice", Availability.ONLINE, "python");
        registry.register(
                "euro-coder", "Euro Coder", Availability.ONLINE, Money.of("2.00", "EUR"), 10, Map.of(), "python");
        Transaction settled = hire("python-expert", RegistryFixture.PRICE);
        ledger.settle(settled.id(), Actor.agent(PAYER), Optional.of("0xsettlement"));
        hire("python-expert", RegistryFixture.PRICE);
        hire("euro-coder", Money.of("2.00", "EUR"));
        fee = RegistryFixture.PRICE.basisPoints(ledger.settings().feeBasisPoints());
    }

    @AfterEach
    void leaveNothingBehind() {
        registry.clear();
    }

    // --- balances -------------------------------------------------------------------------------

    @Test
    void agentReadsItsOwnBalancePerCurrencyAsExactStrings() {
        tokens.asAgent("orchestrator")
                .get(BALANCE, "agent:orchestrator")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("account", equalTo("agent:orchestrator"))
                .body("balances.currency", contains("EUR", "USDC"))
                .body("balances.amount", contains("-2.00", "-3.000000"));
    }

    @Test
    void providerIsCreditedTheSettledAmountLessThePlatformFee() {
        tokens.asAgent("python-expert")
                .get(BALANCE, "agent:python-expert")
                .then()
                .statusCode(200)
                .body("balances.currency", contains("USDC"))
                .body(
                        "balances.amount",
                        contains(RegistryFixture.PRICE.minus(fee).amount().toPlainString()));
    }

    @Test
    void operatorReadsEscrowPlatformFeesAndAnyAgentsAccount() {
        tokens.asOperator()
                .get(BALANCE, "escrow")
                .then()
                .statusCode(200)
                .body("account", equalTo("escrow"))
                .body("balances.currency", contains("EUR", "USDC"))
                // The two hires not yet settled are still held.
                .body("balances.amount", contains("2.00", "1.500000"));
        tokens.asOperator()
                .get(BALANCE, "platform-fees")
                .then()
                .statusCode(200)
                .body("balances.amount", contains(fee.amount().toPlainString()));
        tokens.asAdmin()
                .get(BALANCE, "agent:orchestrator")
                .then()
                .statusCode(200)
                .body("balances.amount", contains("-2.00", "-3.000000"));
    }

    @Test
    void accountNeverPostedToHasNoBalances() {
        tokens.asAgent("python-novice")
                .get(BALANCE, "agent:python-novice")
                .then()
                .statusCode(200)
                .body("account", equalTo("agent:python-novice"))
                .body("balances", empty());
    }

    @Test
    void agentCannotReadAnotherAgentsAccount() {
        tokens.asAgent("python-novice")
                .get(BALANCE, "agent:orchestrator")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("ACTING_AS_ANOTHER_AGENT"))
                .body("detail", equalTo("agent 'python-novice' cannot act as agent 'orchestrator'"))
                .body("balances", nullValue());

        // Reading leaves the ledger as it was.
        tokens.asAgent("orchestrator")
                .get(BALANCE, "agent:orchestrator")
                .then()
                .body("balances.amount", contains("-2.00", "-3.000000"));
        assertIntact(4);
    }

    @Test
    void agentAskingForAnUnknownAgentsAccountIsRefusedRatherThanToldItDoesNotExist() {
        tokens.asAgent("orchestrator")
                .get(BALANCE, "agent:ghost")
                .then()
                .statusCode(403)
                .body("code", equalTo("ACTING_AS_ANOTHER_AGENT"));
    }

    @Test
    void platformAccountsNeedTheOperatorRole() {
        for (String account : List.of("escrow", "platform-fees")) {
            tokens.asAgent("orchestrator")
                    .get(BALANCE, account)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("code", equalTo("ROLE_REQUIRED"))
                    .body("detail", equalTo("this operation needs the 'operator' role"));
        }
    }

    @Test
    void tokenWithoutRolesReadsNoAccount() {
        for (String account : List.of("agent:orchestrator", "escrow")) {
            given().auth()
                    .oauth2(tokens.noRoles())
                    .get(BALANCE, account)
                    .then()
                    .statusCode(403)
                    .body("code", equalTo("ROLE_REQUIRED"));
        }
    }

    @Test
    void unknownAgentsAccountIsNotFoundForAnOperator() {
        tokens.asOperator()
                .get(BALANCE, "agent:ghost")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("AGENT_NOT_FOUND"))
                .body("detail", equalTo("no agent has id 'ghost'"));
    }

    @Test
    void malformedAccountIsABadRequestNamingTheAccount() {
        for (String account : List.of("bank", "agent:", "agent:not.an.id", "ESCROW")) {
            tokens.asOperator()
                    .get(BALANCE, account)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("code", equalTo("INVALID_VALUE"))
                    .body("errors[0].field", equalTo("account"))
                    .body("detail", containsString("is not agent:<id>, escrow or platform-fees"));
        }
    }

    @Test
    void balanceNeedsAToken() {
        assertUnauthenticated(given().get(BALANCE, "escrow").then());
    }

    // --- verification ---------------------------------------------------------------------------

    @Test
    void operatorSeesTheJournalIntactWithEveryEntryChecked() {
        // Three holds and one settlement.
        assertIntact(4);
        tokens.asAdmin()
                .get(VERIFICATION)
                .then()
                .statusCode(200)
                .body("intact", equalTo(true))
                .body("entriesChecked", equalTo(4));
    }

    @Test
    void emptyJournalIsIntact() {
        registry.clear();

        assertIntact(0);
    }

    @Test
    void tamperedPostingIsReportedAsTheFirstBrokenLink() throws SQLException {
        // PostgreSQL's trigger refuses the very UPDATE that simulates tampering; H2 has none.
        assumeThat(databaseName()).doesNotContain("postgres");
        RawSql.execute(
                dataSource,
                "UPDATE journal_posting SET amount = amount + 1 WHERE entry_sequence = 2 AND account = 'escrow'");

        tokens.asOperator()
                .get(VERIFICATION)
                .then()
                .statusCode(200)
                .body("intact", equalTo(false))
                .body("entriesChecked", equalTo(2))
                .body("firstBroken.sequence", equalTo(2))
                .body("firstBroken.problem", containsString("does not match its content"));
    }

    @Test
    void verificationIsForOperatorsOnly() {
        tokens.asAgent("orchestrator")
                .get(VERIFICATION)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("ROLE_REQUIRED"))
                .body("detail", equalTo("this operation needs the 'operator' role"));
        given().auth()
                .oauth2(tokens.noRoles())
                .get(VERIFICATION)
                .then()
                .statusCode(403)
                .body("code", equalTo("ROLE_REQUIRED"));
    }

    @Test
    void verificationNeedsAToken() {
        assertUnauthenticated(given().get(VERIFICATION).then());
    }

    @Test
    void openApiDescribesTheLedgerOperations() {
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths.'/api/v1/ledger/accounts/{account}/balance'.get.summary", equalTo("Balance of an account"))
                .body(
                        "paths.'/api/v1/ledger/accounts/{account}/balance'.get.responses.'403'.description",
                        containsString("ACTING_AS_ANOTHER_AGENT"))
                .body("paths.'/api/v1/ledger/verification'.get.summary", equalTo("Verify the journal's hash chain"));
    }

    private void assertIntact(int entries) {
        tokens.asOperator()
                .get(VERIFICATION)
                .then()
                .statusCode(200)
                .body("intact", equalTo(true))
                .body("entriesChecked", equalTo(entries))
                .body("firstBroken", nullValue());
    }

    private static void assertUnauthenticated(ValidatableResponse response) {
        response.statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer"))
                .contentType("application/problem+json")
                .body("code", equalTo("UNAUTHENTICATED"))
                .body("status", equalTo(401));
    }

    private Transaction hire(String provider, Money price) {
        return ledger.hire(new HireRequest(
                        PAYER,
                        AgentId.of(provider),
                        Capability.of("python"),
                        price,
                        "ledger test",
                        IdempotencyKey.of(UUID.randomUUID().toString())))
                .transaction();
    }

    private String databaseName() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        }
    }
}
