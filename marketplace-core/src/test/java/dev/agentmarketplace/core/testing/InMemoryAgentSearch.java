package dev.agentmarketplace.core.testing;

import dev.agentmarketplace.core.discovery.AgentSearch;
import dev.agentmarketplace.core.discovery.SearchCriteria;
import dev.agentmarketplace.core.discovery.SearchCursor;
import dev.agentmarketplace.core.discovery.SearchHit;
import dev.agentmarketplace.core.ledger.HireStatistics;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.reputation.ReputationRepository;
import dev.agentmarketplace.core.reputation.ReputationSummary;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The search port in memory: a scan of {@link InMemoryAgentRepository#all()} joined with the
 * reputation summaries and the hire statistics, sorted and cut as a database's keyset query would.
 */
public final class InMemoryAgentSearch implements AgentSearch {
    private final InMemoryAgentRepository agents;
    private final ReputationRepository reputations;
    private final HireStatistics hires;

    public InMemoryAgentSearch(InMemoryAgentRepository agents, ReputationRepository reputations, HireStatistics hires) {
        this.agents = agents;
        this.reputations = reputations;
        this.hires = hires;
    }

    @Override
    public List<SearchHit> search(Query query) {
        SearchCriteria criteria = query.criteria();
        return agents.all().stream()
                .filter(agent -> !agent.isDeregistered())
                .filter(agent -> agent.capabilities().stream().anyMatch(criteria.anyOf()::contains))
                .filter(agent -> criteria.currency()
                        .map(currency -> agent.price().currency().equals(currency))
                        .orElse(true))
                .filter(agent -> criteria.priceCeiling()
                        .map(ceiling -> agent.price().currency().equals(ceiling.currency())
                                && !agent.price().isGreaterThan(ceiling))
                        .orElse(true))
                .filter(agent -> criteria.availability()
                        .contains(agent.effectiveAvailability(query.now(), query.heartbeatLease())))
                .map(agent -> hit(agent, query))
                .filter(hit -> criteria.minReputation().isEmpty()
                        || hit.score() >= criteria.minReputation().getAsDouble())
                .filter(hit ->
                        criteria.after().map(cursor -> isAfter(hit, cursor)).orElse(true))
                .sorted(order(criteria))
                .limit(query.limit())
                .toList();
    }

    private SearchHit hit(Agent agent, Query query) {
        Availability availability = agent.effectiveAvailability(query.now(), query.heartbeatLease());
        Optional<ReputationSummary> summary = reputations.summaryOf(agent.id());
        long recent = hires.hiresOf(agent.id(), query.loadSince());
        return new SearchHit(
                agent,
                availability,
                summary,
                summary.map(ReputationSummary::score).orElse(query.unratedScore()),
                recent,
                (double) recent / agent.capacityPerHour());
    }

    private static Comparator<SearchHit> order(SearchCriteria criteria) {
        Comparator<SearchHit> byId = Comparator.comparing(hit -> hit.agent().id());
        return switch (criteria.sort()) {
            case REPUTATION ->
                Comparator.comparingDouble(SearchHit::score).reversed().thenComparing(byId);
            case PRICE ->
                Comparator.<SearchHit, String>comparing(
                                hit -> hit.agent().price().currency().code())
                        .thenComparing(hit -> hit.agent().price().amount())
                        .thenComparing(byId);
            case LOAD -> Comparator.comparingDouble(SearchHit::load).thenComparing(byId);
        };
    }

    private static boolean isAfter(SearchHit hit, SearchCursor cursor) {
        int byValue = switch (cursor) {
            case SearchCursor.ByReputation byReputation -> Double.compare(byReputation.score(), hit.score());
            case SearchCursor.ByPrice byPrice -> {
                int byCurrency = hit.agent()
                        .price()
                        .currency()
                        .code()
                        .compareTo(byPrice.price().currency().code());
                yield byCurrency != 0
                        ? byCurrency
                        : hit.agent().price().amount().compareTo(byPrice.price().amount());
            }
            case SearchCursor.ByLoad byLoad -> Double.compare(hit.load(), byLoad.load());
        };
        return byValue > 0 || (byValue == 0 && hit.agent().id().compareTo(cursor.after()) > 0);
    }
}
