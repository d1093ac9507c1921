package dev.agentmarketplace.api.ledger;

import dev.agentmarketplace.api.problem.Problem;
import dev.agentmarketplace.api.security.CurrentCaller;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.access.Caller;
import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.ledger.Account;
import dev.agentmarketplace.core.ledger.JournalVerifier;
import dev.agentmarketplace.core.ledger.TransactionQueries;
import dev.agentmarketplace.core.registry.AgentRegistry;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The journal read as accounts: balances, and the check that its hash chain is intact. */
@Path("/api/v1/ledger")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "Ledger", description = "Account balances and the journal's integrity")
@APIResponse(
        responseCode = "401",
        description = "No bearer token, or an invalid one",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class LedgerResource {
    private final TransactionQueries queries;
    private final JournalVerifier verifier;
    private final AgentRegistry registry;
    private final CurrentCaller caller;

    LedgerResource(TransactionQueries queries, JournalVerifier verifier, AgentRegistry registry, CurrentCaller caller) {
        this.queries = queries;
        this.verifier = verifier;
        this.registry = registry;
        this.caller = caller;
    }

    @GET
    @Path("/accounts/{account}/balance")
    @Operation(
            summary = "Balance of an account",
            description = "The account's balance in every currency it was ever posted in, summed from the"
                    + " journal. An agent reads its own account (agent:<its id>); operators read any agent's"
                    + " account and the platform's escrow and platform-fees accounts.")
    @APIResponse(responseCode = "200", description = "The balance per currency")
    @APIResponse(
            responseCode = "400",
            description = "The account is not agent:<id>, escrow or platform-fees",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "403",
            description = "An agent asked for another agent's account (ACTING_AS_ANOTHER_AGENT), or a caller"
                    + " that is not an operator asked for escrow or platform-fees (ROLE_REQUIRED)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No agent has the account's id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public BalanceView balance(
            @Parameter(description = "agent:<id>, escrow or platform-fees", example = "agent:python-expert")
                    @PathParam("account")
                    String account) {
        Caller who = caller.get();
        Account parsed = parse(account);
        switch (parsed) {
            case Account.OfAgent(var agent) -> {
                who.requireSelfOrOperator(agent);
                // Only after the access check, so an agent cannot probe which other agents exist.
                registry.get(agent);
            }
            case Account.Escrow escrow -> who.require(Role.OPERATOR);
            case Account.PlatformFees fees -> who.require(Role.OPERATOR);
        }
        return BalanceView.of(parsed, queries.balanceOf(parsed));
    }

    @GET
    @Path("/verification")
    @Operation(
            summary = "Verify the journal's hash chain",
            description = "Walks the journal from its first entry and reports the first broken link: a gap in the"
                    + " sequence, a previous hash that is not its predecessor's, a stored hash that does not"
                    + " match the entry's content, or postings that do not sum to zero. Reads the whole journal.")
    @APIResponse(responseCode = "200", description = "The result of the walk, intact or not")
    @APIResponse(
            responseCode = "403",
            description = "The caller is not an operator",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public VerificationView verification() {
        caller.get().require(Role.OPERATOR);
        return VerificationView.of(verifier.verify());
    }

    /** Every refusal names the path parameter, where the core would name a bad agent id {@code agentId}. */
    private static Account parse(String account) {
        try {
            return Account.parse(account);
        } catch (InvalidValueException e) {
            if (e.field().equals("account")) {
                throw e;
            }
            throw new InvalidValueException(
                    "account", "'" + account + "' is not agent:<id>, escrow or platform-fees; " + e.getMessage());
        }
    }
}
