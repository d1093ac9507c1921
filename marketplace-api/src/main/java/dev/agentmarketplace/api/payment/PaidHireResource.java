package dev.agentmarketplace.api.payment;

import dev.agentmarketplace.api.http.IdempotencyFilter;
import dev.agentmarketplace.api.problem.Problem;
import dev.agentmarketplace.api.security.CurrentCaller;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.access.Caller;
import dev.agentmarketplace.core.ledger.IdempotencyKey;
import dev.agentmarketplace.core.payment.PaidHire;
import dev.agentmarketplace.core.payment.PaidHireRequest;
import dev.agentmarketplace.core.payment.PaidHiring;
import dev.agentmarketplace.core.payment.PaymentState;
import dev.agentmarketplace.core.payment.PresentedPayment;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.x402.protocol.X402Headers;
import dev.agentmarketplace.x402.server.X402PaymentVerifier;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Hiring an agent and paying it through x402, in one request and its paid retry. */
@Path("/api/v1/agents/{agentId}/hires")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "x402 payments", description = "Hires paid through the x402 protocol, their payments and receipts")
public class PaidHireResource {
    private final PaidHiring hiring;
    private final CurrentCaller caller;

    PaidHireResource(PaidHiring hiring, CurrentCaller caller) {
        this.hiring = hiring;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Hire an agent and pay it through x402",
            description = "The calling agent hires the provider for one task at its listed price. Without a"
                    + " payment the answer is 402 Payment Required: the PAYMENT-REQUIRED header (x402 v2) and the"
                    + " body's x402Version, error and accepts members (v1) say what to pay (the price in the"
                    + " token's atomic units, to the provider's payout wallet). The retry carries the signed"
                    + " payment in PAYMENT-SIGNATURE (v2) or X-PAYMENT (v1): the platform verifies it (signature,"
                    + " payee, exact amount, token, network, time window, one use per authorization), records the"
                    + " hire and settles through the facilitator. The request calls the facilitator's /verify"
                    + " once and /settle once, never retrying inside the request. 201 with PAYMENT-RESPONSE (or"
                    + " X-PAYMENT-RESPONSE) once settled; 202 while the settlement is pending (no facilitator"
                    + " configured, or its one /settle did not decide: the outbox retries it with the hire's"
                    + " idempotency key); 200 for a retry presenting the same payment, also one racing the"
                    + " first, which gets the first hire back. The retry key is the Idempotency-Key header,"
                    + " else the payment-identifier extension's id, else the payment itself.")
    @APIResponse(
            responseCode = "201",
            description = "Hired and settled on chain",
            headers = {
                @Header(name = "PAYMENT-RESPONSE", description = "x402 v2 settlement response, base64 JSON"),
                @Header(name = "X-PAYMENT-RESPONSE", description = "x402 v1 settlement response, base64 JSON"),
                @Header(name = "Location", description = "The transaction")
            })
    @APIResponse(
            responseCode = "202",
            description = "Hired; the payment's settlement is pending (the outbox retries an undecided one)")
    @APIResponse(
            responseCode = "200",
            description = "A retry of an earlier hire with the same payment, also one sent concurrently with it")
    @APIResponse(
            responseCode = "400",
            description = "A malformed field or header, or both payment headers at once",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "401",
            description = "No bearer token, or an invalid one",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "402",
            description = "Payment required: none sent, or it failed a check (the x402 reason is in the problem's"
                    + " reason and error members and in PAYMENT-REQUIRED's error), or the facilitator refused to"
                    + " settle it (the hire is then cancelled and the settlement response header says why)",
            headers = @Header(name = "PAYMENT-REQUIRED", description = "x402 v2 PaymentRequired, base64 JSON"),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "403",
            description =
                    "ROLE_REQUIRED: the caller is not an agent; ACTING_AS_ANOTHER_AGENT: payer names another agent",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "AGENT_NOT_FOUND: the provider (or the payer) is not registered",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "PROVIDER_UNAVAILABLE, CAPACITY_EXCEEDED or IDEMPOTENCY_MISMATCH (the retry key was used"
                    + " with another payment or task)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "SELF_HIRE, CAPABILITY_NOT_OFFERED or PAYMENT_NOT_ACCEPTED (the provider is not priced"
                    + " in the platform's token)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "FACILITATOR_UNAVAILABLE: the facilitator gave no decision on its one /verify call;"
                    + " nothing was recorded, retry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response hire(
            @Parameter(description = "The agent hired", example = "python-expert") @PathParam("agentId")
                    String provider,
            @Valid @NotNull PaidHireBody request,
            @Parameter(in = ParameterIn.HEADER, description = "x402 v2 payment: base64 of the PaymentPayload JSON")
                    @HeaderParam(X402Headers.PAYMENT_SIGNATURE)
                    String v2Payment,
            @Parameter(in = ParameterIn.HEADER, description = "x402 v1 payment: base64 of the payment JSON")
                    @HeaderParam(X402Headers.X_PAYMENT)
                    String v1Payment,
            @Parameter(
                            description = "The hire's retry key (16-128 printable ASCII characters); optional, the"
                                    + " payment-identifier extension's id or the payment itself stand in for it",
                            example = "hire-2026-05-01-0001")
                    @HeaderParam(IdempotencyFilter.HEADER)
                    String key,
            UriInfo uri) {
        Caller payer = caller.get();
        AgentId self =
                payer.requireSelfIfNamed(Optional.ofNullable(request.payer()).map(AgentId::of));
        PaidHire hire = hiring.hire(
                new PaidHireRequest(
                        self,
                        AgentId.of(provider),
                        Capability.of(request.capability()),
                        request.context(),
                        Optional.ofNullable(key).map(IdempotencyKey::of),
                        uri.getAbsolutePath().toString()),
                presented(v2Payment, v1Payment));
        URI location = uri.getBaseUriBuilder()
                .path("api/v1/transactions/{id}")
                .build(hire.transaction().id().value());
        boolean settled = hire.payment().state() == PaymentState.SETTLED;
        Response.ResponseBuilder response = Response.status(hire.created() ? (settled ? 201 : 202) : 200)
                .entity(PaidHireView.of(hire))
                .header("Access-Control-Expose-Headers", PaymentChallenge.EXPOSED_HEADERS);
        if (hire.created()) {
            response.location(location);
        } else {
            response.header("Content-Location", location);
        }
        X402PaymentVerifier.paymentResponse(hire.payment())
                .ifPresent(header -> response.header(header.name(), header.value()));
        return response.build();
    }

    private static Optional<PresentedPayment> presented(String v2, String v1) {
        if (v2 != null && v1 != null) {
            throw new InvalidValueException(
                    X402Headers.PAYMENT_SIGNATURE,
                    "send one payment, in PAYMENT-SIGNATURE (v2) or X-PAYMENT (v1), not both");
        }
        if (v2 != null) {
            return Optional.of(new PresentedPayment(PresentedPayment.Version.V2, v2));
        }
        return Optional.ofNullable(v1).map(value -> new PresentedPayment(PresentedPayment.Version.V1, value));
    }
}
