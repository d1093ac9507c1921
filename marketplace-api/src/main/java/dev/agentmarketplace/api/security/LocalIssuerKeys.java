package dev.agentmarketplace.api.security;

import dev.agentmarketplace.x402.receipt.KeyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The embedded issuer's RSA key pair, kept as a PKCS#8 PEM file in the data directory so tokens
 * stay valid across restarts. The file is created on first use, readable by its owner only, by
 * {@link KeyFiles}, so that processes starting at once on one data directory all end up with the
 * winner's key.
 */
public final class LocalIssuerKeys {
    static final String PRIVATE_KEY_FILE = "issuer-private-key.pem";
    private static final int KEY_BITS = 2048;

    private final KeyPair keyPair;
    private final String keyId;

    private LocalIssuerKeys(KeyPair keyPair) {
        this.keyPair = keyPair;
        this.keyId = thumbprint((RSAPublicKey) keyPair.getPublic());
    }

    /** The key pair in {@code directory}, created there first if it is missing. */
    public static LocalIssuerKeys loadOrCreate(Path directory) {
        Path file = directory.resolve(PRIVATE_KEY_FILE);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return new LocalIssuerKeys(read(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the issuer key " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the issuer key " + file + " is not an RSA private key in PKCS#8 PEM", e);
        }
    }

    public KeyPair keyPair() {
        return keyPair;
    }

    /** The {@code kid} of tokens signed with this key: a digest of the public key. */
    public String keyId() {
        return keyId;
    }

    /** The public key as the base64 of its X.509 encoding, the form {@code quarkus.oidc.public-key} takes. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(keyPair.getPublic().getEncoded());
    }

    private static void create(Path file) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(KEY_BITS);
        KeyPair generated = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(generated.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        KeyFiles.createOnce(file, pem.getBytes(StandardCharsets.US_ASCII));
    }

    private static KeyPair read(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII)
                .replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        KeyFactory factory = KeyFactory.getInstance("RSA");
        RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) factory.generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        RSAPublicKey publicKey = (RSAPublicKey)
                factory.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        return new KeyPair(publicKey, privateKey);
    }

    private static String thumbprint(RSAPublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
