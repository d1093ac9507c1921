package dev.agentmarketplace.x402.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.x402.evm.EvmAddress;
import dev.agentmarketplace.x402.evm.PrivateKeySigner;
import dev.agentmarketplace.x402.exact.ExactEvmVerifier;
import dev.agentmarketplace.x402.exact.Offered;
import dev.agentmarketplace.x402.exact.VerifiedExactPayment;
import dev.agentmarketplace.x402.protocol.PaymentRequired;
import dev.agentmarketplace.x402.protocol.PaymentRequirements;
import dev.agentmarketplace.x402.protocol.ResourceInfo;
import dev.agentmarketplace.x402.protocol.X402Headers;
import dev.agentmarketplace.x402.testing.Fixtures;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** jqwik: whatever the key, amount, timeout or time, what the payer signs the verifier accepts. */
class X402PayerPropertiesTest {

    @Property(tries = 60)
    void everyPaymentOfThePayerVerifiesAgainstTheEntryItChose(
            @ForAll @Size(32) byte[] key,
            @ForAll
                    @BigRange(
                            min = "1",
                            max = "115792089237316195423570985008687907853269984665640564039457584007913129639935")
                    BigInteger amount,
            @ForAll @LongRange(min = 6, max = 86_400) long maxTimeoutSeconds,
            @ForAll @LongRange(min = 600, max = 4_000_000_000L) long epochSecond) {
        PrivateKeySigner signer;
        try {
            signer = PrivateKeySigner.fromHex("0x" + HexFormat.of().formatHex(key));
        } catch (RuntimeException outsideTheCurveOrder) {
            return; // zero or above n: not a key (about 2^-128 of the draws)
        }
        Instant now = Instant.ofEpochSecond(epochSecond);
        PaymentRequirements entry = PaymentRequirements.exactEvm(
                "eip155:84532", amount, Fixtures.USDC_BASE_SEPOLIA, Fixtures.PAY_TO, maxTimeoutSeconds, "USDC", "2");
        PaymentRequired required = new PaymentRequired(
                Optional.empty(), ResourceInfo.of("https://r.example"), List.of(entry), Optional.empty());
        X402Payer payer = new X402Payer(signer, Clock.fixed(now, ZoneOffset.UTC), new SecureRandom());

        String header = payer.pay(required, PaymentChoice.ANY).value();
        VerifiedExactPayment verified =
                new ExactEvmVerifier().verify(X402Headers.decodePayment(header), Offered.v2(List.of(entry)), now);

        assertThat(verified.payer()).isEqualTo(signer.address());
        assertThat(verified.amount()).isEqualTo(amount);
        assertThat(verified.payTo()).isEqualTo(EvmAddress.of(Fixtures.PAY_TO));
    }
}
