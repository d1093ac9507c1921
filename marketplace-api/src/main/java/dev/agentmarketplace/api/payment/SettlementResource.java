package dev.agentmarketplace.api.payment;

import dev.agentmarketplace.api.problem.Problem;
import dev.agentmarketplace.api.security.CurrentCaller;
import dev.agentmarketplace.api.transactions.HistoryParameters;
import dev.agentmarketplace.core.ledger.TransactionFilter;
import dev.agentmarketplace.core.payment.SettlementReceipts;
import dev.agentmarketplace.x402.receipt.ReceiptExport;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Exports of platform-signed settlement receipts anyone can verify offline. Parties see their own; operators see all. */
@Path("/api/v1/settlements")
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "x402 payments", description = "Hires paid through the x402 protocol, their payments and receipts")
@APIResponse(
        responseCode = "401",
        description = "No bearer token, or an invalid one",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "403",
        description = "ROLE_REQUIRED, or ACTING_AS_ANOTHER_AGENT: an agent named another agent",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SettlementResource {
    private static final String ZIP = "application/zip";

    private final SettlementReceipts receipts;
    private final ReceiptExport exports;
    private final CurrentCaller caller;

    SettlementResource(SettlementReceipts receipts, ReceiptExport exports, CurrentCaller caller) {
        this.receipts = receipts;
        this.exports = exports;
        this.caller = caller;
    }

    @GET
    @Path("/export")
    @Produces(ZIP)
    @Operation(
            summary = "Export signed settlement receipts",
            description = "Every settled transaction the filters select (creation time, party), as a ZIP of"
                    + " receipts.jsonl (one signed receipt per line) and manifest.json (count, SHA-256 of the lines,"
                    + " the EIP-712 domain and types, and the platform's signature over the manifest). Check it"
                    + " offline with the x402-settlement module's VerifyExport command. Streamed a page at a time.")
    @APIResponse(
            responseCode = "200",
            description = "The export, as an attachment",
            content = @Content(mediaType = ZIP))
    @APIResponse(
            responseCode = "400",
            description = "A filter is malformed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response export(
            @Parameter(
                            description = "Operators only: settlements of this agent; an agent may name only itself",
                            example = "orchestrator")
                    @QueryParam("agent")
                    String agent,
            @Parameter(description = "The agent's side: payer, provider or either (the default)", example = "payer")
                    @QueryParam("role")
                    String role,
            @Parameter(description = "Hires created at or after this instant", example = "2026-05-01T00:00:00Z")
                    @QueryParam("from")
                    String from,
            @Parameter(description = "Hires created before this instant", example = "2026-06-01T00:00:00Z")
                    @QueryParam("to")
                    String to) {
        // Refusals happen here, before the 200 is sent, so they still become problem responses.
        TransactionFilter filter = new HistoryParameters(agent, role, null, null, from, to).filterFor(caller.get());
        StreamingOutput body =
                out -> exports.write(out, Optional.of(describe(filter)), sink -> receipts.export(filter, sink));
        return Response.ok(body, ZIP)
                .header("Content-Disposition", "attachment; filename=\"settlement-receipts.zip\"")
                .build();
    }

    /** The selection as the manifest records it, so a reader knows what the export claims to cover. */
    private static String describe(TransactionFilter filter) {
        StringBuilder text = new StringBuilder("settled transactions");
        filter.agent()
                .ifPresent(agent -> text.append(" of agent ")
                        .append(agent)
                        .append(" as ")
                        .append(filter.role().name().toLowerCase(java.util.Locale.ROOT)));
        filter.from().ifPresent(instant -> text.append(", created from ").append(instant));
        filter.to().ifPresent(instant -> text.append(", created before ").append(instant));
        return text.toString();
    }
}
