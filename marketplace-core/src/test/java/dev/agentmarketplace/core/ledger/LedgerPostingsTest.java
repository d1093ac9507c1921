package dev.agentmarketplace.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.testing.LedgerContractData;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class LedgerPostingsTest {
    private static final Instant AT = Instant.parse("2026-11-26T08:00:00Z");

    private static Transaction hire(long minorUnits) {
        Transaction tx = LedgerContractData.pending(1, "payer", "provider", "python", "1", AT);
        return new Transaction(
                tx.id(),
                tx.payer(),
                tx.provider(),
                tx.capability(),
                Money.ofMinorUnits(BigInteger.valueOf(minorUnits), Currency.USDC),
                tx.context(),
                tx.idempotencyKey(),
                tx.state(),
                tx.timeline(),
                Optional.empty(),
                Optional.empty(),
                0);
    }

    private static Transaction settled(Transaction tx) {
        return LedgerContractData.moved(
                tx, TransactionState.SETTLED, Actor.operator("o"), AT, Optional.empty(), Optional.empty());
    }

    private static void assertBalancedWithoutZeros(List<Posting> postings) {
        assertThat(JournalEntry.unbalancedCurrencies(postings)).isEmpty();
        assertThat(postings).noneMatch(posting -> posting.amount().isZero());
    }

    @Property(tries = 300)
    void everyMovementSumsToZeroForAnyAmountFeeAndRefund(
            @ForAll @LongRange(min = 2, max = 1_000_000_000_000L) long minorUnits,
            @ForAll @IntRange(min = 0, max = 10_000) int feeBasisPoints,
            @ForAll @IntRange(min = 1, max = 9_999) int refundShare) {
        Transaction tx = hire(minorUnits);
        Money refund = Money.ofMinorUnits(
                BigInteger.valueOf(Math.max(1, Math.min(minorUnits - 1, minorUnits * refundShare / 10_000))),
                Currency.USDC);
        List<DisputeOutcome> outcomes = List.of(
                new DisputeOutcome.ProviderUpheld(),
                new DisputeOutcome.FullRefund(),
                new DisputeOutcome.PartialRefund(refund));

        assertBalancedWithoutZeros(LedgerPostings.hold(tx));
        assertBalancedWithoutZeros(LedgerPostings.settle(tx, feeBasisPoints));
        assertBalancedWithoutZeros(LedgerPostings.voidHold(tx));
        for (DisputeOutcome outcome : outcomes) {
            assertBalancedWithoutZeros(LedgerPostings.resolve(tx, outcome, feeBasisPoints));
            assertBalancedWithoutZeros(LedgerPostings.resolve(settled(tx), outcome, feeBasisPoints));
        }
    }

    @Property(tries = 300)
    void fullRefundAfterSettlementUndoesTheSettlementExactly(
            @ForAll @LongRange(min = 1, max = 1_000_000_000_000L) long minorUnits,
            @ForAll @IntRange(min = 0, max = 10_000) int feeBasisPoints) {
        Transaction tx = hire(minorUnits);
        Map<Account, Money> net = new HashMap<>();
        for (Posting posting : LedgerPostings.settle(tx, feeBasisPoints)) {
            net.merge(posting.account(), posting.amount(), Money::plus);
        }
        for (Posting posting : LedgerPostings.resolve(settled(tx), new DisputeOutcome.FullRefund(), feeBasisPoints)) {
            net.merge(posting.account(), posting.amount(), Money::plus);
        }

        // Settlement then full refund: escrow gave the amount, the payer got it back, nobody else kept anything.
        assertThat(net.get(Account.ESCROW)).isEqualTo(tx.amount().negate());
        assertThat(net.get(Account.of(tx.payer()))).isEqualTo(tx.amount());
        assertThat(net.getOrDefault(Account.of(tx.provider()), Money.zero(Currency.USDC))
                        .isZero())
                .isTrue();
        assertThat(net.getOrDefault(Account.PLATFORM_FEES, Money.zero(Currency.USDC))
                        .isZero())
                .isTrue();
    }
}
