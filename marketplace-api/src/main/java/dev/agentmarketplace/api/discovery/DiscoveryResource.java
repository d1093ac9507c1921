package dev.agentmarketplace.api.discovery;

import dev.agentmarketplace.api.http.CursorPage;
import dev.agentmarketplace.api.http.PageSize;
import dev.agentmarketplace.api.problem.Problem;
import dev.agentmarketplace.api.registry.AgentView;
import dev.agentmarketplace.api.security.CurrentCaller;
import dev.agentmarketplace.core.discovery.AgentDiscovery;
import dev.agentmarketplace.core.discovery.SearchCursor;
import dev.agentmarketplace.core.discovery.SearchPage;
import dev.agentmarketplace.core.discovery.SelectionStrategy;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentRegistry;
import dev.agentmarketplace.core.registry.Capability;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Finding agents: search, recommendations, selection of one agent, capability analytics. Open to every role. */
@Path("/api/v1/discovery")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "Discovery", description = "Finding agents to hire (any role)")
@APIResponse(
        responseCode = "400",
        description = "A parameter is missing or invalid; the problem's errors name it",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "401",
        description = "No bearer token, or an invalid one",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "403",
        description = "The token holds none of the roles agent, operator or admin",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class DiscoveryResource {
    private final AgentDiscovery discovery;
    private final AgentRegistry registry;
    private final CurrentCaller caller;

    /**
     * How discovery counts load (issue 13), the same in every answer; marketplace-persistence's README
     * measures the sweep's delay.
     */
    static final String LOAD_DEFINITION = "Load is an agent's hires in the last hour divided by its capacity per"
            + " hour. Each hire and each cancel updates it at once; as the hour slides, a minute of hires that has"
            + " left it is taken off by the load sweep, which every replica runs right after each whole minute and"
            + " every 5 s (marketplace.discovery.load-sweep-cron). Until then, for a few seconds, those hires still"
            + " count, in the load shown and in the LOAD order alike; a hire is never counted late.";

    DiscoveryResource(AgentDiscovery discovery, AgentRegistry registry, CurrentCaller caller) {
        this.discovery = discovery;
        this.registry = registry;
        this.caller = caller;
    }

    @GET
    @Path("/search")
    @Operation(
            summary = "Search agents",
            description = "Agents offering any of the given capabilities, filtered by currency, price ceiling,"
                    + " effective availability and minimum reputation, in the chosen order (ties by agent id), one"
                    + " cursor page at a time. Every result satisfies every filter. Prices are compared only within"
                    + " one currency: sort=PRICE needs 'currency'. Pass the returned nextCursor as 'after', with the"
                    + " same sort and currency, for the next page. " + LOAD_DEFINITION)
    @APIResponse(responseCode = "200", description = "A page of matching agents")
    public CursorPage<SearchHitView> search(
            @Parameter(description = "A capability; repeat for any of several (at most 20)", example = "python")
                    @QueryParam("capability")
                    List<String> capabilities,
            @Parameter(
                            description = "Highest price per task, in 'currency' (required with it): an amount below"
                                    + " 10^15 with at most the currency's decimals",
                            example = "2.50")
                    @QueryParam("maxPrice")
                    String maxPrice,
            @Parameter(
                            description = "Keeps only agents priced in this currency; required with maxPrice and with"
                                    + " sort=PRICE",
                            example = "USDC")
                    @QueryParam("currency")
                    String currency,
            @Parameter(
                            description = "Effective availability to keep; repeat for several; every one when absent",
                            schema = @Schema(enumeration = {"ONLINE", "BUSY", "OFFLINE", "MAINTENANCE"}),
                            example = "ONLINE")
                    @QueryParam("availability")
                    List<String> availability,
            @Parameter(description = "Lowest reputation score, 0 to 5", example = "4") @QueryParam("minReputation")
                    String minReputation,
            @Parameter(
                            description = "REPUTATION (best first, the default), PRICE (cheapest first within"
                                    + " 'currency', which it needs) or LOAD (least loaded first: hires in the last"
                                    + " hour / capacity per hour, as kept by each hire and recounted by the load sweep"
                                    + " within seconds of a minute leaving the hour)",
                            schema = @Schema(enumeration = {"REPUTATION", "PRICE", "LOAD"}),
                            example = "PRICE")
                    @QueryParam("sort")
                    String sort,
            @Parameter(
                            description = "The nextCursor of the previous page, an opaque token of one sort",
                            example = "UFJJQ0V8MS41MDAwMDB8VVNEQ3xweXRob24tZXhwZXJ0")
                    @QueryParam("after")
                    String after,
            @Parameter(description = "Page size, 1 to 200", example = "50") @QueryParam("limit") String limit) {
        caller.get().requireAnyRole();
        SearchPage page = discovery.search(DiscoveryParameters.search(
                capabilities, maxPrice, currency, availability, minReputation, sort, after, PageSize.parse(limit)));
        return new CursorPage<>(
                page.hits().stream().map(SearchHitView::of).toList(),
                page.nextCursor().map(SearchCursor::token).orElse(null));
    }

    @GET
    @Path("/recommend")
    @Operation(
            summary = "Recommend agents for a capability",
            description = "The best effectively ONLINE agents (and BUSY ones with includeBusy=true), ranked by the"
                    + " low end of their reputation's confidence interval, their price among the candidates and"
                    + " their current load. Each item shows the weighted parts of its rank. Prices are compared only"
                    + " within one currency: when the candidates are priced in several, name one with 'currency'"
                    + " (else 400 MIXED_CURRENCIES). " + LOAD_DEFINITION)
    @APIResponse(responseCode = "200", description = "The best agents, best first; empty when none is online")
    public RecommendationsView recommend(
            @Parameter(description = "The capability", required = true, example = "python") @QueryParam("capability")
                    String capability,
            @Parameter(description = "How many agents, 1 to 100; 10 when absent", example = "5") @QueryParam("limit")
                    String limit,
            @Parameter(description = "Whether BUSY agents are candidates too; false when absent", example = "true")
                    @QueryParam("includeBusy")
                    String includeBusy,
            @Parameter(
                            description = "Only agents priced in this currency are candidates; needed when the"
                                    + " candidates are priced in several",
                            example = "USDC")
                    @QueryParam("currency")
                    String currency) {
        caller.get().requireAnyRole();
        Capability wanted = DiscoveryParameters.capability(capability);
        List<RecommendationView> items = discovery
                .recommend(
                        wanted,
                        DiscoveryParameters.recommendations(limit),
                        DiscoveryParameters.flag("includeBusy", includeBusy),
                        DiscoveryParameters.currency(currency))
                .stream()
                .map(recommendation ->
                        RecommendationView.of(recommendation, registry.effectiveAvailability(recommendation.agent())))
                .toList();
        return new RecommendationsView(wanted.name(), items);
    }

    // POST, not GET: round-robin advances a turn shared by every replica, so selecting is not safe
    // (RFC 9110 §9.2.1). Nothing is created, so there is no Idempotency-Key either.
    @POST
    @Path("/select")
    @Operation(
            summary = "Select one agent for a capability",
            description = "Picks one effectively ONLINE agent offering the capability. ROUND_ROBIN gives each"
                    + " candidate (in agent id order) its turn, the turn shared by every replica; LEAST_LOADED"
                    + " picks the lowest load (hires in the last hour / capacity, as search counts it), ties by agent"
                    + " id; RANDOM picks"
                    + " uniformly, reproducibly when given a seed. With 'currency', only agents priced in it are"
                    + " candidates; no strategy compares prices.")
    @APIResponse(responseCode = "200", description = "The selected agent")
    @APIResponse(
            responseCode = "404",
            description = "No agent offering the capability is online (NO_AGENT_AVAILABLE)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SelectionView select(
            @Parameter(description = "The capability", required = true, example = "python") @QueryParam("capability")
                    String capability,
            @Parameter(
                            description = "How to pick",
                            required = true,
                            schema = @Schema(enumeration = {"ROUND_ROBIN", "LEAST_LOADED", "RANDOM"}),
                            example = "ROUND_ROBIN")
                    @QueryParam("strategy")
                    String strategy,
            @Parameter(description = "Seed of the RANDOM strategy, for a reproducible pick", example = "42")
                    @QueryParam("seed")
                    String seed,
            @Parameter(description = "Only agents priced in this currency are candidates", example = "USDC")
                    @QueryParam("currency")
                    String currency) {
        caller.get().requireAnyRole();
        Capability wanted = DiscoveryParameters.capability(capability);
        SelectionStrategy how = DiscoveryParameters.strategy(strategy, seed);
        Agent agent = discovery.select(wanted, how, DiscoveryParameters.currency(currency));
        return SelectionView.of(wanted, how, AgentView.of(agent, registry.effectiveAvailability(agent)));
    }

    @GET
    @Path("/capabilities/{capability}/analytics")
    @Operation(
            summary = "Analytics of a capability",
            description = "Supply (agents offering it, those online and their capacity), the spread of prices"
                    + " asked per currency, and demand (hires and volume) over the window up to now.")
    @APIResponse(responseCode = "200", description = "The capability's analytics")
    public CapabilityAnalyticsView analytics(
            @Parameter(in = ParameterIn.PATH, description = "The capability, URL-encoded", example = "code review")
                    @PathParam("capability")
                    String capability,
            @Parameter(
                            description = "Demand window, an ISO 8601 duration up to 366 days; PT24H when absent",
                            example = "PT24H")
                    @QueryParam("window")
                    String window) {
        caller.get().requireAnyRole();
        return CapabilityAnalyticsView.of(
                discovery.analytics(DiscoveryParameters.capability(capability), DiscoveryParameters.window(window)));
    }
}
