package dev.agentmarketplace.api.registry;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.registry.Metadata;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** Turns the registry's input strings into core values, naming the field a bad value came from. */
final class Inputs {
    private Inputs() {}

    static Availability availability(String field, String value) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
        try {
            return Availability.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(
                    field, "'" + value + "' is not one of " + Arrays.toString(Availability.values()));
        }
    }

    static Set<Capability> capabilities(String field, List<String> names) {
        return as(field, () -> {
            Set<Capability> capabilities = new LinkedHashSet<>();
            for (String name : names == null ? List.<String>of() : names) {
                capabilities.add(Capability.of(name));
            }
            return capabilities;
        });
    }

    static Metadata metadata(Map<String, String> entries) {
        return Metadata.of(entries == null ? Map.of() : entries);
    }

    /**
     * Runs {@code conversion} with the field of any refusal renamed to {@code field}: the core names
     * its own fields ({@code agentId}, {@code amount}), the request may call them otherwise.
     */
    static <T> T as(String field, Supplier<T> conversion) {
        try {
            return conversion.get();
        } catch (InvalidValueException invalid) {
            throw new InvalidValueException(field, reasonOf(invalid));
        }
    }

    /**
     * Runs {@code conversion} with {@code prefix} before the field of any refusal, so that a value
     * nested in the request ({@code price.amount}, {@code items[3].payoutWallet}) is named by its path.
     */
    static <T> T within(String prefix, Supplier<T> conversion) {
        try {
            return conversion.get();
        } catch (InvalidValueException invalid) {
            throw new InvalidValueException(prefix + invalid.field(), reasonOf(invalid));
        }
    }

    private static String reasonOf(InvalidValueException invalid) {
        // The message is "field: reason"; the new field takes the old one's place.
        return invalid.getMessage().substring(invalid.field().length() + 2);
    }
}
