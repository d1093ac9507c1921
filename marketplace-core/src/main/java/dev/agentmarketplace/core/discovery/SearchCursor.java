package dev.agentmarketplace.core.discovery;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Where the next page of a search starts: strictly after the row with this sort value and agent
 * id (keyset pagination, so pages neither skip nor repeat rows when agents are added). A cursor
 * belongs to one sort. Clients see it as an opaque {@link #token()}.
 */
public sealed interface SearchCursor {
    /**
     * The longest token this service issues (a price cursor of the largest amount and a 64-character
     * id is about 130); anything longer is refused before it is decoded.
     */
    int MAX_TOKEN_LENGTH = 256;

    AgentId after();

    SearchSort sort();

    /**
     * The cursor as an opaque, URL-safe string for clients. Doubles are written in Java's
     * shortest round-trip form, so {@link #parse} gives back exactly the same cursor.
     */
    default String token() {
        String plain = switch (this) {
            case ByReputation byReputation -> "REPUTATION|" + byReputation.score() + "|" + after();
            case ByPrice byPrice ->
                "PRICE|" + byPrice.price().amount().toPlainString() + "|"
                        + byPrice.price().currency().code() + "|" + after();
            case ByLoad byLoad -> "LOAD|" + byLoad.load() + "|" + after();
        };
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cursor a {@link #token()} stands for.
     *
     * @throws InvalidValueException for a token this service did not issue
     */
    static SearchCursor parse(String token) {
        if (token == null) {
            throw new InvalidValueException("cursor", "must not be null");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidValueException("cursor", "is not a cursor of this search");
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", -1);
            SearchSort sort = SearchSort.valueOf(parts[0]);
            int expected = sort == SearchSort.PRICE ? 4 : 3;
            if (parts.length != expected) {
                throw new IllegalArgumentException("wrong number of parts");
            }
            AgentId after = AgentId.of(parts[expected - 1]);
            return switch (sort) {
                case REPUTATION -> new ByReputation(finite(parts[1]), after);
                // Money.of bounds the amount (issue 11): a forged 1e999999999 is refused, not expanded.
                case PRICE -> new ByPrice(Money.of(parts[1], parts[2]), after);
                case LOAD -> new ByLoad(finite(parts[1]), after);
            };
        } catch (IllegalArgumentException | InvalidValueException e) {
            throw new InvalidValueException("cursor", "is not a cursor of this search");
        }
    }

    private static double finite(String number) {
        double value = Double.parseDouble(number);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not finite");
        }
        return value;
    }

    record ByReputation(double score, AgentId after) implements SearchCursor {
        public ByReputation {
            Objects.requireNonNull(after, "after");
        }

        @Override
        public SearchSort sort() {
            return SearchSort.REPUTATION;
        }
    }

    record ByPrice(Money price, AgentId after) implements SearchCursor {
        public ByPrice {
            Objects.requireNonNull(price, "price");
            Objects.requireNonNull(after, "after");
        }

        @Override
        public SearchSort sort() {
            return SearchSort.PRICE;
        }
    }

    record ByLoad(double load, AgentId after) implements SearchCursor {
        public ByLoad {
            Objects.requireNonNull(after, "after");
        }

        @Override
        public SearchSort sort() {
            return SearchSort.LOAD;
        }
    }

    /** The cursor that continues after {@code hit} in {@code sort}. */
    static SearchCursor of(SearchHit hit, SearchSort sort) {
        return switch (sort) {
            case REPUTATION -> new ByReputation(hit.score(), hit.agent().id());
            case PRICE -> new ByPrice(hit.agent().price(), hit.agent().id());
            case LOAD -> new ByLoad(hit.load(), hit.agent().id());
        };
    }
}
