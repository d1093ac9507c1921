package dev.agentmarketplace.api.admin;

import dev.agentmarketplace.api.http.CursorPage;
import dev.agentmarketplace.api.http.IdempotencyFilter;
import dev.agentmarketplace.api.http.Idempotent;
import dev.agentmarketplace.api.http.IdempotentCall;
import dev.agentmarketplace.api.http.PageSize;
import dev.agentmarketplace.api.problem.Problem;
import dev.agentmarketplace.api.security.CurrentCaller;
import dev.agentmarketplace.api.security.LocalIssuer;
import dev.agentmarketplace.api.security.LocalTokenIssuer;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.access.AgentClient;
import dev.agentmarketplace.core.access.AgentClients;
import dev.agentmarketplace.core.access.Caller;
import dev.agentmarketplace.core.access.Role;
import dev.agentmarketplace.core.registry.AgentId;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The embedded issuer's clients: an admin creates an agent's client and mints its tokens. */
@Path("/api/v1/admin/clients")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "Admin", description = "Clients and tokens of the embedded issuer (admin role)")
@APIResponse(
        responseCode = "401",
        description = "No bearer token, or an invalid one",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "403",
        description = "The caller is not an admin",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ClientResource {
    private final AgentClients clients;
    private final LocalIssuer issuer;
    private final CurrentCaller caller;
    private final IdempotentCall idempotent;

    ClientResource(AgentClients clients, LocalIssuer issuer, CurrentCaller caller, IdempotentCall idempotent) {
        this.clients = clients;
        this.issuer = issuer;
        this.caller = caller;
        this.idempotent = idempotent;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @Parameter(
            name = IdempotencyFilter.HEADER,
            in = ParameterIn.HEADER,
            description = Idempotent.HEADER_DESCRIPTION,
            example = "2f9c4e1a-create-python-expert")
    @Operation(
            summary = "Create an agent's client and mint its first token",
            description = "Creates the embedded issuer's client for an agent id and returns a bearer token whose"
                    + " subject is that agent. The agent then registers itself with the token. The token is shown"
                    + " in this response only (and in its idempotent replay).")
    @APIResponse(responseCode = "201", description = "The client and its token")
    @APIResponse(
            responseCode = "400",
            description = "The agent id or a role is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The agent already has a client, or the embedded issuer is disabled",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull CreateClientRequest request, UriInfo uri) {
        Caller admin = caller.get();
        admin.require(Role.ADMIN);
        AgentId agent = AgentId.of(request.agentId());
        Set<Role> extra = extraRoles(request.extraRoles());
        // Before the client is stored: with an external provider there is nothing to mint with.
        LocalTokenIssuer tokens = issuer.tokens();
        return idempotent.once(() -> {
            AgentClient client = clients.create(admin, agent, extra);
            TokenView token = TokenView.of(ClientView.of(client), tokens.mintForAgent(agent, client.roles()));
            return Response.created(
                            uri.getAbsolutePathBuilder().path(agent.value()).build())
                    .entity(token)
                    .build();
        });
    }

    @POST
    @Path("/{agentId}/tokens")
    @Idempotent
    @Parameter(
            name = IdempotencyFilter.HEADER,
            in = ParameterIn.HEADER,
            description = Idempotent.HEADER_DESCRIPTION,
            example = "2f9c4e1a-create-python-expert")
    @Operation(
            summary = "Mint a new token for an existing client",
            description = "For an agent whose token is lost or about to expire; earlier tokens stay valid until"
                    + " they expire.")
    @APIResponse(responseCode = "201", description = "A fresh token")
    @APIResponse(
            responseCode = "404",
            description = "The agent has no client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response mint(
            @Parameter(description = "The client's agent id", example = "python-expert") @PathParam("agentId")
                    String agentId) {
        AgentClient client = clients.get(caller.get(), AgentId.of(agentId));
        return idempotent.once(() -> {
            TokenView token =
                    TokenView.of(ClientView.of(client), issuer.tokens().mintForAgent(client.agent(), client.roles()));
            return Response.status(Response.Status.CREATED).entity(token).build();
        });
    }

    @POST
    @Path("/{agentId}/disable")
    @Idempotent
    @Parameter(
            name = IdempotencyFilter.HEADER,
            in = ParameterIn.HEADER,
            description = Idempotent.HEADER_DESCRIPTION,
            example = "7c1e-disable-python-expert")
    @Operation(
            summary = "Disable a client: refuse its tokens at once",
            description = "From the moment this answers, every token of the agent is refused on every replica"
                    + " with 401 CLIENT_DISABLED, whenever it was issued. Disabling a disabled client changes"
                    + " nothing.")
    @APIResponse(responseCode = "200", description = "The client, disabled")
    @APIResponse(
            responseCode = "400",
            description = "The agent id is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "The agent has no client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response disable(
            @Parameter(description = "The client's agent id", example = "python-expert") @PathParam("agentId")
                    String agentId) {
        Caller admin = caller.get();
        AgentId agent = AgentId.of(agentId);
        return idempotent.once(
                () -> Response.ok(ClientView.of(clients.disable(admin, agent))).build());
    }

    @POST
    @Path("/{agentId}/enable")
    @Idempotent
    @Parameter(
            name = IdempotencyFilter.HEADER,
            in = ParameterIn.HEADER,
            description = Idempotent.HEADER_DESCRIPTION,
            example = "7c1e-enable-python-expert")
    @Operation(
            summary = "Enable a disabled client again",
            description = "Tokens issued before this moment stay refused (a client is usually disabled because a"
                    + " token leaked): mint a new one. Enabling an enabled client changes nothing.")
    @APIResponse(responseCode = "200", description = "The client, enabled")
    @APIResponse(
            responseCode = "400",
            description = "The agent id is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "The agent has no client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response enable(
            @Parameter(description = "The client's agent id", example = "python-expert") @PathParam("agentId")
                    String agentId) {
        Caller admin = caller.get();
        AgentId agent = AgentId.of(agentId);
        return idempotent.once(
                () -> Response.ok(ClientView.of(clients.enable(admin, agent))).build());
    }

    @GET
    @Operation(summary = "List clients", description = "Clients in agent id order, one cursor page at a time.")
    @APIResponse(responseCode = "200", description = "A page of clients")
    public CursorPage<ClientView> list(
            @Parameter(description = "Return clients whose agent id sorts after this cursor") @QueryParam("after")
                    String after,
            @Parameter(description = "Page size, 1 to 200", example = "50") @QueryParam("limit") String limit) {
        AgentClients.Page page =
                clients.list(caller.get(), Optional.ofNullable(after).map(AgentId::of), PageSize.parse(limit));
        return new CursorPage<>(
                page.clients().stream().map(ClientView::of).toList(),
                page.nextCursor().map(AgentId::value).orElse(null));
    }

    @GET
    @Path("/{agentId}")
    @Operation(summary = "Get one client")
    @APIResponse(responseCode = "200", description = "The client")
    @APIResponse(
            responseCode = "404",
            description = "The agent has no client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ClientView get(
            @Parameter(description = "The client's agent id", example = "python-expert") @PathParam("agentId")
                    String agentId) {
        return ClientView.of(clients.get(caller.get(), AgentId.of(agentId)));
    }

    private static Set<Role> extraRoles(List<String> names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names == null ? List.<String>of() : names) {
            roles.add(Role.fromClaim(name)
                    .filter(role -> role != Role.AGENT)
                    .orElseThrow(() -> new InvalidValueException(
                            "extraRoles", "'" + name + "' is not a role; use operator or admin")));
        }
        return roles;
    }
}
