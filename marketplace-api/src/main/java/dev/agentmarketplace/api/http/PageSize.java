package dev.agentmarketplace.api.http;

import dev.agentmarketplace.core.InvalidValueException;

/** The {@code limit} query parameter of every listing, read the same way everywhere. */
public final class PageSize {
    public static final int DEFAULT = 50;

    private PageSize() {}

    /** The page size asked for, or {@link #DEFAULT}; the core checks the range. */
    public static int parse(String raw) {
        if (raw == null) {
            return DEFAULT;
        }
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw new InvalidValueException("limit", "must be a whole number, was '" + raw + "'");
        }
    }
}
