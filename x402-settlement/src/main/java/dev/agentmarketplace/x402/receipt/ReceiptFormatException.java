package dev.agentmarketplace.x402.receipt;

import java.util.Objects;

/**
 * A receipt line or an export manifest is not in the documented format. {@link #member()} names the
 * offending JSON member by its path ({@code amount}, {@code manifestSignature.message.count}), or
 * is empty when the text as a whole is wrong (not JSON, not an object).
 */
public final class ReceiptFormatException extends RuntimeException {
    private final String member;

    ReceiptFormatException(String member, String problem) {
        super(member.isEmpty() ? problem : member + ": " + problem);
        this.member = Objects.requireNonNull(member, "member");
    }

    public String member() {
        return member;
    }
}
