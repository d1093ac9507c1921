package dev.agentmarketplace.dashboard.agents;

import dev.agentmarketplace.core.DomainException;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.NotFoundException;
import dev.agentmarketplace.core.access.AccessDeniedException;
import dev.agentmarketplace.core.access.Caller;
import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.discovery.AgentListing;
import dev.agentmarketplace.core.discovery.ListingPage;
import dev.agentmarketplace.core.money.Decimals;
import dev.agentmarketplace.core.oversight.AgentOversight;
import dev.agentmarketplace.core.oversight.AgentOverview;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRegistry;
import dev.agentmarketplace.core.registry.AgentUpdate;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.reputation.ReputationService;
import dev.agentmarketplace.dashboard.web.Htmx;
import dev.agentmarketplace.dashboard.web.OperatorAction;
import dev.agentmarketplace.dashboard.web.Staff;
import dev.agentmarketplace.dashboard.web.StaffPage;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operators' agents (issue 12): a filtered list a cursor page at a time, one agent's overview,
 * and the operator's actions on it (adjust its reputation, put it into maintenance and back,
 * deregister it). Parses, calls one core service, renders; the rules are the core's.
 */
@Path("/dashboard/agents")
@StaffPage
@Produces(MediaType.TEXT_HTML)
public class AgentsPage {
    static final int PAGE_SIZE = 50;
    static final int TREND_POINTS = 60;
    static final int RECENT_TRANSACTIONS = 10;

    /** What a finished action says on the agent's page; the query string names one, never the text. */
    static final Map<String, String> NOTICES = Map.of(
            "adjusted", "Reputation adjusted.",
            "maintenance", "The agent is in MAINTENANCE: it cannot be hired until it is back.",
            "online", "The agent is declared ONLINE again.",
            "deregistered", "The agent is deregistered. It stays readable, frozen.");

    private final AgentListing listing;
    private final AgentOversight oversight;
    private final AgentRegistry registry;
    private final ReputationService reputation;
    private final Staff staff;

    AgentsPage(
            AgentListing listing,
            AgentOversight oversight,
            AgentRegistry registry,
            ReputationService reputation,
            Staff staff) {
        this.listing = listing;
        this.oversight = oversight;
        this.registry = registry;
        this.reputation = reputation;
        this.staff = staff;
    }

    /** The adjustment form as typed, and what was wrong with it. */
    public record AdjustForm(String delta, String reason, Map<String, String> errors) {
        static final AdjustForm EMPTY = new AdjustForm("", "", Map.of());

        public String error(String field) {
            return errors.get(field);
        }

        public boolean invalid(String field) {
            return errors.containsKey(field);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(AgentsFilterForm.Parsed form, ListingPage page, String error);

        static native TemplateInstance list$results(AgentsFilterForm.Parsed form, ListingPage page, String error);

        static native TemplateInstance detail(
                AgentOverview overview, TrendChart chart, AdjustForm adjust, String notice, String error);

        static native TemplateInstance deregister(Agent agent, String error);

        static native TemplateInstance missing(String id, String message);
    }

    @GET
    public Response list(@BeanParam AgentsFilterForm input, @Context HttpHeaders headers, @Context UriInfo uri) {
        boolean partial = Htmx.wantsFragment(headers);
        AgentsFilterForm.Parsed form = input.parse();
        ListingPage empty = new ListingPage(List.of(), Optional.empty());
        if (form.hasErrors()) {
            if (partial) {
                // htmx swaps no 4xx answer; the full page shows each message beside its field.
                return Response.status(Response.Status.BAD_REQUEST)
                        .header(
                                "HX-Redirect",
                                uri.getRequestUri().getRawPath() + "?"
                                        + uri.getRequestUri().getRawQuery())
                        .build();
            }
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Templates.list(form, empty, form.error("after")))
                    .build();
        }
        ListingPage page = listing.page(form.filter().orElseThrow(), form.after(), PAGE_SIZE);
        return Response.ok(partial ? Templates.list$results(form, page, null) : Templates.list(form, page, null))
                .build();
    }

    @GET
    @Path("{id}")
    public Response detail(@PathParam("id") String id, @QueryParam("done") String done) {
        return detailPage(id, Response.Status.OK, AdjustForm.EMPTY, done == null ? null : NOTICES.get(done), null);
    }

