package dev.agentmarketplace.dashboard.registry;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentPage;
import dev.agentmarketplace.core.registry.AgentRegistry;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The operators' list of registered agents. Only an operator or an admin sees it, read from the
 * same bearer token and role names as the API; sign-in for browsers comes with the dashboard's own
 * issue, so until then a browser must send an operator's token.
 */
@Path("/")
public class AgentsPage {
    static final int PAGE_SIZE = 50;
    private static final EnumSet<Role> STAFF = EnumSet.of(Role.OPERATOR, Role.ADMIN);

    private final AgentRegistry registry;
    private final SecurityIdentity identity;

    AgentsPage(AgentRegistry registry, SecurityIdentity identity) {
        this.registry = registry;
        this.identity = identity;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance agents(List<AgentRow> rows, AgentPage page, String error);

        static native TemplateInstance refused(String heading, String message);
    }

    @GET
    public Response home() {
        return Response.seeOther(URI.create("/agents")).build();
    }

    @GET
    @Path("agents")
    @Produces(MediaType.TEXT_HTML)
    public Response agents(@QueryParam("after") String after) {
        requireStaff();
        try {
            AgentPage page = registry.list(Optional.ofNullable(after).map(AgentId::of), PAGE_SIZE);
            List<AgentRow> rows = page.agents().stream()
                    .map(agent -> new AgentRow(agent, registry.effectiveAvailability(agent)))
                    .toList();
            return Response.ok(Templates.agents(rows, page, null)).build();
        } catch (InvalidValueException e) {
            AgentPage nothing = new AgentPage(List.of(), Optional.empty());
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Templates.agents(List.of(), nothing, e.getMessage()))
                    .build();
        }
    }

    /** Roles are matched as the API matches them ({@link Role#fromClaim}), so one token means the same everywhere. */
    private void requireStaff() {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        boolean staff = identity.getRoles().stream()
                .map(Role::fromClaim)
                .flatMap(Optional::stream)
                .anyMatch(STAFF::contains);
        if (!staff) {
            throw new ForbiddenException();
        }
    }

    // These mappers answer for this page only: a person reads a page, where the API answers problem+json.

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    Response signInRequired() {
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.refused(
                        "Sign-in required",
                        "The dashboard is for operators. Send an operator's or an admin's bearer token"
                                + " (Authorization: Bearer …); a token that has expired or was not issued"
                                + " for this platform is refused."))
                .build();
    }

    @ServerExceptionMapper
    Response staffOnly(ForbiddenException refused) {
        return Response.status(Response.Status.FORBIDDEN)
                .type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.refused(
                        "Operators only",
                        "This token is valid but carries neither the operator nor the admin role,"
                                + " which the dashboard needs."))
                .build();
    }
}
