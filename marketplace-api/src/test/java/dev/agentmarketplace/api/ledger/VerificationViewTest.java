package dev.agentmarketplace.api.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.ledger.ChainVerification;
import org.junit.jupiter.api.Test;

class VerificationViewTest {
    @Test
    void intactChainCountsEveryEntryAndHasNoBrokenLink() {
        assertThat(VerificationView.of(new ChainVerification.Intact(12)))
                .isEqualTo(new VerificationView(true, 12, null));
    }

    @Test
    void brokenChainNamesTheFirstBrokenEntryAndCountsUpToIt() {
        VerificationView view = VerificationView.of(new ChainVerification.Broken(5, "stored hash does not match"));

        assertThat(view.intact()).isFalse();
        assertThat(view.entriesChecked()).isEqualTo(5);
        assertThat(view.firstBroken()).isEqualTo(new VerificationView.BrokenLinkView(5, "stored hash does not match"));
    }
}
