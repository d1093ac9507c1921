package dev.agentmarketplace.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.InvalidValueException;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WalletAddressTest {

    // The examples of EIP-55 itself.
    @ParameterizedTest
    @ValueSource(
            strings = {
                "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
                "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
                "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
                "0x036CbD53842c5426634e7929541eC2318f3dCF7e"
            })
    void acceptsCorrectChecksumsAndNormalizesSingleCaseInputToThem(String checksummed) {
        assertThat(WalletAddress.of(checksummed).value()).isEqualTo(checksummed);
        assertThat(WalletAddress.of(checksummed.toLowerCase(Locale.ROOT)).value())
                .isEqualTo(checksummed);
        assertThat(WalletAddress.of("0x" + checksummed.substring(2).toUpperCase(Locale.ROOT))
                        .value())
                .isEqualTo(checksummed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", "0xFb6916095ca1df60bB79Ce92cE3Ea74c37c5d359"})
    void refusesAMixedCaseAddressWithAWrongChecksum(String typo) {
        assertThatThrownBy(() -> WalletAddress.of(typo)).isInstanceOfSatisfying(InvalidValueException.class, e -> {
            assertThat(e.field()).isEqualTo("payoutWallet");
            assertThat(e.getMessage()).contains("fails its EIP-55 checksum");
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA",
                "0xZZAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
            })
    void refusesWhatIsNotAnAddress(String raw) {
        assertThatThrownBy(() -> WalletAddress.of(raw))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("is not an EVM address");
    }
}
