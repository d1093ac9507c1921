package dev.agentmarketplace.api.security;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.access.SignInLink;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * Sign-in links as RS256 tokens of the embedded issuer, told apart from its bearer tokens by their
 * audience. A link carries its roles in a claim of its own and no {@code groups}, so presented as a
 * bearer token it is a token without a role, which the API refuses everything.
 */
final class SignInLinkCodec {
    static final String AUDIENCE = "urn:agent-marketplace:dashboard-sign-in";
    private static final String ROLES_CLAIM = "sign_in_roles";
    /** A link is short and its claims are few; anything longer is not one of ours. */
    private static final int MAX_LENGTH = 4096;

    private final LocalIssuerKeys keys;
    private final String issuer;

    SignInLinkCodec(LocalIssuerKeys keys, String issuer) {
        this.keys = keys;
        this.issuer = issuer;
    }

    String encode(String subject, Set<Role> roles, Instant issuedAt, Duration lifetime) {
        return Jwt.issuer(issuer)
                .audience(AUDIENCE)
                .subject(subject)
                .issuedAt(issuedAt)
                .expiresAt(issuedAt.plus(lifetime))
                .claim("jti", UUID.randomUUID().toString())
                .claim(
                        ROLES_CLAIM,
                        roles.stream().map(Role::claimValue).sorted().toList())
                .jws()
                .keyId(keys.keyId())
                .sign(keys.keyPair().getPrivate());
    }

    /** The link, its signature checked; whether it has expired is the core's call, on its clock. */
    SignInLink decode(String presented) {
        if (presented == null || presented.isBlank() || presented.length() > MAX_LENGTH) {
            throw notOurs();
        }
        try {
            JwtClaims claims = consumer(keys.keyPair()).processToClaims(presented.strip());
            if (!issuer.equals(claims.getIssuer()) || !claims.getAudience().equals(List.of(AUDIENCE))) {
                throw notOurs();
            }
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (String name : claims.getStringListClaimValue(ROLES_CLAIM)) {
                roles.add(Role.fromClaim(name).orElseThrow(SignInLinkCodec::notOurs));
            }
            return new SignInLink(
                    claims.getJwtId(),
                    claims.getSubject(),
                    roles,
                    Instant.ofEpochSecond(claims.getExpirationTime().getValue()));
        } catch (InvalidJwtException | MalformedClaimException | NullPointerException e) {
            throw notOurs();
        }
    }

    private static JwtConsumer consumer(KeyPair keys) {
        // Claims are checked above and the expiry by the core; only the signature is jose4j's job.
        return new JwtConsumerBuilder()
                .setSkipAllValidators()
                .setVerificationKey(keys.getPublic())
                .setJwsAlgorithmConstraints(
                        org.jose4j.jwa.AlgorithmConstraints.ConstraintType.PERMIT,
                        org.jose4j.jws.AlgorithmIdentifiers.RSA_USING_SHA256)
                .build();
    }

    private static InvalidValueException notOurs() {
        return new InvalidValueException("link", "is not a sign-in link of this platform");
    }
}
