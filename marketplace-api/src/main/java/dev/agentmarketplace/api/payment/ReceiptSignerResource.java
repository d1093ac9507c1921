package dev.agentmarketplace.api.payment;

import dev.agentmarketplace.core.payment.SettlementReceipts;
import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.json.JsonString;
import dev.agentmarketplace.x402.json.JsonValue;
import dev.agentmarketplace.x402.json.JsonWriter;
import dev.agentmarketplace.x402.receipt.ReceiptTypedData;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Publishes the address that signs settlement receipts, with the EIP-712 domain and types, so anyone
 * can check a receipt or an export without an account (RFC 8615 well-known location).
 */
@Path("/.well-known/settlement-receipts")
@PermitAll
@Tag(name = "x402 payments")
public class ReceiptSignerResource {
    private final SettlementReceipts receipts;

    ReceiptSignerResource(SettlementReceipts receipts) {
        this.receipts = receipts;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "The settlement receipts' signer",
            description = "The platform's receipt signing address, the EIP-712 domain and types of a receipt and"
                    + " the primary type: what viem's verifyTypedData or the x402-settlement module's"
                    + " ReceiptVerifier need besides the receipt. Needs no token.")
    @APIResponse(responseCode = "200", description = "{signer, domain, types, primaryType}")
    public String signer() {
        Map<String, JsonValue> body = new LinkedHashMap<>();
        body.put("signer", new JsonString(receipts.signer().value()));
        body.put("domain", ReceiptTypedData.domainJson());
        body.put("types", ReceiptTypedData.typesJson());
        body.put("primaryType", new JsonString(ReceiptTypedData.PRIMARY_TYPE));
        return JsonWriter.write(new JsonObject(body));
    }
}
