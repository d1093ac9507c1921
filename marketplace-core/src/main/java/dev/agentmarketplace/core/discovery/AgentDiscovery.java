package dev.agentmarketplace.core.discovery;

import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.RandomSource;
import dev.agentmarketplace.core.RuleViolationException;
import dev.agentmarketplace.core.ledger.HireStatistics;
import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.reputation.ReputationCalculator;
import dev.agentmarketplace.core.reputation.ReputationPolicy;
import dev.agentmarketplace.core.reputation.ReputationSummary;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** Finds agents: search with filters and pages, recommendations, selection of one agent, capability analytics. */
public final class AgentDiscovery {
    public static final int MAX_RECOMMENDATIONS = 100;
    public static final Duration MAX_ANALYTICS_WINDOW = Duration.ofDays(366);
    private static final String ROUND_ROBIN_KEY = "round-robin:";

    private final AgentSearch search;
    private final HireStatistics hires;
    private final SelectionStateStore selectionState;
    private final RandomSource random;
    private final ReputationPolicy reputationPolicy;
    private final ReputationCalculator calculator;
    private final DiscoverySettings settings;
    private final Clock clock;
    private final DiscoveryEvents events;

    public AgentDiscovery(
            AgentSearch search,
            HireStatistics hires,
            SelectionStateStore selectionState,
            RandomSource random,
            ReputationPolicy reputationPolicy,
            DiscoverySettings settings,
            Clock clock) {
        this(search, hires, selectionState, random, reputationPolicy, settings, clock, DiscoveryEvents.NONE);
    }

