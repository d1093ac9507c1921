package dev.agentmarketplace.dashboard.access;

import dev.agentmarketplace.core.DomainException;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.access.AgentClient;
import dev.agentmarketplace.core.access.AgentClients;
import dev.agentmarketplace.core.access.ClientTokenMinter.IssuedToken;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.dashboard.payment.Refusals;
import dev.agentmarketplace.dashboard.web.AdminAction;
import dev.agentmarketplace.dashboard.web.Staff;
import dev.agentmarketplace.dashboard.web.StaffPage;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The embedded issuer's agent clients, for admins only (the whole page: an operator gets 403):
 * create a client, mint a token (shown once), disable a client so that its tokens are refused at
 * once, and enable it again.
 */
@Path("/dashboard/clients")
@StaffPage
@AdminAction
public class ClientsPage {
    static final int PAGE_SIZE = 50;

    private final AgentClients clients;
    private final Staff staff;

    ClientsPage(AgentClients clients, Staff staff) {
        this.clients = clients;
        this.staff = staff;
    }

    /** A token just minted, for the one page that shows it. */
    public record Minted(String agent, IssuedToken token) {}

    /** What the page shows; absent parts are null. */
    public record View(
            List<AgentClient> clients,
            Optional<String> next,
            String agentId,
            String agentIdError,
            Minted minted,
            String notice,
            String error) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance clients(View page);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response list(@QueryParam("after") String after) {
        try {
            Optional<AgentId> cursor = Optional.ofNullable(after).map(AgentId::of);
            return page(Response.Status.OK, cursor, "", null, null, null, null);
        } catch (InvalidValueException e) {
            return page(Response.Status.BAD_REQUEST, Optional.empty(), "", null, null, null, e.getMessage());
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response create(@FormParam("agentId") String agentId) {
        String typed = agentId == null ? "" : agentId.strip();
        AgentId agent;
        try {
            agent = AgentId.of(typed);
        } catch (InvalidValueException e) {
            return page(Response.Status.BAD_REQUEST, Optional.empty(), typed, e.getMessage(), null, null, null);
        }
        try {
            clients.create(staff.caller(), agent, Set.of());
            IssuedToken token = clients.mintToken(staff.caller(), agent);
            return page(
                    Response.Status.CREATED,
                    Optional.empty(),
                    "",
                    null,
                    new Minted(agent.value(), token),
                    "Client " + agent + " created.",
                    null);
        } catch (DomainException e) {
            return page(Refusals.statusOf(e), Optional.empty(), typed, null, null, null, e.getMessage());
        }
    }

    @POST
    @Path("/{agent}/tokens")
    @Produces(MediaType.TEXT_HTML)
    public Response mint(@PathParam("agent") String agent) {
        return act(agent, id -> {
            IssuedToken token = clients.mintToken(staff.caller(), id);
            return new Minted(id.value(), token);
        });
    }

    @POST
    @Path("/{agent}/disable")
    @Produces(MediaType.TEXT_HTML)
    public Response disable(@PathParam("agent") String agent) {
        return act(agent, id -> {
            clients.disable(staff.caller(), id);
            return "Client " + id + " is disabled: its tokens are refused from now on.";
        });
    }

    @POST
    @Path("/{agent}/enable")
    @Produces(MediaType.TEXT_HTML)
    public Response enable(@PathParam("agent") String agent) {
        return act(agent, id -> {
            clients.enable(staff.caller(), id);
            return "Client " + id + " is enabled; tokens issued before now stay refused, so mint a new one.";
        });
    }

    /** Runs an action on one client; its result is a notice or a minted token, its refusal a message. */
    private Response act(String agent, java.util.function.Function<AgentId, Object> action) {
        try {
            Object done = action.apply(AgentId.of(agent));
            return done instanceof Minted minted
                    ? page(Response.Status.OK, Optional.empty(), "", null, minted, null, null)
                    : page(Response.Status.OK, Optional.empty(), "", null, null, (String) done, null);
        } catch (DomainException e) {
            return page(Refusals.statusOf(e), Optional.empty(), "", null, null, null, e.getMessage());
        }
    }

    private Response page(
            Response.Status status,
            Optional<AgentId> after,
            String agentId,
            String agentIdError,
            Minted minted,
            String notice,
            String error) {
        AgentClients.Page page = clients.list(staff.caller(), after, PAGE_SIZE);
        View view = new View(
                page.clients(), page.nextCursor().map(AgentId::value), agentId, agentIdError, minted, notice, error);
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.clients(view))
                .build();
    }
}
