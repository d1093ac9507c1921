package dev.agentmarketplace.core.dispute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EvidenceItemTest {
    @Test
    void checksumIsSixtyFourHexCharactersKeptInLowerCase() {
        String upper = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";

        assertThat(new EvidenceItem.Checksum(upper).sha256()).isEqualTo(upper.toLowerCase());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0",
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a080",
                "zf86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
            })
    void checksumOfAnyOtherShapeIsRefused(String checksum) {
        assertThatThrownBy(() -> new EvidenceItem.Checksum(checksum))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("evidence.sha256")
                .hasMessageContaining("exactly 64 hexadecimal characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.org/file", "example.org/report", "https://", "http://exa mple.org"})
    void urlMustBeHttpOrHttpsWithAHost(String url) {
        assertThatThrownBy(() -> EvidenceItem.Link.of(url))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("evidence.url");
    }

    @Test
    void httpsUrlIsAccepted() {
        assertThat(EvidenceItem.Link.of(" https://example.org/a?b=c ").url().getHost())
                .isEqualTo("example.org");
    }

    @Test
    void textIsBounded() {
        assertThatThrownBy(() -> new EvidenceItem.Text("x".repeat(4001)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("evidence.text: must be at most 4000 characters");
        assertThatThrownBy(() -> new EvidenceItem.Text("  ")).isInstanceOf(InvalidValueException.class);
    }
}
