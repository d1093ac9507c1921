package dev.agentmarketplace.api.disputes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.agentmarketplace.api.http.Amount;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.dispute.Dispute;
import dev.agentmarketplace.core.dispute.DisputeId;
import dev.agentmarketplace.core.dispute.DisputeStatus;
import dev.agentmarketplace.core.dispute.Evidence;
import dev.agentmarketplace.core.dispute.EvidenceItem;
import dev.agentmarketplace.core.dispute.Resolution;
import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.DisputeOutcome;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.AgentId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DisputeViewTest {
    private static final Instant OPENED = Instant.parse("2026-11-26T08:00:00Z");
    private static final AgentId PAYER = AgentId.of("orchestrator");
    private static final AgentId PROVIDER = AgentId.of("python-expert");
    private static final String CHECKSUM = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Test
    void showsEveryEvidenceKindWithItsValueAndTheRefundAsAString() {
        Resolution partial = new Resolution(
                new DisputeOutcome.PartialRefund(Money.of("0.5", "USDC")),
                Actor.operator("ops"),
                OPENED.plusSeconds(60),
                "half delivered");
        Dispute dispute = new Dispute(
                DisputeId.of("5d0c7c0e-2f3b-4a4e-8f7e-1f2d3c4b5a69"),
                TransactionId.of("0b5f8a52-6f4e-4c1b-9a57-3d3c2f0e9b71"),
                PAYER,
                PROVIDER,
                PAYER,
                "no output",
                List.of(
                        new Evidence(new EvidenceItem.Text("empty"), PAYER, OPENED),
                        new Evidence(EvidenceItem.Link.of("https://evidence.example/a"), PROVIDER, OPENED),
                        new Evidence(new EvidenceItem.Checksum(CHECKSUM), PROVIDER, OPENED)),
                OPENED,
                OPENED.plus(Duration.ofHours(72)),
                DisputeStatus.RESOLVED,
                Optional.of(partial),
                2);

        DisputeView view = DisputeView.of(dispute);

        assertThat(view.evidence())
                .extracting(DisputeView.EvidenceView::kind, DisputeView.EvidenceView::value)
                .containsExactly(
                        tuple(EvidenceKind.TEXT, "empty"),
                        tuple(EvidenceKind.URL, "https://evidence.example/a"),
                        tuple(EvidenceKind.SHA256, CHECKSUM));
        assertThat(view.status()).isEqualTo("RESOLVED");
        assertThat(view.resolution().outcome()).isEqualTo(DisputeOutcomeKind.PARTIAL_REFUND);
        assertThat(view.resolution().refund()).isEqualTo(new Amount("0.500000", "USDC"));
        assertThat(view.resolution().decidedBy()).isEqualTo(new DisputeView.ActorView("OPERATOR", "ops"));
    }

    @Test
    void onlyAPartialRefundCarriesAnAmount() {
        Amount half = new Amount("0.50", "USDC");

        assertThat(new ResolveDisputeRequest(DisputeOutcomeKind.PARTIAL_REFUND, half, "n").toOutcome())
                .isEqualTo(new DisputeOutcome.PartialRefund(Money.of("0.50", "USDC")));
        assertThat(new ResolveDisputeRequest(DisputeOutcomeKind.FULL_REFUND, null, "n").toOutcome())
                .isEqualTo(new DisputeOutcome.FullRefund());
        assertThatThrownBy(() -> new ResolveDisputeRequest(DisputeOutcomeKind.PARTIAL_REFUND, null, "n").toOutcome())
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("refund"));
        assertThatThrownBy(() -> new ResolveDisputeRequest(DisputeOutcomeKind.PROVIDER_UPHELD, half, "n").toOutcome())
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("refund"));
    }
}
