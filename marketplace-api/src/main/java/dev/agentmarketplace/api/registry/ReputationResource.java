package dev.agentmarketplace.api.registry;

import dev.agentmarketplace.api.http.CursorPage;
import dev.agentmarketplace.api.http.IdempotencyFilter;
import dev.agentmarketplace.api.http.Idempotent;
import dev.agentmarketplace.api.http.IdempotentCall;
import dev.agentmarketplace.api.http.PageSize;
import dev.agentmarketplace.api.problem.Problem;
import dev.agentmarketplace.api.security.CurrentCaller;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.access.Caller;
import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRegistry;
import dev.agentmarketplace.core.reputation.ReputationEvent;
import dev.agentmarketplace.core.reputation.ReputationService;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Reputations: anyone in the market reads a score; the history, which names who hired whom, is
 * for the agent itself and operators; payers rate, operators adjust.
 */
@Path("/api/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "Reputation", description = "Agents' reputations, their history, feedback and operator adjustments")
@APIResponse(
        responseCode = "401",
        description = "No bearer token, or an invalid one",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "403",
        description = "ROLE_REQUIRED: the caller lacks the role; ACTING_AS_ANOTHER_AGENT: an agent asked for"
                + " another agent's history",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "404",
        description = "No agent has this id",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ReputationResource {
    private static final String AGENT_ID = "The agent's id";

    private final ReputationService reputation;
    private final CurrentCaller caller;
    private final IdempotentCall idempotent;

    ReputationResource(ReputationService reputation, CurrentCaller caller, IdempotentCall idempotent) {
        this.idempotent = idempotent;
        this.reputation = reputation;
        this.caller = caller;
    }

    @GET
    @Path("/{agentId}/reputation")
    @Operation(
            summary = "Get an agent's reputation",
            description = "The score now, decay included, with its confidence interval and counts. Any role.")
    @APIResponse(responseCode = "200", description = "The reputation")
    public ReputationView get(
            @Parameter(description = AGENT_ID, example = "python-expert") @PathParam("agentId") String agentId) {
        caller.get().requireAnyRole();
        return ReputationView.of(reputation.reputationOf(AgentId.of(agentId)));
    }

    @GET
    @Path("/{agentId}/reputation/history")
    @Operation(
            summary = "Read an agent's reputation history",
            description = "Every event that moved the reputation, oldest first, each with its time and cause."
                    + " The agent itself or an operator. The history only grows at its end, so a page's"
                    + " nextCursor stays valid.")
    @APIResponse(responseCode = "200", description = "A page of events")
    @APIResponse(
            responseCode = "400",
            description = "The cursor or the limit is malformed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CursorPage<ReputationEventView> history(
            @Parameter(description = AGENT_ID, example = "python-expert") @PathParam("agentId") String agentId,
            @Parameter(description = "The previous page's nextCursor", example = "50") @QueryParam("after")
                    String after,
            @Parameter(description = "Page size, 1 to 200", example = "50") @QueryParam("limit") String limit) {
        AgentId agent = AgentId.of(agentId);
        caller.get().requireSelfOrOperator(agent);
        int from = HistoryCursor.parse(after);
        int size = HistoryCursor.pageSize(PageSize.parse(limit));
        List<ReputationEvent> events = reputation.history(agent);
        int to = Math.min(events.size(), from + size);
        return new CursorPage<>(
                events.subList(Math.min(from, to), to).stream()
                        .map(ReputationEventView::of)
                        .toList(),
                to < events.size() ? Integer.toString(to) : null);
    }

    @POST
    @Path("/{agentId}/feedback")
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @Parameter(
            name = IdempotencyFilter.HEADER,
            in = ParameterIn.HEADER,
            description = Idempotent.HEADER_DESCRIPTION,
            example = "feedback-0b5e0c1e-8f5a-4f0e")
    @Operation(
            summary = "Rate the provider of a settled transaction",
            description = "The caller's agent rates the agent in the path for one transaction it paid. Only the"
                    + " payer of a settled, never disputed transaction may rate, only its provider, and only once."
                    + " Send an Idempotency-Key to retry safely.")
    @APIResponse(responseCode = "201", description = "The provider's reputation with the rating counted")
    @APIResponse(
            responseCode = "400",
            description = "The rating is not 0 to 5 in steps of 0.1, or the transaction id is malformed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "403",
            description = "FEEDBACK_NOT_ALLOWED: the caller did not pay for this transaction, another agent"
                    + " provided it, or it is not settled or was disputed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "TRANSACTION_NOT_FOUND or AGENT_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "FEEDBACK_ALREADY_GIVEN, or IDEMPOTENCY_MISMATCH for a key reused with another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<ReputationView> giveFeedback(
            @Parameter(description = "The provider being rated", example = "python-expert") @PathParam("agentId")
                    String agentId,
            @Valid @NotNull FeedbackRequest request,
            UriInfo uri) {
        AgentId provider = AgentId.of(agentId);
        AgentId rater = caller.get().requireAgent();
        TransactionId transaction = TransactionId.of(request.transactionId());
        return idempotent.once(() -> RestResponse.ResponseBuilder.<ReputationView>created(reputationUri(uri, provider))
                .entity(ReputationView.of(reputation.giveFeedback(rater, provider, transaction, request.exactRating())))
                .build());
    }

    @POST
    @Path("/{agentId}/reputation/adjustments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @Parameter(
            name = IdempotencyFilter.HEADER,
            in = ParameterIn.HEADER,
            description = Idempotent.HEADER_DESCRIPTION,
            example = "adjust-python-expert-0001")
    @Operation(
            summary = "Adjust an agent's reputation (operator)",
            description = "Adds delta to the score after the average; it decays like everything else. The reason"
                    + " and the operator are kept in the history. Send an Idempotency-Key so a retry does not"
                    + " adjust twice.")
    @APIResponse(responseCode = "201", description = "The reputation with the adjustment counted")
    @APIResponse(
            responseCode = "400",
            description = "delta is zero, beyond -5..5 or has more than two decimals, or the reason is blank",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "IDEMPOTENCY_MISMATCH for a key reused with another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<ReputationView> adjust(
            @Parameter(description = AGENT_ID, example = "python-expert") @PathParam("agentId") String agentId,
            @Valid @NotNull AdjustmentRequest request,
            UriInfo uri) {
        AgentId agent = AgentId.of(agentId);
        Caller operator = caller.get();
        operator.require(Role.OPERATOR);
        return idempotent.once(() -> RestResponse.ResponseBuilder.<ReputationView>created(reputationUri(uri, agent))
                .entity(ReputationView.of(
                        reputation.adjust(agent, request.exactDelta(), request.reason(), operator.subject())))
                .build());
    }

    private static URI reputationUri(UriInfo uri, AgentId agent) {
        return uri.getBaseUriBuilder()
                .path("api/v1/agents/{agentId}/reputation")
                .build(agent.value());
    }

    /** The history's cursor: how many events earlier pages held. */
    private static final class HistoryCursor {
        private HistoryCursor() {}

        static int parse(String after) {
            if (after == null) {
                return 0;
            }
            try {
                int read = Integer.parseInt(after.strip());
                if (read >= 0) {
                    return read;
                }
            } catch (NumberFormatException e) {
                // refused below, like a negative count
            }
            throw new InvalidValueException("after", "is not a cursor of this history, was '" + after + "'");
        }

        static int pageSize(int limit) {
            if (limit < 1 || limit > AgentRegistry.MAX_PAGE_SIZE) {
                throw new InvalidValueException(
                        "limit", "must be between 1 and " + AgentRegistry.MAX_PAGE_SIZE + ", was " + limit);
            }
            return limit;
        }
    }
}
