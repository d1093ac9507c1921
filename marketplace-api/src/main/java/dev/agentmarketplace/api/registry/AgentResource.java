package dev.agentmarketplace.api.registry;

import dev.agentmarketplace.api.http.Amount;
import dev.agentmarketplace.api.http.IdempotencyFilter;
import dev.agentmarketplace.api.http.Idempotent;
import dev.agentmarketplace.api.http.IdempotentCall;
import dev.agentmarketplace.api.http.PageSize;
import dev.agentmarketplace.api.problem.Problem;
import dev.agentmarketplace.api.security.CurrentCaller;
import dev.agentmarketplace.core.access.Caller;
import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.discovery.AgentDiscovery;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentRegistry;
import dev.agentmarketplace.core.registry.AgentUpdate;
import dev.agentmarketplace.core.registry.Availability;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The registry of agents. An agent registers and changes only itself; an operator may also set
 * any agent's availability (MAINTENANCE, say) and deregister it; an admin registers and updates
 * agents in bulk. Reading needs any of the market's roles.
 */
@Path("/api/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "Agents", description = "The registry of agents")
@APIResponse(
        responseCode = "401",
        description = "No bearer token, or an invalid one",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "403",
        description = "ROLE_REQUIRED: the caller lacks the role; ACTING_AS_ANOTHER_AGENT: an agent named another"
                + " agent than itself",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AgentResource {
    private static final String AGENT_ID = "The agent's id";
    private static final String IF_MATCH = "Change the agent only if its version (the ETag of GET) is still this;"
            + " a mismatch is 409 CONCURRENT_MODIFICATION";

    private final AgentRegistry registry;
    private final AgentDiscovery discovery;
    private final CurrentCaller caller;
    private final IdempotentCall idempotent;

    AgentResource(AgentRegistry registry, AgentDiscovery discovery, CurrentCaller caller, IdempotentCall idempotent) {
        this.idempotent = idempotent;
        this.registry = registry;
        this.discovery = discovery;
        this.caller = caller;
    }

    @GET
    @Operation(
            summary = "List or filter agents",
            description = "Without filters: every agent, deregistered ones included, in ascending id order. With"
                    + " any filter (capability, currency, maxPrice (needs currency), availability, minReputation,"
                    + " sort): a search over live agents offering any of the given capabilities, best reputation"
                    + " first unless sorted otherwise; availability defaults to all four. Prices are compared only"
                    + " within one currency, so sort=PRICE needs 'currency'. Either way pass the returned"
                    + " nextCursor as 'after', with the same filters, to read the next page; a null nextCursor"
                    + " marks the last page.")
    @APIResponse(responseCode = "200", description = "A page of agents")
    @APIResponse(
            responseCode = "400",
            description = "A filter, the cursor or the limit is malformed, or filters lack a capability",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AgentPageView list(
            @Parameter(description = "Offers any of these capabilities (repeat the parameter)", example = "python")
                    @QueryParam("capability")
                    List<String> capability,
            @Parameter(
                            description = "Costs at most this per task, in 'currency' (required with it); an amount"
                                    + " below 10^15 with at most the currency's decimals",
                            example = "2.00")
                    @QueryParam("maxPrice")
                    String maxPrice,
            @Parameter(
                            description = "Only agents priced in this currency match; required with maxPrice and"
                                    + " with sort=PRICE",
                            example = "USDC")
                    @QueryParam("currency")
                    String currency,
            @Parameter(description = "Is now in any of these availabilities (repeat the parameter)", example = "ONLINE")
                    @QueryParam("availability")
                    List<String> availability,
            @Parameter(description = "Reputation score at least this, 0 to 5", example = "4.0")
                    @QueryParam("minReputation")
                    String minReputation,
            @Parameter(
                            description = "REPUTATION (default), PRICE (needs currency) or LOAD (least loaded first;"
                                    + " load as the discovery search counts it)",
                            example = "PRICE")
                    @QueryParam("sort")
                    String sort,
            @Parameter(description = "The previous page's nextCursor", example = "python-expert") @QueryParam("after")
                    String after,
            @Parameter(description = "Page size, 1 to 200", example = "50") @QueryParam("limit") String limit) {
        caller.get().requireAnyRole();
        AgentFilters filters = new AgentFilters(capability, maxPrice, currency, availability, minReputation, sort);
        int size = PageSize.parse(limit);
        if (filters.any()) {
            return AgentPageView.of(discovery.search(filters.criteria(after, size)));
        }
        return AgentPageView.of(
                registry.list(Optional.ofNullable(after).map(AgentId::of), size), registry::effectiveAvailability);
    }

    @GET
    @Path("/{agentId}")
    @Operation(
            summary = "Get one agent",
            description = "The agent registered under the given id, deregistered ones included; its availability"
                    + " is OFFLINE once its heartbeat lease has lapsed. The ETag is its version, for If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "The agent",
            headers = @Header(name = HttpHeaders.ETAG, description = "The agent's version"))
    @APIResponse(
            responseCode = "400",
            description = "The id is not 1-64 letters, digits, '_' or '-'",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No agent has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<AgentView> get(
            @Parameter(description = AGENT_ID, example = "python-expert") @PathParam("agentId") String agentId) {
        caller.get().requireAnyRole();
        AgentId id = AgentId.of(agentId);
        return Versions.ok(view(registry.get(id)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @Parameter(
            name = IdempotencyFilter.HEADER,
            in = ParameterIn.HEADER,
            description = Idempotent.HEADER_DESCRIPTION,
            example = "register-python-expert-0001")
    @Operation(
            summary = "Register the calling agent",
            description = "An agent registers itself: the body's id must be the agent id of the caller's token."
                    + " Its registration counts as its first heartbeat. Send an Idempotency-Key to retry safely.")
    @APIResponse(responseCode = "201", description = "The registered agent; Location is its URL")
    @APIResponse(
            responseCode = "400",
            description = "A field is missing or malformed (each is named in 'errors')",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "AGENT_ALREADY_REGISTERED, or IDEMPOTENCY_MISMATCH for a key reused with another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<AgentView> register(@Valid @NotNull RegisterAgentRequest request, UriInfo uri) {
        Caller self = caller.get();
        self.requireSelf(Inputs.as("id", () -> AgentId.of(request.id())));
        return idempotent.once(() -> {
            Agent agent = registry.register(request.toRegistration());
            return Versions.created(
                    uri.getAbsolutePathBuilder().path(agent.id().value()).build(), view(agent));
        });
    }

    @PUT
    @Path("/{agentId}/price")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Change the agent's price",
            description =
                    "The price of one task from now on; hires already made keep theirs. Only the agent" + " itself.")
    @APIResponse(responseCode = "200", description = "The changed agent")
    @APIResponse(
            responseCode = "400",
            description = "The amount or currency is malformed, negative, not below 10^15 or has too many decimals",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No agent has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "AGENT_DEREGISTERED, or CONCURRENT_MODIFICATION when If-Match is stale",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<AgentView> changePrice(
            @Parameter(description = AGENT_ID, example = "python-expert") @PathParam("agentId") String agentId,
            @Parameter(in = ParameterIn.HEADER, description = IF_MATCH, example = "\"3\"")
                    @HeaderParam(HttpHeaders.IF_MATCH)
                    String ifMatch,
            @Valid @NotNull Amount request) {
        AgentId id = self(agentId);
        return update(new AgentUpdate.ChangePrice(id, request.toMoney()), ifMatch);
    }

    @PUT
    @Path("/{agentId}/availability")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Set the agent's availability",
            description = "The agent itself, or an operator (to put an agent into MAINTENANCE, say). The heartbeat"
                    + " lease is not renewed: a silent agent still reads as OFFLINE.")
    @APIResponse(responseCode = "200", description = "The changed agent")
    @APIResponse(
            responseCode = "400",
            description = "Not ONLINE, BUSY, OFFLINE or MAINTENANCE",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No agent has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "AGENT_DEREGISTERED, or CONCURRENT_MODIFICATION when If-Match is stale",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<AgentView> changeAvailability(
            @Parameter(description = AGENT_ID, example = "python-expert") @PathParam("agentId") String agentId,
            @Parameter(in = ParameterIn.HEADER, description = IF_MATCH, example = "\"3\"")
                    @HeaderParam(HttpHeaders.IF_MATCH)
                    String ifMatch,
            @Valid @NotNull AvailabilityRequest request) {
        AgentId id = AgentId.of(agentId);
        caller.get().requireSelfOrOperator(id);
        return update(
                new AgentUpdate.ChangeAvailability(id, Inputs.availability("availability", request.availability())),
                ifMatch);
    }

    @PUT
    @Path("/{agentId}/capabilities")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Replace the agent's capabilities",
            description = "The whole new set, normalized (trimmed, lower-cased, deduplicated). Only the agent itself.")
    @APIResponse(responseCode = "200", description = "The changed agent")
    @APIResponse(
            responseCode = "400",
            description = "Empty, more than 50, or a blank or over-long name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No agent has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "AGENT_DEREGISTERED, or CONCURRENT_MODIFICATION when If-Match is stale",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<AgentView> changeCapabilities(
            @Parameter(description = AGENT_ID, example = "python-expert") @PathParam("agentId") String agentId,
            @Parameter(in = ParameterIn.HEADER, description = IF_MATCH, example = "\"3\"")
                    @HeaderParam(HttpHeaders.IF_MATCH)
                    String ifMatch,
            @Valid @NotNull CapabilitiesRequest request) {
        AgentId id = self(agentId);
        return update(
                new AgentUpdate.ChangeCapabilities(id, Inputs.capabilities("capabilities", request.capabilities())),
                ifMatch);
    }

    @PUT
    @Path("/{agentId}/capacity")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the agent's capacity", description = "Tasks per hour. Only the agent itself.")
    @APIResponse(responseCode = "200", description = "The changed agent")
    @APIResponse(
            responseCode = "400",
            description = "Not a whole number from 1 to 1000000",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No agent has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "AGENT_DEREGISTERED, or CONCURRENT_MODIFICATION when If-Match is stale",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<AgentView> changeCapacity(
            @Parameter(description = AGENT_ID, example = "python-expert") @PathParam("agentId") String agentId,
            @Parameter(in = ParameterIn.HEADER, description = IF_MATCH, example = "\"3\"")
                    @HeaderParam(HttpHeaders.IF_MATCH)
                    String ifMatch,
            @Valid @NotNull CapacityRequest request) {
        AgentId id = self(agentId);
        return update(new AgentUpdate.ChangeCapacity(id, request.capacityPerHour()), ifMatch);
    }

    @PUT
    @Path("/{agentId}/metadata")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Replace the agent's metadata",
            description = "The whole new key/value map; an empty one clears it. Only the agent itself.")
    @APIResponse(responseCode = "200", description = "The changed agent")
    @APIResponse(
            responseCode = "400",
            description = "A key or value breaks the limits (32 keys, 64-character keys, 512-character values)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No agent has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "AGENT_DEREGISTERED, or CONCURRENT_MODIFICATION when If-Match is stale",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<AgentView> changeMetadata(
            @Parameter(description = AGENT_ID, example = "python-expert") @PathParam("agentId") String agentId,
            @Parameter(in = ParameterIn.HEADER, description = IF_MATCH, example = "\"3\"")
                    @HeaderParam(HttpHeaders.IF_MATCH)
                    String ifMatch,
            @Valid @NotNull MetadataRequest request) {
        AgentId id = self(agentId);
        return update(new AgentUpdate.ChangeMetadata(id, Inputs.metadata(request.metadata())), ifMatch);
    }

    @POST
    @Path("/{agentId}/heartbeat")
    @Idempotent
    @Parameter(
            name = IdempotencyFilter.HEADER,
            in = ParameterIn.HEADER,
            description = Idempotent.HEADER_DESCRIPTION,
            example = "heartbeat-python-expert-0001")
    @Operation(
            summary = "Send a heartbeat",
            description = "Renews the agent's availability lease (an agent silent for longer than the lease reads"
                    + " as OFFLINE) and, with the availability parameter, declares a new availability at the same"
                    + " time. No body. Only the agent itself.")
    @APIResponse(responseCode = "200", description = "The agent with its new lastSeenAt")
    @APIResponse(
            responseCode = "400",
            description = "Not ONLINE, BUSY, OFFLINE or MAINTENANCE",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No agent has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "AGENT_DEREGISTERED",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<AgentView> heartbeat(
            @Parameter(description = AGENT_ID, example = "python-expert") @PathParam("agentId") String agentId,
            @Parameter(description = "The availability from now on; absent keeps the declared one", example = "BUSY")
                    @QueryParam("availability")
                    String availability) {
        AgentId id = self(agentId);
        Optional<Availability> declared =
                Optional.ofNullable(availability).map(value -> Inputs.availability("availability", value));
        return idempotent.once(() -> Versions.ok(view(registry.heartbeat(id, declared))));
    }

    @DELETE
    @Path("/{agentId}")
    @Operation(
            summary = "Deregister an agent",
            description = "The agent itself or an operator. The agent stops being discoverable and hireable and"
                    + " can no longer be changed, but stays readable so its transactions and reputation keep"
                    + " their counterparty.")
    @APIResponse(responseCode = "200", description = "The agent, with deregisteredAt set")
    @APIResponse(
            responseCode = "404",
            description = "No agent has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "AGENT_DEREGISTERED: it already was",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AgentView deregister(
            @Parameter(description = AGENT_ID, example = "python-expert") @PathParam("agentId") String agentId) {
        AgentId id = AgentId.of(agentId);
        caller.get().requireSelfOrOperator(id);
        return view(registry.deregister(id));
    }

    @POST
    @Path("/bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @Parameter(
            name = IdempotencyFilter.HEADER,
            in = ParameterIn.HEADER,
            description = Idempotent.HEADER_DESCRIPTION,
            example = "bulk-register-2026-11-26-01")
    @Operation(
            summary = "Register agents in bulk (admin)",
            description = "All of the agents, or none: any refused item rejects the batch with 422 BULK_REJECTED,"
                    + " each refused item named as items[i] in 'errors'. A malformed item is a 400 naming"
                    + " items[i].field. Send an Idempotency-Key to retry safely.")
    @APIResponse(responseCode = "201", description = "The registered agents, in the order of the items")
    @APIResponse(
            responseCode = "400",
            description = "An item is malformed, or the batch is empty or too large",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "IDEMPOTENCY_MISMATCH for a key reused with another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "BULK_REJECTED: nothing was registered; 'errors' names every refused item",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<AgentListView> registerAll(@Valid @NotNull BulkRegisterRequest request) {
        caller.get().require(Role.ADMIN);
        return idempotent.once(() -> RestResponse.status(
                RestResponse.Status.CREATED,
                AgentListView.of(registry.registerAll(request.toRegistrations()), this::view)));
    }

    @POST
    @Path("/bulk-update")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Update agents in bulk (admin)",
            description = "One change per item and one item per agent; all of them apply, or none: any refused"
                    + " item rejects the batch with 422 BULK_REJECTED, each refused item named as items[i].")
    @APIResponse(responseCode = "200", description = "The changed agents, in the order of the items")
    @APIResponse(
            responseCode = "400",
            description = "An item is malformed or names not exactly one change, or the batch is empty or too large",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "BULK_REJECTED: nothing was changed; 'errors' names every refused item",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AgentListView updateAll(@Valid @NotNull BulkUpdateRequest request) {
        caller.get().require(Role.ADMIN);
        return AgentListView.of(registry.updateAll(request.toUpdates()), this::view);
    }

    /** The agent named by the path, which must be the caller's own. */
    private AgentId self(String agentId) {
        return caller.get().requireSelf(AgentId.of(agentId));
    }

    private RestResponse<AgentView> update(AgentUpdate update, String ifMatch) {
        OptionalLong expected = Versions.expected(ifMatch);
        Agent changed = expected.isPresent() ? registry.update(update, expected.getAsLong()) : registry.update(update);
        return Versions.ok(view(changed));
    }

    private AgentView view(Agent agent) {
        return AgentView.of(agent, registry.effectiveAvailability(agent));
    }
}
