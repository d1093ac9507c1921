package dev.agentmarketplace.dashboard.registry;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentPage;
import dev.agentmarketplace.core.registry.AgentRegistry;
import dev.agentmarketplace.dashboard.web.StaffPage;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;

/** The operators' list of registered agents, a cursor page at a time. */
@Path("/dashboard/agents")
@StaffPage
public class AgentsPage {
    static final int PAGE_SIZE = 50;

    private final AgentRegistry registry;

    AgentsPage(AgentRegistry registry) {
        this.registry = registry;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance agents(List<AgentRow> rows, AgentPage page, String error);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response agents(@QueryParam("after") String after) {
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
}
