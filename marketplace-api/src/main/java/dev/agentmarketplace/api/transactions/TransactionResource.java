package dev.agentmarketplace.api.transactions;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmarketplace.api.http.CursorPage;
import dev.agentmarketplace.api.http.IdempotencyFilter;
import dev.agentmarketplace.api.http.Idempotent;
import dev.agentmarketplace.api.http.IdempotentCall;
import dev.agentmarketplace.api.http.PageSize;
import dev.agentmarketplace.api.payment.PaymentView;
import dev.agentmarketplace.api.payment.ReceiptLineSchema;
import dev.agentmarketplace.api.problem.Problem;
import dev.agentmarketplace.api.security.CurrentCaller;
import dev.agentmarketplace.core.access.Caller;
import dev.agentmarketplace.core.ledger.HireRequest;
import dev.agentmarketplace.core.ledger.HireResult;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.ledger.TransactionDetails;
import dev.agentmarketplace.core.ledger.TransactionFilter;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.ledger.TransactionPage;
import dev.agentmarketplace.core.ledger.TransactionQueries;
import dev.agentmarketplace.core.payment.PaidHire;
import dev.agentmarketplace.core.payment.PaidHiring;
import dev.agentmarketplace.core.payment.SettlementReceipts;
import dev.agentmarketplace.core.payment.SignedReceipt;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.x402.receipt.ReceiptJsonLine;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Hires and their lifecycle: an agent hires, settles or cancels as the payer and reads its own history. */
@Path("/api/v1/transactions")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "Transactions", description = "Hires, their settlement or cancellation, history and exports")
@APIResponse(
        responseCode = "401",
        description = "No bearer token, or an invalid one",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "403",
        description = "ROLE_REQUIRED: the caller is neither an agent nor an operator; ACTING_AS_ANOTHER_AGENT:"
                + " an agent named or touched another agent's transaction",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class TransactionResource {
    private static final String TRANSACTION_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

    private final Ledger ledger;
    private final TransactionQueries queries;
    private final PaidHiring hiring;
    private final SettlementReceipts receipts;
    private final CurrentCaller caller;
    private final IdempotentCall idempotent;
    private final ObjectMapper json;

    TransactionResource(
            Ledger ledger,
            TransactionQueries queries,
            PaidHiring hiring,
            SettlementReceipts receipts,
            CurrentCaller caller,
            IdempotentCall idempotent,
            ObjectMapper json) {
        this.idempotent = idempotent;
        this.ledger = ledger;
        this.queries = queries;
        this.hiring = hiring;
        this.receipts = receipts;
        this.caller = caller;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent(keyRequired = true)
    @Operation(
            summary = "Hire a provider",
            description = "The calling agent hires the provider for one task of the capability and the amount is"
                    + " held in escrow until the payer settles or cancels. The Idempotency-Key header is required"
                    + " and is the hire's own key: a retry with the same key and body returns the first answer"
                    + " (with Idempotent-Replayed: true), or 200 with the original transaction once the stored"
                    + " answer has expired; the same key with another body is 409 IDEMPOTENCY_MISMATCH.")
    @APIResponse(responseCode = "201", description = "The new PENDING transaction; Location points at it")
    @APIResponse(responseCode = "200", description = "A hire with this key already exists: the original transaction")
    @APIResponse(
            responseCode = "400",
            description = "A field or the Idempotency-Key header is missing or malformed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "AGENT_NOT_FOUND: the provider (or the payer) is not registered",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "CAPACITY_EXCEEDED, PROVIDER_UNAVAILABLE, IDEMPOTENCY_MISMATCH or IDEMPOTENCY_IN_PROGRESS",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "SELF_HIRE, CAPABILITY_NOT_OFFERED, CURRENCY_MISMATCH or BELOW_LISTED_PRICE",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response hire(
            @Valid @NotNull HireTransactionRequest request,
            @Parameter(
                            description = "The hire's retry key: 16-128 printable ASCII characters",
                            example = "hire-2026-05-01-0001",
                            required = true)
                    @HeaderParam(IdempotencyFilter.HEADER)
                    String key,
            UriInfo uri) {
        Caller payer = caller.get();
        AgentId self =
                payer.requireSelfIfNamed(Optional.ofNullable(request.payer()).map(AgentId::of));
        HireRequest hire = new HireRequest(
                self,
                AgentId.of(request.provider()),
                Capability.of(request.capability()),
                request.amount().toMoney(),
                request.context(),
                IdempotencyKey.of(key));
        return idempotent.once(() -> {
            HireResult result = ledger.hire(hire);
            TransactionView view = TransactionView.of(result.transaction());
            URI location = uri.getAbsolutePathBuilder().path(view.id()).build();
            if (!result.created()) {
                return Response.ok(view).header("Content-Location", location).build();
            }
            return Response.created(location).entity(view).build();
        });
    }

    @GET
    @Path("/{id}")
    @Operation(
            summary = "Get one transaction",
            description = "The transaction with its timeline and the journal entries (with their postings) that"
                    + " moved its money. Only its payer, its provider or an operator may read it.")
    @APIResponse(responseCode = "200", description = "The transaction and its journal entries")
    @APIResponse(
            responseCode = "400",
            description = "The id is not a lower-case UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No transaction has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TransactionDetailsView get(
            @Parameter(description = "The transaction's id", example = TRANSACTION_ID) @PathParam("id") String id) {
        Caller reader = caller.get();
        TransactionDetails details = queries.get(TransactionId.of(id));
        reader.requireOneOfOrOperator(
                details.transaction().payer(), details.transaction().provider());
        return TransactionDetailsView.of(details);
    }

    @GET
    @Operation(
            summary = "List transactions",
            description = "Transactions in creation order, one cursor page at a time; every given filter must"
                    + " hold. An agent sees only the transactions it is a party to; an operator sees all and may"
                    + " name an agent.")
    @APIResponse(responseCode = "200", description = "A page of transactions")
    @APIResponse(
            responseCode = "400",
            description = "A filter, the cursor or the limit is malformed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CursorPage<TransactionView> list(
            @Parameter(
                            description = "Operators only: transactions of this agent; an agent may name only itself",
                            example = "orchestrator")
                    @QueryParam("agent")
                    String agent,
            @Parameter(description = "The agent's side: payer, provider or either (the default)", example = "payer")
                    @QueryParam("role")
                    String role,
            @Parameter(description = "Only transactions now in this state", example = "SETTLED") @QueryParam("state")
                    String state,
            @Parameter(description = "Only hires of this capability", example = "python") @QueryParam("capability")
                    String capability,
            @Parameter(description = "Created at or after this instant", example = "2026-05-01T00:00:00Z")
                    @QueryParam("from")
                    String from,
            @Parameter(description = "Created before this instant", example = "2026-06-01T00:00:00Z") @QueryParam("to")
                    String to,
            @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 200", example = "50") @QueryParam("limit") String limit) {
        TransactionFilter filter =
                new HistoryParameters(agent, role, state, capability, from, to).filterFor(caller.get());
        TransactionPage page = queries.history(filter, Optional.ofNullable(cursor), PageSize.parse(limit));
        return new CursorPage<>(
                page.transactions().stream().map(TransactionView::of).toList(),
                page.nextCursor().orElse(null));
    }

    @GET
    @Path("/export")
    @Produces({ExportFormat.NDJSON_TYPE, ExportFormat.CSV_TYPE})
    @Operation(
            summary = "Export transactions",
            description = "Every transaction the filters select, streamed as a download: NDJSON (one Transaction"
                    + " object per line) or RFC 4180 CSV with a header row. A CSV cell a spreadsheet would run as a"
                    + " formula (starting with =, +, -, @, TAB or CR, other than a plain signed decimal) is"
                    + " prefixed with a single quote and quoted (OWASP CSV injection). The server reads the history a page"
                    + " at a time, so exports of any size stream without being held in memory. The same"
                    + " visibility as the listing applies.")
    @APIResponse(
            responseCode = "200",
            description = "The export, as an attachment",
            content = {@Content(mediaType = ExportFormat.NDJSON_TYPE), @Content(mediaType = ExportFormat.CSV_TYPE)})
    @APIResponse(
            responseCode = "400",
            description = "The format or a filter is malformed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response export(
            @Parameter(description = "ndjson (the default) or csv", example = "csv") @QueryParam("format")
                    String format,
            @Parameter(
                            description = "Operators only: transactions of this agent; an agent may name only itself",
                            example = "orchestrator")
                    @QueryParam("agent")
                    String agent,
            @Parameter(description = "The agent's side: payer, provider or either (the default)", example = "payer")
                    @QueryParam("role")
                    String role,
            @Parameter(description = "Only transactions now in this state", example = "SETTLED") @QueryParam("state")
                    String state,
            @Parameter(description = "Only hires of this capability", example = "python") @QueryParam("capability")
                    String capability,
            @Parameter(description = "Created at or after this instant", example = "2026-05-01T00:00:00Z")
                    @QueryParam("from")
                    String from,
            @Parameter(description = "Created before this instant", example = "2026-06-01T00:00:00Z") @QueryParam("to")
                    String to) {
        ExportFormat chosen = ExportFormat.parse(format);
        // Refusals happen here, before the 200 is sent, so they still become problem responses.
        TransactionFilter filter =
                new HistoryParameters(agent, role, state, capability, from, to).filterFor(caller.get());
        StreamingOutput body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            chosen.writeHeader(writer);
            queries.export(filter, tx -> {
                try {
                    chosen.write(tx, writer, json);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            writer.flush();
        };
        return Response.ok(body, chosen.mediaType() + ";charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + chosen.fileName() + "\"")
                .build();
    }

    @POST
    @Path("/{id}/settlement")
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @Operation(
            summary = "Settle a transaction",
            description = "The payer (or an operator) settles a PENDING transaction: escrow goes to the provider,"
                    + " minus the platform fee. The body is optional and carries the payment's settlement"
                    + " reference. An optional Idempotency-Key makes a retry return the first answer.")
    @APIResponse(responseCode = "200", description = "The SETTLED transaction")
    @APIResponse(
            responseCode = "404",
            description = "No transaction has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "ILLEGAL_TRANSITION: the transaction is no longer PENDING",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TransactionView settle(
            @Parameter(description = "The transaction's id", example = TRANSACTION_ID) @PathParam("id") String id,
            @Valid SettleTransactionRequest request) {
        Caller settler = caller.get();
        TransactionId transaction = partyOrOperator(settler, id);
        Optional<String> reference = Optional.ofNullable(request).map(SettleTransactionRequest::settlementReference);
        return idempotent.once(() -> TransactionView.of(ledger.settle(transaction, settler.actor(), reference)));
    }

    @POST
    @Path("/{id}/cancellation")
    @Idempotent
    @Operation(
            summary = "Cancel a transaction",
            description = "The payer (or an operator) cancels a PENDING transaction and its hold is voided. An"
                    + " optional Idempotency-Key makes a retry return the first answer.")
    @APIResponse(responseCode = "200", description = "The CANCELLED transaction")
    @APIResponse(
            responseCode = "404",
            description = "No transaction has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "ILLEGAL_TRANSITION: the transaction is no longer PENDING",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TransactionView cancel(
            @Parameter(description = "The transaction's id", example = TRANSACTION_ID) @PathParam("id") String id) {
        Caller canceller = caller.get();
        TransactionId transaction = partyOrOperator(canceller, id);
        return idempotent.once(() -> TransactionView.of(ledger.cancel(transaction, canceller.actor())));
    }

    @GET
    @Path("/{id}/payment")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Get a transaction's x402 payment",
            description = "The payment a hire was paid with and where its settlement stands: PENDING (waiting for"
                    + " the facilitator, or retried after an undecided attempt), SENDING, SETTLED (with the chain's"
                    + " transaction) or FAILED (with the reason; the hire was cancelled). Poll it after a 202.")
    @APIResponse(responseCode = "200", description = "The payment")
    @APIResponse(
            responseCode = "400",
            description = "The id is not a lower-case UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "TRANSACTION_NOT_FOUND, or PAYMENT_NOT_FOUND: it was not paid through x402",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PaymentView payment(
            @Parameter(description = "The transaction's id", example = TRANSACTION_ID) @PathParam("id") String id) {
        PaidHire hire = hiring.get(partyOrOperator(caller.get(), id));
        return PaymentView.of(hire.payment());
    }

    @GET
    @Path("/{id}/receipt")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Get a transaction's settlement receipt",
            description = "The platform's EIP-712 signed receipt of a settled transaction: the receipt's fields"
                    + " (named as in the SettlementReceipt type, uint256 values as decimal strings: what was paid,"
                    + " refunded by a resolved dispute and kept net; method x402 with the chain transaction, or"
                    + " off-chain with the settler's reference), its signature and the signer, whose address"
                    + " /.well-known/settlement-receipts publishes. A receipt changes once, when a dispute refunds"
                    + " the payer. The same line as"
                    + " in an export; verify it with the x402-settlement module's ReceiptVerifier or viem's"
                    + " verifyTypedData.")
    @APIResponse(
            responseCode = "200",
            description = "The signed receipt",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ReceiptLineSchema.class)))
    @APIResponse(
            responseCode = "400",
            description = "The id is not a lower-case UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "TRANSACTION_NOT_FOUND, or RECEIPT_NOT_FOUND: it was never settled",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response receipt(
            @Parameter(description = "The transaction's id", example = TRANSACTION_ID) @PathParam("id") String id) {
        SignedReceipt receipt = receipts.receiptOf(partyOrOperator(caller.get(), id));
        return Response.ok(ReceiptJsonLine.encode(receipt), MediaType.APPLICATION_JSON)
                .build();
    }

    /**
     * A stranger gets 403 before anything else is read or judged: whether the transaction was paid
     * through x402, has a receipt, or allows the move. The ledger then lets only the payer's side (the
     * payer, an operator) make a move.
     */
    private TransactionId partyOrOperator(Caller mover, String id) {
        TransactionId transaction = TransactionId.of(id);
        List<AgentId> parties = queries.parties(transaction);
        mover.requireOneOfOrOperator(parties.get(0), parties.get(1));
        return transaction;
    }
}