    @POST
    @Path("{id}/reputation")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @OperatorAction
    public Response adjust(
            @PathParam("id") String id, @FormParam("delta") String delta, @FormParam("reason") String reason) {
        AgentId agent = agentId(id);
        if (agent == null) {
            return missing(id);
        }
        Caller operator = staff.caller();
        AdjustForm typed = new AdjustForm(delta == null ? "" : delta, reason == null ? "" : reason, Map.of());
        try {
            operator.require(Role.OPERATOR);
            BigDecimal exact = Decimals.parse("delta", typed.delta().strip());
            reputation.adjust(agent, exact, typed.reason(), operator.subject());
        } catch (InvalidValueException refused) {
            String field = "reason".equals(refused.field()) ? "reason" : "delta";
            AdjustForm invalid = new AdjustForm(typed.delta(), typed.reason(), Map.of(field, messageOf(refused)));
            return detailPage(id, Response.Status.BAD_REQUEST, invalid, null, null);
        } catch (DomainException refused) {
            return detailPage(id, statusOf(refused), typed, null, refused.getMessage());
        }
        return done(agent, "adjusted");
    }

    @POST
    @Path("{id}/availability")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @OperatorAction
    public Response availability(@PathParam("id") String id, @FormParam("availability") String availability) {
        AgentId agent = agentId(id);
        if (agent == null) {
            return missing(id);
        }
        // The dashboard offers the operator's two moves: into maintenance, and back online.
        Availability wanted;
        if ("MAINTENANCE".equals(availability)) {
            wanted = Availability.MAINTENANCE;
        } else if ("ONLINE".equals(availability)) {
            wanted = Availability.ONLINE;
        } else {
            return detailPage(
                    id,
                    Response.Status.BAD_REQUEST,
                    AdjustForm.EMPTY,
                    null,
                    "availability: must be MAINTENANCE or ONLINE");
        }
        try {
            staff.caller().requireSelfOrOperator(agent);
            registry.update(new AgentUpdate.ChangeAvailability(agent, wanted));
        } catch (DomainException refused) {
            return detailPage(id, statusOf(refused), AdjustForm.EMPTY, null, refused.getMessage());
        }
        return done(agent, wanted == Availability.MAINTENANCE ? "maintenance" : "online");
    }

    /** The confirmation step before deregistering, which cannot be undone. */
    @GET
    @Path("{id}/deregister")
    public Response confirmDeregistration(@PathParam("id") String id) {
        AgentId agent = agentId(id);
        if (agent == null) {
            return missing(id);
        }
        try {
            return Response.ok(Templates.deregister(registry.get(agent), null)).build();
        } catch (NotFoundException unknown) {
            return missing(id);
        }
    }

    @POST
    @Path("{id}/deregister")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @OperatorAction
    public Response deregister(@PathParam("id") String id) {
        AgentId agent = agentId(id);
        if (agent == null) {
            return missing(id);
        }
        try {
            staff.caller().requireSelfOrOperator(agent);
            registry.deregister(agent);
        } catch (NotFoundException unknown) {
            return missing(id);
        } catch (DomainException refused) {
            return Response.status(statusOf(refused))
                    .entity(Templates.deregister(registry.get(agent), refused.getMessage()))
                    .build();
        }
        return done(agent, "deregistered");
    }

    private Response detailPage(String id, Response.Status status, AdjustForm adjust, String notice, String error) {
        AgentId agent = agentId(id);
        if (agent == null) {
            return missing(id);
        }
        try {
            AgentOverview overview = oversight.overview(agent, TREND_POINTS, RECENT_TRANSACTIONS);
            return Response.status(status)
                    .entity(Templates.detail(overview, TrendChart.of(overview.trend()), adjust, notice, error))
                    .build();
        } catch (NotFoundException unknown) {
            return missing(id);
        }
    }

    /** After a change, the agent's page again (303), so a reload does not repeat the change. */
    private static Response done(AgentId agent, String notice) {
        return Response.seeOther(URI.create("/dashboard/agents/" + agent.value() + "?done=" + notice))
                .build();
    }

    private static Response missing(String id) {
        return Response.status(Response.Status.NOT_FOUND)
                .entity(Templates.missing(id, "No agent has this id."))
                .build();
    }

    /** The agent id of the path, or null when it cannot be one (such an agent cannot exist). */
    private static AgentId agentId(String id) {
        try {
            return AgentId.of(id);
        } catch (InvalidValueException notAnId) {
            return null;
        }
    }

    private static Response.Status statusOf(DomainException refused) {
        return switch (refused) {
            case NotFoundException missing -> Response.Status.NOT_FOUND;
            case AccessDeniedException denied -> Response.Status.FORBIDDEN;
            case InvalidValueException invalid -> Response.Status.BAD_REQUEST;
            default -> Response.Status.CONFLICT;
        };
    }

    private static String messageOf(InvalidValueException refused) {
        String prefix = refused.field() + ": ";
        String message = refused.getMessage();
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
