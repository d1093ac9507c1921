package dev.agentmarketplace.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class TokenRedactionTest {
    private static final String JWT =
            "eyJraWQiOiJjOWUiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyb290In0.bdPseYKNbh3vvqTCwz_pb-qLP93cXqM5xrj1cyzY";

    @Test
    void aJwtInAFormattedMessageIsReplaced() {
        ExtLogRecord record = new ExtLogRecord(
                Level.INFO, "Token verification has failed: %s", ExtLogRecord.FormatStyle.PRINTF, "test");
        record.setParameters(new Object[] {"JsonWebSignature->" + JWT});

        assertThat(new TokenRedaction().isLoggable(record)).isTrue();

        assertThat(record.getFormattedMessage())
                .isEqualTo("Token verification has failed: JsonWebSignature->[redacted]")
                .doesNotContain("bdPse");
    }

    @Test
    void bearerCredentialsOfAnyShapeAreReplaced() {
        assertThat(TokenRedaction.redact("Authorization: Bearer opaque.token-value_42"))
                .isEqualTo("Authorization: Bearer [redacted]");
        assertThat(TokenRedaction.redact("nothing secret here")).isEqualTo("nothing secret here");
    }
}
