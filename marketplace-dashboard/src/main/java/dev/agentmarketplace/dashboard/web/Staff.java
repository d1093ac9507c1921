package dev.agentmarketplace.dashboard.web;

import dev.agentmarketplace.core.access.Caller;
import dev.agentmarketplace.core.access.Role;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who is looking at the page. Roles are read as the API reads them ({@link Role#fromClaim}), so one
 * token or session means the same everywhere, and the rules of who may do what are the core's
 * {@link Caller}'s. Templates read it as {@code inject:staff}.
 */
@RequestScoped
@Named("staff")
public class Staff {
    private final SecurityIdentity identity;
    private Optional<Caller> caller;

    Staff(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The signed-in staff member; {@link DashboardGuard} has made sure there is one on every {@link StaffPage}. */
    public Caller caller() {
        return read().orElseThrow(() -> new IllegalStateException("no staff member is signed in"));
    }

    public boolean signedIn() {
        return read().isPresent();
    }

    public boolean isStaff() {
        return read().map(c -> c.has(Role.OPERATOR) || c.has(Role.ADMIN)).orElse(false);
    }

    /** Whether the pages offer actions that change the market. */
    public boolean canChange() {
        return read().map(Caller::isOperator).orElse(false);
    }

    public boolean isAdmin() {
        return read().map(c -> c.has(Role.ADMIN)).orElse(false);
    }

    public String name() {
        return read().map(Caller::subject).orElse("");
    }

    private Optional<Caller> read() {
        if (caller == null) {
            caller = identity.isAnonymous() ? Optional.empty() : Optional.of(callerOf(identity));
        }
        return caller;
    }

    private static Caller callerOf(SecurityIdentity identity) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        identity.getRoles().forEach(name -> Role.fromClaim(name).ifPresent(roles::add));
        // The dashboard never acts as an agent, whatever else the token says.
        roles.remove(Role.AGENT);
        String subject = identity.getPrincipal().getName();
        return new Caller(subject == null || subject.isBlank() ? "unnamed" : subject, Optional.empty(), roles);
    }
}
