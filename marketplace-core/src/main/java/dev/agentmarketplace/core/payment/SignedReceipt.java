package dev.agentmarketplace.core.payment;

import dev.agentmarketplace.core.registry.WalletAddress;
import java.util.Objects;
import java.util.regex.Pattern;

/** A receipt with the platform's signature over it and the address that signed. */
public record SignedReceipt(SettlementReceipt receipt, String signature, WalletAddress signer) {
    private static final Pattern SIGNATURE = Pattern.compile("0x[0-9a-f]{130}");

    public SignedReceipt {
        Objects.requireNonNull(receipt, "receipt");
        if (signature == null || !SIGNATURE.matcher(signature).matches()) {
            throw new IllegalArgumentException("a signature is 0x and 130 lower-case hex digits (r, s, v)");
        }
        Objects.requireNonNull(signer, "signer");
    }
}
