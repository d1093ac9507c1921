package dev.agentmarketplace.core.discovery;

import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import java.util.Objects;

/**
 * Where the next page of a search starts: strictly after the row with this sort value and agent
 * id (keyset pagination, so pages neither skip nor repeat rows when agents are added). A cursor
 * belongs to one sort.
 */
public sealed interface SearchCursor {
    AgentId after();

    SearchSort sort();

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
