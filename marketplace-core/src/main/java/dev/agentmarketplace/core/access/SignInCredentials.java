package dev.agentmarketplace.core.access;

import java.time.Duration;
import java.util.Set;

/**
 * Port: whoever signs the platform's own credentials (the embedded token issuer). It proves a link
 * is its own; whether the link may still be used is {@link SignInLinks}'s rule.
 */
public interface SignInCredentials {
    /** A link for {@code subject} with {@code roles}, valid for {@code lifetime}. */
    String issueLink(String subject, Set<Role> roles, Duration lifetime);

    /**
     * The link {@code presented} stands for, whether or not it has expired.
     *
     * @throws dev.agentmarketplace.core.InvalidValueException with field {@code link} when it is not
     *     a link this issuer signed
     */
    SignInLink read(String presented);

    /** A session for {@code subject} with {@code roles}, valid for {@code lifetime}. */
    StaffSession openSession(String subject, Set<Role> roles, Duration lifetime);
}
