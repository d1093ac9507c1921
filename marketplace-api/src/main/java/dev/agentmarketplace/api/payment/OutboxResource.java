package dev.agentmarketplace.api.payment;

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
import dev.agentmarketplace.core.payment.OutboxCursor;
import dev.agentmarketplace.core.payment.PaymentState;
import dev.agentmarketplace.core.payment.SettlementOutbox;
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
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The settlement outbox for operators: its payments by state, the stale paid hires, and the
 * reconciliation of a payment whose outcome only the chain knows (core {@link SettlementOutbox}).
 */
@Path("/api/v1/settlements/outbox")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "x402 payments", description = "Hires paid through the x402 protocol, their payments and receipts")
@APIResponse(
        responseCode = "401",
        description = "No bearer token, or an invalid one",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "403",
        description = "ROLE_REQUIRED: the caller is not an operator",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class OutboxResource {
    private final SettlementOutbox outbox;
    private final CurrentCaller caller;
    private final IdempotentCall idempotent;

    OutboxResource(SettlementOutbox outbox, CurrentCaller caller, IdempotentCall idempotent) {
        this.outbox = outbox;
        this.caller = caller;
        this.idempotent = idempotent;
    }

    @GET
    @Operation(
            summary = "List the settlement outbox by state",
            description = "Payments in one state, newest first, one cursor page at a time. OUTCOME_UNKNOWN lists"
                    + " the payments that wait for an operator's reconciliation.")
    @APIResponse(responseCode = "200", description = "A page of payments")
    @APIResponse(
            responseCode = "400",
            description = "An unknown state, a malformed cursor or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CursorPage<PaymentView> list(
            @Parameter(
                            description = "PENDING, SENDING, SETTLED, FAILED or OUTCOME_UNKNOWN (the default)",
                            example = "OUTCOME_UNKNOWN")
                    @QueryParam("state")
                    String state,
            @Parameter(description = "The cursor a previous page returned") @QueryParam("after") String after,
            @Parameter(description = "Page size, 1 to 200", example = "50") @QueryParam("limit") String limit) {
        Caller operator = caller.get();
        SettlementOutbox.Page page = outbox.inState(operator, state(state), cursor(after), PageSize.parse(limit));
        return view(page);
    }

    @GET
    @Path("/stale")
    @Operation(
            summary = "List stale paid hires",
            description = "Payments PENDING for longer than marketplace.x402.settlement.stale-after while no"
                    + " facilitator is configured, oldest first; none when a facilitator is.")
    @APIResponse(responseCode = "200", description = "A page of payments")
    public CursorPage<PaymentView> stale(
            @Parameter(description = "The cursor a previous page returned") @QueryParam("after") String after,
            @Parameter(description = "Page size, 1 to 200", example = "50") @QueryParam("limit") String limit) {
        return view(outbox.stale(caller.get(), cursor(after), PageSize.parse(limit)));
    }

    @POST
    @Path("/{transactionId}/settlement")
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @Parameter(
            name = IdempotencyFilter.HEADER,
            in = ParameterIn.HEADER,
            description = Idempotent.HEADER_DESCRIPTION,
            example = "reconcile-0f8fad5b-settled")
    @Operation(
            summary = "Record the chain transaction of a payment whose outcome was unknown",
            description = "For a payment OUTCOME_UNKNOWN, or a stale paid hire: it becomes SETTLED with this"
                    + " transaction and the hire settles through the ledger, in one database transaction. The same"
                    + " request again returns the payment as it is.")
    @APIResponse(responseCode = "200", description = "The SETTLED payment")
    @APIResponse(
            responseCode = "400",
            description = "INVALID_VALUE: the chain transaction is not 0x and 64 hex digits, or a bad id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "TRANSACTION_NOT_FOUND, or PAYMENT_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "PAYMENT_IN_PROGRESS: the outbox may still send it; ILLEGAL_TRANSITION: already decided"
                    + " otherwise",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PaymentView recordSettlement(
            @Parameter(description = "The hire's transaction id") @PathParam("transactionId") String transactionId,
            @Valid @NotNull RecordSettlementRequest request) {
        Caller operator = caller.get();
        // Authorization before the key's replay (IdempotentCall).
        operator.require(Role.OPERATOR);
        TransactionId id = TransactionId.of(transactionId);
        return idempotent.once(() -> PaymentView.of(outbox.recordSettlement(operator, id, request.chainTransaction())));
    }

    @POST
    @Path("/{transactionId}/cancellation")
    @Idempotent
    @Parameter(
            name = IdempotencyFilter.HEADER,
            in = ParameterIn.HEADER,
            description = Idempotent.HEADER_DESCRIPTION,
            example = "reconcile-0f8fad5b-cancelled")
    @Operation(
            summary = "Cancel a payment whose outcome was unknown",
            description = "For a payment OUTCOME_UNKNOWN, or a stale paid hire: it becomes FAILED"
                    + " (cancelled_by_operator) and the hire's hold is voided, in one database transaction.")
    @APIResponse(responseCode = "200", description = "The FAILED payment")
    @APIResponse(
            responseCode = "404",
            description = "TRANSACTION_NOT_FOUND, or PAYMENT_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "PAYMENT_IN_PROGRESS: the outbox may still send it; ILLEGAL_TRANSITION: already decided"
                    + " otherwise",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PaymentView cancel(
            @Parameter(description = "The hire's transaction id") @PathParam("transactionId") String transactionId) {
        Caller operator = caller.get();
        operator.require(Role.OPERATOR);
        TransactionId id = TransactionId.of(transactionId);
        return idempotent.once(() -> PaymentView.of(outbox.cancel(operator, id)));
    }

    private static PaymentState state(String name) {
        if (name == null || name.isBlank()) {
            return PaymentState.OUTCOME_UNKNOWN;
        }
        return Arrays.stream(PaymentState.values())
                .filter(state -> state.name().equals(name.toUpperCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() ->
                        new InvalidValueException("state", "must be one of " + Arrays.toString(PaymentState.values())));
    }

    private static Optional<OutboxCursor> cursor(String after) {
        return Optional.ofNullable(after).map(OutboxCursor::parse);
    }

    private static CursorPage<PaymentView> view(SettlementOutbox.Page page) {
        return new CursorPage<>(
                page.payments().stream().map(PaymentView::of).toList(),
                page.nextCursor().map(OutboxCursor::toString).orElse(null));
    }
}
