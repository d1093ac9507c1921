package dev.agentmarketplace.core.registry;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.hash.Eip55;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An EVM address an agent is paid at, held in its EIP-55 checksummed spelling. Input in one case
 * only (all lower or all upper) carries no checksum and is accepted; mixed case is a checksum and
 * must be right, because a typo in a payout address loses money.
 */
public record WalletAddress(String value) {
    private static final Pattern FORMAT = Pattern.compile("0x[0-9a-fA-F]{40}");

    public WalletAddress {
        value = checksummed(value, "payoutWallet");
    }

    public static WalletAddress of(String value) {
        return new WalletAddress(value);
    }

    /** An address given as {@code field} (a payment's payer, a token contract): refusals name that field. */
    public static WalletAddress of(String value, String field) {
        return new WalletAddress(checksummed(value, field));
    }

    private static String checksummed(String value, String field) {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidValueException(field, "'" + value + "' is not an EVM address (0x and 40 hex digits)");
        }
        String hex = value.substring(2);
        String checksummed = Eip55.checksummed(hex.toLowerCase(Locale.ROOT));
        boolean singleCase = hex.equals(hex.toLowerCase(Locale.ROOT)) || hex.equals(hex.toUpperCase(Locale.ROOT));
        if (!singleCase && !checksummed.equals(value)) {
            throw new InvalidValueException(
                    field, "'" + value + "' fails its EIP-55 checksum (expected " + checksummed + ")");
        }
        return checksummed;
    }

    @Override
    public String toString() {
        return value;
    }
}
