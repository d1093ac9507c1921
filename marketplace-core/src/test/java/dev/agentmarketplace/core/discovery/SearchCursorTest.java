package dev.agentmarketplace.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SearchCursorTest {
    @Property
    void tokenParsesBackToTheSameCursor(
            @ForAll @DoubleRange(min = 0, max = 1_000) double value,
            @ForAll @IntRange(min = 0, max = 1_000_000) int cents) {
        AgentId after = AgentId.of("agent_" + cents);
        for (SearchCursor cursor : new SearchCursor[] {
            new SearchCursor.ByReputation(value, after),
            new SearchCursor.ByLoad(value, after),
            new SearchCursor.ByPrice(Money.ofMinorUnits(BigInteger.valueOf(cents), Currency.USDC), after)
        }) {
            assertThat(SearchCursor.parse(cursor.token())).isEqualTo(cursor);
            assertThat(cursor.token()).matches("[A-Za-z0-9_-]+");
        }
    }

    @Test
    void tokenThatThisSearchDidNotIssueIsInvalid() {
        for (String token : new String[] {
            "not base64!",
            encode("REPUTATION|NaN|a"),
            encode("PRICE|1.00|a"),
            encode("LOAD|0.5|a|b"),
            encode("SIZE|1|a")
        }) {
            assertThatThrownBy(() -> SearchCursor.parse(token))
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessage("cursor: is not a cursor of this search");
        }
    }

    @Test
    void priceCursorWithAnAmountOutOfBoundsIsInvalidNotAnOverflow() {
        for (String amount : new String[] {"1e999999999", "1e-999999999", "1e400", "1e20", "1" + "0".repeat(60)}) {
            assertThatThrownBy(() -> SearchCursor.parse(encode("PRICE|" + amount + "|USDC|a")))
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessage("cursor: is not a cursor of this search");
        }
    }

    @Test
    void tokenLongerThanAnyIssuedIsRefusedUnread() {
        String longest = new SearchCursor.ByPrice(
                        Money.of("999999999999999.999999", "USDC"), AgentId.of("a".repeat(64)))
                .token();
        assertThat(longest.length()).isLessThanOrEqualTo(SearchCursor.MAX_TOKEN_LENGTH);

        assertThatThrownBy(() -> SearchCursor.parse("A".repeat(SearchCursor.MAX_TOKEN_LENGTH + 1)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("cursor: is not a cursor of this search");
    }

    private static String encode(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }
}
