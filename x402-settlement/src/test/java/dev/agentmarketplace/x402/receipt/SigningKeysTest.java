package dev.agentmarketplace.x402.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.agentmarketplace.x402.evm.EvmAddress;
import dev.agentmarketplace.x402.evm.PrivateKeySigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SigningKeysTest {
    private static final EvmAddress KEY_ADDRESS = EvmAddress.of(SampleReceipts.KEY_ADDRESS.value());

    @TempDir
    Path dir;

    @Test
    void aKeyFileWithSurroundingWhitespaceAndANewlineLoads() throws IOException {
        Path file = dir.resolve("signing.key");
        Files.writeString(file, "  " + SampleReceipts.KEY + "\r\n\n");

        assertThat(SigningKeys.load(file).address()).isEqualTo(KEY_ADDRESS);
    }

    @Test
    void aKeyFromAnEnvironmentValueLoads() {
        assertThat(SigningKeys.fromString(SampleReceipts.KEY + "\n").address()).isEqualTo(KEY_ADDRESS);
        assertThat(SigningKeys.fromString(SampleReceipts.KEY.toUpperCase().replace("0X", "0x"))
                        .address())
                .isEqualTo(KEY_ADDRESS);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "`` | is empty; expected 0x followed by 64 hex digits",
                "`   \n` | is empty; expected 0x followed by 64 hex digits",
                "9d2675820d55300a05c8991df217a619bcfdc86e2fd91e56443dbbcf159337fd"
                        + " | does not start with 0x; expected 0x followed by 64 hex digits",
                "0x9d2675820d55300a05c8991df217a619bcfdc86e2fd91e56443dbbcf159337"
                        + " | has 62 characters after 0x; expected 0x followed by 64 hex digits",
                "0x9d2675820d55300a05c8991df217a619bcfdc86e2fd91e56443dbbcf159337fd00"
                        + " | has 66 characters after 0x; expected 0x followed by 64 hex digits",
                "0x9d2675820d55300a05c8991df217a619 cfdc86e2fd91e56443dbbcf159337fd"
                        + " | character 35 is not a hex digit; expected 0x followed by 64 hex digits",
                "0x9d2675820d55300a05c8991df217a619bcfdc86e2fd91e56443dbbcf159337fg"
                        + " | character 66 is not a hex digit; expected 0x followed by 64 hex digits",
                "0x0000000000000000000000000000000000000000000000000000000000000000"
                        + " | is not a secp256k1 private key (zero, or not below the curve order n)",
                "0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"
                        + " | is not a secp256k1 private key (zero, or not below the curve order n)",
            })
    void aMalformedKeyIsRefusedPreciselyWithoutQuotingIt(String content, String problem) throws IOException {
        Path file = dir.resolve("signing.key");
        Files.writeString(file, content);

        assertThatThrownBy(() -> SigningKeys.load(file))
                .isInstanceOf(SigningKeyException.class)
                .hasMessage("signing key file " + file + ": " + problem);
        assertThatThrownBy(() -> SigningKeys.fromString(content))
                .isInstanceOf(SigningKeyException.class)
                .hasMessage("signing key: " + problem);
    }

    @Test
    void aKeyFileWithBytesBeyondAsciiIsRefused() throws IOException {
        Path file = dir.resolve("signing.key");
        Files.write(file, new byte[] {'0', 'x', (byte) 0xC3, (byte) 0xA9});

        assertThatThrownBy(() -> SigningKeys.load(file))
                .isInstanceOf(SigningKeyException.class)
                .hasMessage("signing key file " + file + ": holds bytes that are not ASCII; expected 0x followed by 64"
                        + " hex digits");
    }

    @Test
    void loadingAMissingFileIsRefused() {
        Path file = dir.resolve("absent.key");

        assertThatThrownBy(() -> SigningKeys.load(file))
                .isInstanceOf(SigningKeyException.class)
                .hasMessage("signing key file " + file + ": does not exist");
    }

    @Test
    void aMissingFileIsCreatedWithANewKeyReadableByItsOwnerOnly() throws IOException {
        Path file = dir.resolve("data/keys/signing.key");

        PrivateKeySigner created = SigningKeys.loadOrCreate(file, new SecureRandom());

        assertThat(Files.readString(file, StandardCharsets.US_ASCII)).matches("0x[0-9a-f]{64}\n");
        assertThat(SigningKeys.load(file).address()).isEqualTo(created.address());
        assertThat(SigningKeys.loadOrCreate(file).address()).isEqualTo(created.address());
        assertThat(SigningKeys.loadOrCreate(dir.resolve("other.key")).address()).isNotEqualTo(created.address());
        assumeThat(Files.getFileStore(dir).supportsFileAttributeView("posix")).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void anExistingKeyIsLoadedNotReplaced() throws IOException {
        Path file = dir.resolve("signing.key");
        Files.writeString(file, SampleReceipts.KEY + "\n");

        assertThat(SigningKeys.loadOrCreate(file).address()).isEqualTo(KEY_ADDRESS);
        assertThat(Files.readString(file)).isEqualTo(SampleReceipts.KEY + "\n");
    }

    @Test
    void aMalformedExistingFileIsRefusedAndLeftAsItIs() throws IOException {
        Path file = dir.resolve("signing.key");
        Files.writeString(file, "0x1234");

        assertThatThrownBy(() -> SigningKeys.loadOrCreate(file))
                .isInstanceOf(SigningKeyException.class)
                .hasMessage("signing key file " + file
                        + ": has 4 characters after 0x; expected 0x followed by 64 hex digits");
        assertThat(Files.readString(file)).isEqualTo("0x1234");
    }

    /** Repeated, since which thread wins differs from run to run; every run must agree on one key. */
    @RepeatedTest(5)
    void processesRacingToCreateTheKeyAllEndUpWithTheWinnersKey() throws Exception {
        Path file = dir.resolve("race/signing.key");
        int racers = 8;
        CyclicBarrier start = new CyclicBarrier(racers);
        List<Callable<EvmAddress>> tasks = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            tasks.add(() -> {
                start.await();
                return SigningKeys.loadOrCreate(file, new SecureRandom()).address();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        Set<EvmAddress> addresses;
        try {
            List<EvmAddress> results = new ArrayList<>();
            for (Future<EvmAddress> result : pool.invokeAll(tasks)) {
                results.add(result.get());
            }
            addresses = Set.copyOf(results);
        } finally {
            pool.shutdownNow();
        }

        assertThat(addresses).containsExactly(SigningKeys.load(file).address());
        try (Stream<Path> left = Files.list(file.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString()).collect(Collectors.toList()))
                    .containsExactly("signing.key");
        }
    }

    @Test
    void theSignerNamesOnlyItsAddress() {
        PrivateKeySigner signer = SigningKeys.fromString(SampleReceipts.KEY);

        assertThat(signer.toString()).isEqualTo("PrivateKeySigner[0x2980bc24bBFB34DE1BBC91479Cb712ffbCE02F73]");
    }
}
