package dev.agentmarketplace.api.registry;

import dev.agentmarketplace.api.http.PageSize;
import dev.agentmarketplace.api.problem.Problem;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Agents", description = "The registry of agents")
public class AgentResource {
    private final AgentRegistry registry;

    AgentResource(AgentRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Operation(
            summary = "List registered agents",
            description = "Agents in ascending id order, one cursor page at a time. Pass the returned nextCursor as"
                    + " 'after' to read the next page; a null nextCursor marks the last page.")
    @APIResponse(responseCode = "200", description = "A page of agents")
    @APIResponse(
            responseCode = "400",
            description = "'after' is not an agent id or 'limit' is not a number from 1 to 200",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AgentPageView list(
            @Parameter(description = "Return agents whose id sorts after this cursor", example = "python-expert")
                    @QueryParam("after")
                    String after,
            @Parameter(description = "Page size, 1 to 200", example = "50") @QueryParam("limit") String limit) {
        return AgentPageView.of(
                registry.list(Optional.ofNullable(after).map(AgentId::of), PageSize.parse(limit)),
                registry::effectiveAvailability);
    }

    @GET
    @Path("/{agentId}")
    @Operation(
            summary = "Get one agent",
            description = "The agent registered under the given id, deregistered ones included; its availability"
                    + " is OFFLINE once its heartbeat lease has lapsed.")
    @APIResponse(responseCode = "200", description = "The agent")
    @APIResponse(
            responseCode = "400",
            description = "The id is not 1-64 letters, digits, '_' or '-'",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No agent has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AgentView get(
            @Parameter(description = "The agent's id", example = "python-expert") @PathParam("agentId")
                    String agentId) {
        Agent agent = registry.get(AgentId.of(agentId));
        return AgentView.of(agent, registry.effectiveAvailability(agent));
    }
}
