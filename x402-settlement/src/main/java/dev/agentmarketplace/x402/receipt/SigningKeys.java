package dev.agentmarketplace.x402.receipt;

import dev.agentmarketplace.x402.evm.PrivateKeySigner;
import dev.agentmarketplace.x402.evm.Secp256k1;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Loads the platform's secp256k1 signing key, or creates it on first start.
 *
 * <p>The key is {@code 0x} and 64 hex digits, the form wallets export; surrounding whitespace and a
 * final newline are ignored, so a file written by {@code echo} or a Kubernetes Secret mounted as a
 * file or an environment variable reads as is. Messages never quote the text read: even a malformed
 * key is most of a real one.
 */
public final class SigningKeys {
    private static final int KEY_BYTES = 32;
    private static final String FORM = "0x followed by 64 hex digits";
    private static final String HEX_DIGITS = "0123456789abcdefABCDEF";

    private SigningKeys() {}

    /**
     * The key in {@code value}, e.g. an environment variable filled from a Kubernetes Secret.
     *
     * @throws SigningKeyException if it is not {@code 0x} and 64 hex digits, or outside [1, n-1]
     */
    public static PrivateKeySigner fromString(String value) {
        if (value == null) {
            throw new SigningKeyException("signing key: missing");
        }
        return parse(value, "signing key");
    }

    /**
     * The key in {@code file}.
     *
     * @throws SigningKeyException if the file cannot be read or does not hold a key
     */
    public static PrivateKeySigner load(Path file) {
        String source = "signing key file " + file;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SigningKeyException(source + ": does not exist", e);
        } catch (IOException e) {
            throw new SigningKeyException(
                    source + ": cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
        String text;
        try {
            text = StandardCharsets.US_ASCII
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SigningKeyException(source + ": holds bytes that are not ASCII; expected " + FORM);
        }
        return parse(text, source);
    }

    /** {@link #loadOrCreate(Path, SecureRandom)} with a new {@link SecureRandom}. */
    public static PrivateKeySigner loadOrCreate(Path file) {
        return loadOrCreate(file, new SecureRandom());
    }

    /**
     * The key in {@code file}; when the file does not exist, a new random key written there first,
     * readable by its owner only ({@code rw-------}) where the file system has POSIX permissions. An
     * existing file is never overwritten, even a malformed one: that is refused, since replacing a key
     * would orphan every receipt signed with it.
     *
     * <p>Safe when several processes start at once on one data directory ({@link KeyFiles}): the
     * process that loses reads the winner's key, complete.
     *
     * @throws SigningKeyException if the file cannot be read, created, or does not hold a key
     */
    public static PrivateKeySigner loadOrCreate(Path file, SecureRandom random) {
        if (Files.exists(file)) {
            return load(file);
        }
        try {
            KeyFiles.createOnce(
                    file, ("0x" + HexFormat.of().formatHex(newKey(random)) + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new SigningKeyException(
                    "signing key file " + file + ": cannot be created ("
                            + e.getClass().getSimpleName() + ")",
                    e);
        }
        return load(file);
    }

    /** 32 random bytes that form a valid key, an integer in [1, n-1]; the rest are drawn again. */
    private static byte[] newKey(SecureRandom random) {
        byte[] key = new byte[KEY_BYTES];
        do {
            random.nextBytes(key);
        } while (!Secp256k1.isPrivateKey(new BigInteger(1, key)));
        return key;
    }

    private static PrivateKeySigner parse(String text, String source) {
        String key = text.strip();
        if (key.isEmpty()) {
            throw new SigningKeyException(source + ": is empty; expected " + FORM);
        }
        if (!key.startsWith("0x")) {
            throw new SigningKeyException(source + ": does not start with 0x; expected " + FORM);
        }
        if (key.length() != 2 + 2 * KEY_BYTES) {
            throw new SigningKeyException(
                    source + ": has " + (key.length() - 2) + " characters after 0x; expected " + FORM);
        }
        for (int i = 2; i < key.length(); i++) {
            if (HEX_DIGITS.indexOf(key.charAt(i)) < 0) {
                throw new SigningKeyException(
                        source + ": character " + (i + 1) + " is not a hex digit; expected " + FORM);
            }
        }
        BigInteger value = new BigInteger(1, HexFormat.of().parseHex(key, 2, key.length()));
        if (!Secp256k1.isPrivateKey(value)) {
            throw new SigningKeyException(
                    source + ": is not a secp256k1 private key (zero, or not below the curve order n)");
        }
        return PrivateKeySigner.fromHex(key);
    }
}
