package dev.agentmarketplace.core.money;

import dev.agentmarketplace.core.InvalidValueException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A currency and the number of decimals its amounts may carry: an ISO 4217 code with its minor
 * units (USD 2, JPY 0) or an on-chain asset (USDC and EURC: 6, as their token contracts define).
 */
public record Currency(String code, int scale) {
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]{2,11}");
    private static final Map<String, Integer> ON_CHAIN_ASSETS = Map.of("USDC", 6, "EURC", 6);

    public static final Currency USDC = new Currency("USDC", 6);

    public Currency {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new InvalidValueException("currency", "'" + code + "' is not a currency code");
        }
        if (scale < 0 || scale > 18) {
            throw new InvalidValueException("currency", "scale of " + code + " must be 0-18, was " + scale);
        }
    }

    /** The currency with this code; unknown codes are refused rather than guessed. */
    public static Currency of(String code) {
        if (code == null) {
            throw new InvalidValueException("currency", "must not be null");
        }
        String upper = code.strip().toUpperCase(java.util.Locale.ROOT);
        Integer assetScale = ON_CHAIN_ASSETS.get(upper);
        if (assetScale != null) {
            return new Currency(upper, assetScale);
        }
        try {
            int digits = java.util.Currency.getInstance(upper).getDefaultFractionDigits();
            if (digits >= 0) {
                return new Currency(upper, digits);
            }
        } catch (IllegalArgumentException unknown) {
            // fall through to the refusal below
        }
        throw new InvalidValueException(
                "currency", "'" + code + "' is neither an ISO 4217 currency nor a supported asset (USDC, EURC)");
    }

    @Override
    public String toString() {
        return code;
    }
}
