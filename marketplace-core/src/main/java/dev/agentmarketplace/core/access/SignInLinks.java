package dev.agentmarketplace.core.access;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Signing in to the dashboard without an identity server: the command line (or the first start)
 * issues a short-lived link for a staff member, and the browser that presents it first gets a
 * session. A link works once, only before it lapses, and only for staff roles, so a leaked terminal
 * scrollback is worth nothing once the operator has signed in.
 */
public final class SignInLinks {
    public static final Duration DEFAULT_LINK_LIFETIME = Duration.ofMinutes(15);
    public static final Duration DEFAULT_SESSION_LIFETIME = Duration.ofHours(8);
    private static final Set<Role> STAFF = Set.of(Role.OPERATOR, Role.ADMIN);

    private final SignInCredentials credentials;
    private final RedeemedSignInLinks redeemed;
    private final Clock clock;
    private final Duration sessionLifetime;

    public SignInLinks(
            SignInCredentials credentials, RedeemedSignInLinks redeemed, Clock clock, Duration sessionLifetime) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.redeemed = Objects.requireNonNull(redeemed, "redeemed");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sessionLifetime = requirePositive(sessionLifetime);
    }

    /**
     * A link for a staff member.
     *
     * @throws InvalidValueException when {@code roles} names no staff role or an agent role: the
     *     dashboard is for people who run the market, never for an agent
     */
    public String issue(String subject, Set<Role> roles, Duration lifetime) {
        requireStaffOnly(roles);
        if (subject == null || subject.isBlank() || subject.length() > Caller.MAX_SUBJECT_LENGTH) {
            throw new InvalidValueException("subject", "must be 1-" + Caller.MAX_SUBJECT_LENGTH + " characters");
        }
        return credentials.issueLink(subject, roles, requirePositive(lifetime));
    }

    /**
     * Redeems the link {@code presented}: a session for its subject and roles.
     *
     * @throws InvalidValueException (field {@code link}) when the link is forged, malformed, expired
     *     or not for staff
     * @throws ConflictException with {@code SIGN_IN_LINK_USED} when the link signed someone in before
     */
    public StaffSession redeem(String presented) {
        SignInLink link = credentials.read(presented);
        Instant now = clock.instant();
        if (!link.expiresAt().isAfter(now)) {
            throw new InvalidValueException("link", "this sign-in link has expired; ask for a new one");
        }
        requireStaffOnly(link.roles());
        if (!redeemed.redeem(link.id(), link.expiresAt(), now)) {
            throw new ConflictException(
                    ErrorCode.SIGN_IN_LINK_USED, "this sign-in link has been used already; ask for a new one");
        }
        return credentials.openSession(link.subject(), link.roles(), sessionLifetime);
    }

    private static void requireStaffOnly(Set<Role> roles) {
        if (roles.stream().noneMatch(STAFF::contains) || roles.contains(Role.AGENT)) {
            throw new InvalidValueException("link", "a sign-in link is for operators and admins only");
        }
    }

    private static Duration requirePositive(Duration lifetime) {
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
            throw new InvalidValueException("lifetime", "must be a positive duration");
        }
        return lifetime;
    }
}
