package dev.agentmarketplace.api.disputes;

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
import dev.agentmarketplace.core.dispute.Dispute;
import dev.agentmarketplace.core.dispute.DisputeDesk;
import dev.agentmarketplace.core.dispute.DisputeFilter;
import dev.agentmarketplace.core.dispute.DisputeId;
import dev.agentmarketplace.core.dispute.DisputePage;
import dev.agentmarketplace.core.dispute.DisputeStatus;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.registry.AgentId;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Disputes over transactions: a party opens one and adds evidence as its own agent, the parties
 * and operators read them, and an operator resolves them.
 */
@Path("/api/v1/disputes")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "Disputes", description = "Disputes over transactions, their evidence and their resolution")
@APIResponse(
        responseCode = "401",
        description = "No bearer token, or an invalid one",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "403",
        description = "The caller lacks the role (ROLE_REQUIRED), is not a party (NOT_A_PARTY) or names"
                + " another agent (ACTING_AS_ANOTHER_AGENT)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class DisputeResource {
    private static final String DISPUTE_ID_EXAMPLE = "5d0c7c0e-2f3b-4a4e-8f7e-1f2d3c4b5a69";

    private final DisputeDesk desk;
    private final CurrentCaller caller;
    private final IdempotentCall idempotent;

    DisputeResource(DisputeDesk desk, CurrentCaller caller, IdempotentCall idempotent) {
        this.idempotent = idempotent;
        this.desk = desk;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @Parameter(
            name = IdempotencyFilter.HEADER,
            in = ParameterIn.HEADER,
            description = Idempotent.HEADER_DESCRIPTION,
            example = "7c1e4a52-dispute-1")
    @Operation(
            summary = "Open a dispute over a transaction",
            description = "The payer or the provider of a PENDING transaction, or of a SETTLED one within the"
                    + " dispute window, disputes it as the agent of its token; the transaction becomes DISPUTED"
                    + " and its money stays where it is until an operator or a rule resolves the dispute."
                    + " Evidence is accepted until the returned deadline.")
    @APIResponse(
            responseCode = "201",
            description = "The dispute; Location is its URL",
            content = @Content(schema = @Schema(implementation = DisputeView.class)))
    @APIResponse(
            responseCode = "400",
            description = "A field is missing or invalid (an id, the reason, an evidence item)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No transaction has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The transaction cannot be disputed now (ILLEGAL_TRANSITION, DISPUTE_WINDOW_CLOSED)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response open(@Valid @NotNull OpenDisputeRequest request, UriInfo uri) {
        AgentId party = caller.get().requireAgent();
        TransactionId transaction = TransactionId.of(request.transactionId());
        return idempotent.once(() -> {
            Dispute dispute = desk.open(transaction, party, request.reason(), request.items());
            return Response.created(location(uri, dispute.id()))
                    .entity(DisputeView.of(dispute))
                    .build();
        });
    }

    @POST
    @Path("/{disputeId}/evidence")
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @Parameter(
            name = IdempotencyFilter.HEADER,
            in = ParameterIn.HEADER,
            description = Idempotent.HEADER_DESCRIPTION,
            example = "7c1e4a52-evidence-1")
    @Operation(
            summary = "Add evidence to an open dispute",
            description = "A party of the dispute adds one evidence item as the agent of its token, up to and"
                    + " including the deadline. A provider that submits none before the deadline loses the"
                    + " dispute automatically.")
    @APIResponse(
            responseCode = "201",
            description = "The dispute with the new item last; Location is the dispute's URL",
            content = @Content(schema = @Schema(implementation = DisputeView.class)))
    @APIResponse(
            responseCode = "400",
            description = "The dispute id or the item is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No dispute has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The deadline has passed (EVIDENCE_DEADLINE_PASSED) or the dispute is resolved"
                    + " (ILLEGAL_TRANSITION)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response addEvidence(
            @Parameter(description = "The dispute's id", example = DISPUTE_ID_EXAMPLE) @PathParam("disputeId")
                    String disputeId,
            @Valid @NotNull EvidenceRequest request,
            UriInfo uri) {
        AgentId party = caller.get().requireAgent();
        DisputeId id = DisputeId.of(disputeId);
        return idempotent.once(() -> {
            Dispute dispute = desk.addEvidence(id, party, request.item());
            return Response.created(location(uri, dispute.id()))
                    .entity(DisputeView.of(dispute))
                    .build();
        });
    }

    @GET
    @Path("/{disputeId}")
    @Operation(
            summary = "Get one dispute",
            description = "For the payer and the provider of the disputed transaction, and for operators.")
    @APIResponse(responseCode = "200", description = "The dispute")
    @APIResponse(
            responseCode = "400",
            description = "The id is not a lower-case UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No dispute has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DisputeView get(
            @Parameter(description = "The dispute's id", example = DISPUTE_ID_EXAMPLE) @PathParam("disputeId")
                    String disputeId) {
        Caller who = caller.get();
        Dispute dispute = desk.get(DisputeId.of(disputeId));
        who.requireOneOfOrOperator(dispute.payer(), dispute.provider());
        return DisputeView.of(dispute);
    }

    @GET
    @Operation(
            summary = "List disputes",
            description = "Disputes in id order, one cursor page at a time. An agent sees only the disputes it is"
                    + " a party to (naming another agent as party is refused); an operator sees all of them and"
                    + " may filter by party.")
    @APIResponse(responseCode = "200", description = "A page of disputes")
    @APIResponse(
            responseCode = "400",
            description = "A filter, the cursor or the page size is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CursorPage<DisputeView> list(
            @Parameter(
                            description = "Only disputes in this status",
                            example = "OPEN",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"OPEN", "RESOLVED"}))
                    @QueryParam("status")
                    String status,
            @Parameter(description = "Only disputes this agent is payer or provider of", example = "python-expert")
                    @QueryParam("party")
                    String party,
            @Parameter(description = "Return disputes whose id sorts after this cursor", example = DISPUTE_ID_EXAMPLE)
                    @QueryParam("after")
                    String after,
            @Parameter(description = "Page size, 1 to 200", example = "50") @QueryParam("limit") String limit) {
        Caller who = caller.get();
        DisputeFilter filter = new DisputeFilter(
                Optional.ofNullable(party).map(AgentId::of),
                Optional.ofNullable(status).map(DisputeResource::status));
        filter.party().ifPresent(who::requireSelfOrOperator);
        if (!who.isOperator()) {
            filter = filter.withParty(who.requireAgent());
        }
        DisputePage page = desk.list(filter, Optional.ofNullable(after).map(DisputeId::of), PageSize.parse(limit));
        return new CursorPage<>(
                page.disputes().stream().map(DisputeView::of).toList(),
                page.nextCursor().map(DisputeId::value).orElse(null));
    }

    @POST
    @Path("/{disputeId}/resolution")
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @Parameter(
            name = IdempotencyFilter.HEADER,
            in = ParameterIn.HEADER,
            description = Idempotent.HEADER_DESCRIPTION,
            example = "7c1e4a52-resolution-1")
    @Operation(
            summary = "Resolve a dispute",
            description = "An operator decides an open dispute: the provider is upheld and keeps the payment, the"
                    + " payer gets a full refund, or a partial one of the given amount. The transaction becomes"
                    + " RESOLVED, its money moves accordingly, and a refund counts against the provider's"
                    + " reputation. A dispute is resolved once.")
    @APIResponse(responseCode = "200", description = "The resolved dispute")
    @APIResponse(
            responseCode = "400",
            description = "The outcome, refund or note is missing or invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No dispute has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The dispute is already resolved (ILLEGAL_TRANSITION)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "The partial refund is not more than zero and less than the amount (INVALID_REFUND),"
                    + " or is in another currency (CURRENCY_MISMATCH)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DisputeView resolve(
            @Parameter(description = "The dispute's id", example = DISPUTE_ID_EXAMPLE) @PathParam("disputeId")
                    String disputeId,
            @Valid @NotNull ResolveDisputeRequest request) {
        Caller operator = caller.get();
        operator.require(Role.OPERATOR);
        DisputeId id = DisputeId.of(disputeId);
        return idempotent.once(
                () -> DisputeView.of(desk.resolve(id, operator.subject(), request.toOutcome(), request.note())));
    }

    private static DisputeStatus status(String value) {
        try {
            return DisputeStatus.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(
                    "status", "'" + value + "' is not one of " + Arrays.toString(DisputeStatus.values()));
        }
    }

    private static URI location(UriInfo uri, DisputeId id) {
        return uri.getBaseUriBuilder()
                .path(DisputeResource.class)
                .path(id.value())
                .build();
    }
}
