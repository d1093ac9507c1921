package dev.agentmarketplace.core.payment;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A facilitator whose answers a test scripts, recording what it was sent. */
final class ScriptedFacilitator implements Facilitator {
    private final Deque<SettlementOutcome> settlements = new ArrayDeque<>();
    private FacilitatorVerdict verdict = new FacilitatorVerdict.Valid();
    private boolean unreachable;
    final List<Payment> settled = new ArrayList<>();
    int verifications;

    ScriptedFacilitator answering(SettlementOutcome... outcomes) {
        settlements.addAll(List.of(outcomes));
        return this;
    }

    ScriptedFacilitator judging(FacilitatorVerdict value) {
        verdict = value;
        return this;
    }

    ScriptedFacilitator unreachable() {
        unreachable = true;
        return this;
    }

    @Override
    public boolean configured() {
        return true;
    }

    @Override
    public FacilitatorVerdict verify(VerifiedPayment payment) {
        verifications++;
        if (unreachable) {
            throw new FacilitatorUnavailableException("the facilitator did not answer");
        }
        return verdict;
    }

    @Override
    public SettlementOutcome settle(Payment payment) {
        settled.add(payment);
        SettlementOutcome next = settlements.poll();
        if (next == null) {
            throw new AssertionError("settlement of " + payment.transactionId() + " was not expected");
        }
        return next;
    }
}
