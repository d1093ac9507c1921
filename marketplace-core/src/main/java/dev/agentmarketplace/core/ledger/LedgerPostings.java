package dev.agentmarketplace.core.ledger;

import dev.agentmarketplace.core.money.Money;
import java.util.ArrayList;
import java.util.List;

/**
 * The postings of each money movement, modelled on two-phase transfers: a hire holds the amount in
 * escrow, settlement posts it, cancellation and expiry void it. Zero amounts (a fee rounded down to
 * nothing, say) are left out. Every list sums to zero per currency.
 */
final class LedgerPostings {
    private LedgerPostings() {}

    /** Payer −amount, escrow +amount. */
    static List<Posting> hold(Transaction tx) {
        return of(new Posting(Account.of(tx.payer()), tx.amount().negate()), new Posting(Account.ESCROW, tx.amount()));
    }

    /** Escrow −amount, provider +(amount − fee), platform fees +fee, with fee = amount × feeBps, rounded down. */
    static List<Posting> settle(Transaction tx, int feeBasisPoints) {
        Money fee = tx.amount().basisPoints(feeBasisPoints);
        return of(
                new Posting(Account.ESCROW, tx.amount().negate()),
                new Posting(Account.of(tx.provider()), tx.amount().minus(fee)),
                new Posting(Account.PLATFORM_FEES, fee));
    }

    /** Escrow −amount, payer +amount. */
    static List<Posting> voidHold(Transaction tx) {
        return of(new Posting(Account.ESCROW, tx.amount().negate()), new Posting(Account.of(tx.payer()), tx.amount()));
    }

    /**
     * The movement that ends a dispute. While the money is still in escrow (the dispute was opened
     * on a PENDING hire) the outcome decides where the hold goes; once settled, a refund claws back
     * from the provider and the platform's fee in the proportion of the settlement. An upheld
     * settled transaction moves nothing (an empty list).
     */
    static List<Posting> resolve(Transaction tx, DisputeOutcome outcome, int feeBasisPoints) {
        boolean settled = tx.settledAt().isPresent();
        return switch (outcome) {
            case DisputeOutcome.ProviderUpheld upheld -> settled ? List.of() : settle(tx, feeBasisPoints);
            case DisputeOutcome.FullRefund full -> settled ? refund(tx, tx.amount(), feeBasisPoints) : voidHold(tx);
            case DisputeOutcome.PartialRefund partial ->
                settled
                        ? refund(tx, partial.refund(), feeBasisPoints)
                        : splitHold(tx, partial.refund(), feeBasisPoints);
        };
    }

    /** Payer +refund, platform fees −(refund × feeBps), provider −(refund − that). */
    private static List<Posting> refund(Transaction tx, Money refund, int feeBasisPoints) {
        Money fee = refund.basisPoints(feeBasisPoints);
        return of(
                new Posting(Account.of(tx.payer()), refund),
                new Posting(Account.PLATFORM_FEES, fee.negate()),
                new Posting(Account.of(tx.provider()), refund.minus(fee).negate()));
    }

    /** Escrow −amount, payer +refund, and the remainder split between provider and fee as in a settlement. */
    private static List<Posting> splitHold(Transaction tx, Money refund, int feeBasisPoints) {
        Money remainder = tx.amount().minus(refund);
        Money fee = remainder.basisPoints(feeBasisPoints);
        return of(
                new Posting(Account.ESCROW, tx.amount().negate()),
                new Posting(Account.of(tx.payer()), refund),
                new Posting(Account.of(tx.provider()), remainder.minus(fee)),
                new Posting(Account.PLATFORM_FEES, fee));
    }

    private static List<Posting> of(Posting... postings) {
        List<Posting> nonZero = new ArrayList<>();
        for (Posting posting : postings) {
            if (!posting.amount().isZero()) {
                nonZero.add(posting);
            }
        }
        return List.copyOf(nonZero);
    }
}