    public AgentDiscovery(
            AgentSearch search,
            HireStatistics hires,
            SelectionStateStore selectionState,
            RandomSource random,
            ReputationPolicy reputationPolicy,
            DiscoverySettings settings,
            Clock clock,
            DiscoveryEvents events) {
        this.events = Objects.requireNonNull(events, "events");
        this.search = Objects.requireNonNull(search, "search");
        this.hires = Objects.requireNonNull(hires, "hires");
        this.selectionState = Objects.requireNonNull(selectionState, "selectionState");
        this.random = Objects.requireNonNull(random, "random");
        this.reputationPolicy = Objects.requireNonNull(reputationPolicy, "reputationPolicy");
        this.calculator = new ReputationCalculator(reputationPolicy);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * One page of agents satisfying every filter of {@code criteria}. The port's rows are checked
     * again here, so that an adapter's mistake or a row changed in between never reaches a caller
     * as a result that breaks a filter (issue 3, Discovery: results always satisfy every filter).
     */
    public SearchPage search(SearchCriteria criteria) {
        if (criteria.sort() == SearchSort.PRICE && criteria.currency().isEmpty()) {
            // Issue 11: amounts of different currencies are not one number to sort by.
            throw new InvalidValueException(
                    "currency", "is required to sort by PRICE, as prices are compared only within one currency");
        }
        events.queried(DiscoveryEvents.Query.SEARCH);
        Instant now = clock.instant();
        // One row more than the page tells whether another page exists without a count query.
        List<SearchHit> rows = search.search(query(criteria, now, criteria.limit() + 1));
        boolean more = rows.size() > criteria.limit();
        List<SearchHit> page = more ? rows.subList(0, criteria.limit()) : rows;
        Optional<SearchCursor> next =
                more ? Optional.of(SearchCursor.of(page.getLast(), criteria.sort())) : Optional.empty();
        return new SearchPage(
                page.stream().filter(hit -> satisfies(hit, criteria, now)).toList(), next);
    }

    /** Whether {@code hit} satisfies every filter of {@code criteria} at {@code now}. */
    private boolean satisfies(SearchHit hit, SearchCriteria criteria, Instant now) {
        Agent agent = hit.agent();
        Availability availability = agent.effectiveAvailability(now, settings.heartbeatLease());
        double score = hit.reputation().map(ReputationSummary::score).orElse(reputationPolicy.priorMean());
        return !agent.isDeregistered()
                && agent.capabilities().stream().anyMatch(criteria.anyOf()::contains)
                && criteria.currency()
                        .map(currency -> agent.price().currency().equals(currency))
                        .orElse(true)
                && criteria.priceCeiling()
                        .map(ceiling -> agent.price().currency().equals(ceiling.currency())
                                && !agent.price().isGreaterThan(ceiling))
                        .orElse(true)
                && availability == hit.availability()
                && criteria.availability().contains(availability)
                && (criteria.minReputation().isEmpty()
                        || score >= criteria.minReputation().getAsDouble());
    }

    /**
     * The best {@code topN} agents for {@code capability} among those effectively ONLINE (and BUSY
     * too when {@code includeBusy}), ranked as {@link Recommendation} documents. Equal ranks go
     * first to the agent hired longest ago (never hired counts as oldest), then by id, so that
     * equally good agents share the work instead of the first id taking it all.
     */
    public List<Recommendation> recommend(Capability capability, int topN, boolean includeBusy) {
        return recommend(capability, topN, includeBusy, Optional.empty());
    }

    /**
     * {@link #recommend(Capability, int, boolean)} among the agents priced in {@code currency}. The
     * price part of a rank compares prices, and prices are compared only within one currency (issue
     * 11): without a currency, candidates priced in several are refused rather than ranked as if
     * their amounts were one number.
     *
     * @throws RuleViolationException with {@code MIXED_CURRENCIES} when no currency is given and the
     *     candidates are priced in more than one
     */
    public List<Recommendation> recommend(
            Capability capability, int topN, boolean includeBusy, Optional<Currency> currency) {
        if (topN < 1 || topN > MAX_RECOMMENDATIONS) {
            throw new InvalidValueException("topN", "must be between 1 and " + MAX_RECOMMENDATIONS + ", was " + topN);
        }
        events.queried(DiscoveryEvents.Query.RECOMMEND);
        Instant now = clock.instant();
        SearchCriteria criteria = candidateCriteria(capability, includeBusy, currency);
        // Ranked from the values ranking reads (issue 13); only the agents recommended are read whole.
        List<Candidate> candidates = leanCandidates(criteria, now);
        Map<Currency, Money[]> priceRange =
                priceRanges(candidates.stream().map(Candidate::price).toList());
        if (priceRange.size() > 1) {
            throw new RuleViolationException(
                    ErrorCode.MIXED_CURRENCIES,
                    "the candidates for '" + capability + "' are priced in "
                            + String.join(
                                    " and ",
                                    priceRange.keySet().stream()
                                            .map(Currency::code)
                                            .sorted()
                                            .toList())
                            + ", and prices are compared only within one currency: name one with currency");
        }
        List<Ranked> ranked = new ArrayList<>();
        for (Candidate candidate : candidates) {
            double lowerBound = candidate
                    .lowerBound()
                    .orElseGet(() ->
                            calculator.compute(candidate.id(), List.of(), now).low());
            double normalizedPrice = normalize(
                    candidate.price(), priceRange.get(candidate.price().currency()));
            double reputationComponent = settings.reputationWeight() * lowerBound / 5;
            double priceComponent = settings.priceWeight() * (1 - normalizedPrice);
            double loadComponent = settings.loadWeight() * (1 - Math.min(candidate.load(), 1));
            ranked.add(new Ranked(
                    candidate,
                    reputationComponent + priceComponent + loadComponent,
                    reputationComponent,
                    priceComponent,
                    loadComponent,
                    lowerBound,
                    normalizedPrice));
        }
        // Looked up only for agents whose rank ties with another's.
        Map<AgentId, Instant> lastHires = new HashMap<>();
        Comparator<Ranked> byLastHire = Comparator.comparing(one -> lastHires.computeIfAbsent(
                one.candidate().id(), id -> hires.lastHireOf(id).orElse(Instant.MIN)));
        ranked.sort(Comparator.comparingDouble(Ranked::rank)
                .reversed()
                .thenComparing(byLastHire)
                .thenComparing(one -> one.candidate().id()));
        List<Ranked> best = ranked.subList(0, Math.min(topN, ranked.size()));
        if (best.isEmpty()) {
            return List.of();
        }
        // The recommended agents, read whole and checked against every filter again (issue 3): one
        // that changed in between, and no longer qualifies, is left out rather than shown.
        Map<AgentId, SearchHit> whole = new HashMap<>();
        search
                .hitsOf(best.stream().map(one -> one.candidate().id()).toList(), query(criteria, now, best.size()))
                .stream()
                .filter(hit -> satisfies(hit, criteria, now))
                .forEach(hit -> whole.put(hit.agent().id(), hit));
        return best.stream()
                .filter(one -> whole.containsKey(one.candidate().id()))
                .map(one -> one.recommendation(whole.get(one.candidate().id()).agent()))
                .toList();
    }

    /** A candidate's rank and its parts, before the agent is read whole. */
    private record Ranked(
            Candidate candidate,
            double rank,
            double reputationComponent,
            double priceComponent,
            double loadComponent,
            double lowerBound,
            double normalizedPrice) {
        Recommendation recommendation(Agent agent) {
            return new Recommendation(
                    agent,
                    rank,
                    reputationComponent,
                    priceComponent,
                    loadComponent,
                    lowerBound,
                    normalizedPrice,
                    candidate.load());
        }
    }

    /**
     * One effectively ONLINE agent offering {@code capability}, picked by {@code strategy}.
     *
     * @throws RuleViolationException with {@code NO_AGENT_AVAILABLE} when no such agent is online
     */
    public Agent select(Capability capability, SelectionStrategy strategy) {
        return select(capability, strategy, Optional.empty());
    }

    /**
     * {@link #select(Capability, SelectionStrategy)} among the agents priced in {@code currency}
     * when given (the one the caller pays in). No strategy compares prices, so candidates in several
     * currencies are fine without one.
     */
    public Agent select(Capability capability, SelectionStrategy strategy, Optional<Currency> currency) {
        events.queried(DiscoveryEvents.Query.SELECT);
        List<SearchHit> candidates = new ArrayList<>(candidates(capability, false, currency, clock.instant()));
        if (candidates.isEmpty()) {
            throw new RuleViolationException(
                    ErrorCode.NO_AGENT_AVAILABLE,
                    "no agent offering '" + capability + "'"
                            + currency.map(unit -> " priced in " + unit).orElse("") + " is online");
        }
        candidates.sort(Comparator.comparing(hit -> hit.agent().id()));
        SearchHit chosen = switch (strategy) {
            case SelectionStrategy.RoundRobin() -> {
                long turn = selectionState.next(ROUND_ROBIN_KEY + capability.name());
                yield candidates.get((int) Math.floorMod(turn - 1, (long) candidates.size()));
            }
            case SelectionStrategy.LeastLoaded() ->
                candidates.stream()
                        .min(Comparator.comparingDouble(SearchHit::load)
                                .thenComparing(hit -> hit.agent().id()))
                        .orElseThrow();
            case SelectionStrategy.Random(var seed) -> {
                RandomSource source = seed.isPresent() ? new SplittableRandom(seed.getAsLong())::nextInt : random;
                yield candidates.get(source.nextInt(candidates.size()));
            }
        };
        return chosen.agent();
    }

    /** Supply, prices and demand of {@code capability}; demand over the {@code window} up to now. */
    public CapabilityAnalytics analytics(Capability capability, Duration window) {
        if (window == null || window.isNegative() || window.isZero() || window.compareTo(MAX_ANALYTICS_WINDOW) > 0) {
            throw new InvalidValueException(
                    "window", "must be positive and at most " + MAX_ANALYTICS_WINDOW.toDays() + " days, was " + window);
        }
        events.queried(DiscoveryEvents.Query.ANALYTICS);
        Instant now = clock.instant();
        // Every offering agent is read: counts and medians must not be cut at a page limit.
        // Every currency is read, each priced separately below; the order does not matter.
        List<SearchHit> offering = all(
                SearchCriteria.of(Set.of(capability), EnumSet.allOf(Availability.class), SearchSort.REPUTATION, 200),
                now,
                Integer.MAX_VALUE);
        long online = 0;
        long onlineCapacity = 0;
        Map<Currency, List<Money>> pricesByCurrency = new TreeMap<>(Comparator.comparing(Currency::code));
        for (SearchHit hit : offering) {
            if (hit.availability() == Availability.ONLINE) {
                online++;
                onlineCapacity += hit.agent().capacityPerHour();
            }
            pricesByCurrency
                    .computeIfAbsent(hit.agent().price().currency(), currency -> new ArrayList<>())
                    .add(hit.agent().price());
        }
        Map<Currency, PriceSpread> spreads = new HashMap<>();
        pricesByCurrency.forEach((currency, prices) -> {
            prices.sort(Comparator.naturalOrder());
            spreads.put(
                    currency,
                    new PriceSpread(prices.getFirst(), prices.get((prices.size() - 1) / 2), prices.getLast()));
        });
        Instant from = now.minus(window);
        HireStatistics.CapabilityActivity activity = hires.activity(capability, from, now);
        return new CapabilityAnalytics(
                capability,
                offering.size(),
                online,
                onlineCapacity,
                spreads,
                from,
                now,
                activity.hires(),
                activity.volume());
    }

    private List<SearchHit> candidates(
            Capability capability, boolean includeBusy, Optional<Currency> currency, Instant now) {
        return all(candidateCriteria(capability, includeBusy, currency), now, settings.maxCandidates());
    }

    /** The agents recommend and select consider: the best-rated first, so the cap keeps the best. */
    private static SearchCriteria candidateCriteria(
            Capability capability, boolean includeBusy, Optional<Currency> currency) {
        Set<Availability> availability =
                includeBusy ? EnumSet.of(Availability.ONLINE, Availability.BUSY) : EnumSet.of(Availability.ONLINE);
        return SearchCriteria.of(
                Set.of(capability), availability, currency, SearchSort.REPUTATION, SearchCriteria.MAX_LIMIT);
    }

    /**
     * Up to {@code maxCandidates} candidates of {@code criteria}, page after page, each within the
     * filters its values show (currency, price ceiling, availability, minimum reputation); the
     * agents finally recommended are checked whole.
     */
    private List<Candidate> leanCandidates(SearchCriteria criteria, Instant now) {
        List<Candidate> rows = new ArrayList<>();
        SearchCriteria next = criteria;
        while (rows.size() < settings.maxCandidates()) {
            List<Candidate> page = search.candidates(query(next, now, criteria.limit()));
            page.stream()
                    .filter(candidate -> satisfies(candidate, criteria))
                    .limit(settings.maxCandidates() - rows.size())
                    .forEach(rows::add);
            if (page.size() < criteria.limit()) {
                break;
            }
            next = criteria.continuingAfter(page.getLast().cursor());
        }
        return rows;
    }

    /** Whether what {@code candidate} shows of an agent is within {@code criteria}'s filters. */
    private static boolean satisfies(Candidate candidate, SearchCriteria criteria) {
        Money price = candidate.price();
        return criteria.currency().map(price.currency()::equals).orElse(true)
                && criteria.priceCeiling()
                        .map(ceiling -> price.currency().equals(ceiling.currency()) && !price.isGreaterThan(ceiling))
                        .orElse(true)
                && criteria.availability().contains(candidate.availability())
                && (criteria.minReputation().isEmpty()
                        || candidate.score() >= criteria.minReputation().getAsDouble());
    }

    /** Every row of a search, page after page, up to {@code max}. */
    private List<SearchHit> all(SearchCriteria criteria, Instant now, int max) {
        List<SearchHit> rows = new ArrayList<>();
        SearchCriteria next = criteria;
        while (rows.size() < max) {
            List<SearchHit> page = search.search(query(next, now, criteria.limit()));
            page.stream()
                    .filter(hit -> satisfies(hit, criteria, now))
                    .limit(max - rows.size())
                    .forEach(rows::add);
            if (page.size() < criteria.limit()) {
                break;
            }
            next = criteria.continuingAfter(SearchCursor.of(page.getLast(), criteria.sort()));
        }
        return rows;
    }

    private AgentSearch.Query query(SearchCriteria criteria, Instant now, int limit) {
        return new AgentSearch.Query(
                criteria,
                now,
                settings.heartbeatLease(),
                now.minus(DiscoverySettings.LOAD_WINDOW),
                reputationPolicy.priorMean(),
                limit);
    }

    private static Map<Currency, Money[]> priceRanges(List<Money> prices) {
        Map<Currency, Money[]> ranges = new HashMap<>();
        for (Money price : prices) {
            ranges.merge(price.currency(), new Money[] {price, price}, (range, single) -> new Money[] {
                range[0].isLessThan(price) ? range[0] : price, range[1].isGreaterThan(price) ? range[1] : price
            });
        }
        return ranges;
    }

    /** The price's place between the cheapest (0) and the dearest (1) candidate of its currency; 0 when all are equal. */
    private static double normalize(Money price, Money[] range) {
        BigDecimal span = range[1].amount().subtract(range[0].amount());
        if (span.signum() == 0) {
            return 0;
        }
        return price.amount()
                .subtract(range[0].amount())
                .divide(span, MathContext.DECIMAL64)
                .doubleValue();
    }
}
