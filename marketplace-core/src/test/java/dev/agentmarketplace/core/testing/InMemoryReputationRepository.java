package dev.agentmarketplace.core.testing;

import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.reputation.ReputationEvent;
import dev.agentmarketplace.core.reputation.ReputationPoint;
import dev.agentmarketplace.core.reputation.ReputationRepository;
import dev.agentmarketplace.core.reputation.ReputationService;
import dev.agentmarketplace.core.reputation.ReputationSummary;
import dev.agentmarketplace.core.reputation.ReputationTally;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The reputation port in memory: history per agent, one feedback per transaction, summaries with their tallies and points, all undone on rollback. */
public final class InMemoryReputationRepository implements ReputationRepository {
    private final Map<AgentId, List<ReputationEvent>> histories = new ConcurrentHashMap<>();
    private final Set<TransactionId> rated = ConcurrentHashMap.newKeySet();
    private final Map<AgentId, Stored> summaries = new ConcurrentHashMap<>();
    private final Map<AgentId, List<ReputationPoint>> points = new ConcurrentHashMap<>();
    private final InMemoryUnitOfWork unitOfWork;

    public InMemoryReputationRepository(InMemoryUnitOfWork unitOfWork) {
        this.unitOfWork = unitOfWork;
    }

    @Override
    public synchronized void append(ReputationEvent event) {
        if (event instanceof ReputationEvent.Feedback feedback) {
            if (!rated.add(feedback.transaction())) {
                throw ReputationService.feedbackAlreadyGiven(feedback.transaction());
            }
            unitOfWork.onRollback(() -> rated.remove(feedback.transaction()));
        }
        List<ReputationEvent> history = histories.computeIfAbsent(event.agent(), agent -> new ArrayList<>());
        history.add(event);
        unitOfWork.onRollback(() -> history.removeLast());
    }

    @Override
    public synchronized List<ReputationEvent> history(AgentId agent) {
        return List.copyOf(histories.getOrDefault(agent, List.of()));
    }

    @Override
    public boolean hasFeedbackFor(TransactionId transaction) {
        return rated.contains(transaction);
    }

    @Override
    public void saveSummary(ReputationSummary summary, ReputationTally tally) {
        store(new Stored(summary, Optional.of(tally)));
    }

    @Override
    public void saveSummary(ReputationSummary summary) {
        store(new Stored(summary, Optional.empty()));
    }

    private void store(Stored stored) {
        ReputationSummary summary = stored.summary();
        Stored previous = summaries.put(summary.agent(), stored);
        unitOfWork.onRollback(() -> {
            if (previous == null) {
                summaries.remove(summary.agent());
            } else {
                summaries.put(summary.agent(), previous);
            }
        });
    }

    @Override
    public Optional<ReputationSummary> summaryOf(AgentId agent) {
        return Optional.ofNullable(summaries.get(agent)).map(Stored::summary);
    }

    @Override
    public Optional<ReputationTally> tallyOf(AgentId agent) {
        return Optional.ofNullable(summaries.get(agent)).flatMap(Stored::tally);
    }

    @Override
    public synchronized void appendPoint(ReputationPoint point) {
        List<ReputationPoint> series = points.computeIfAbsent(point.agent(), agent -> new ArrayList<>());
        series.add(point);
        unitOfWork.onRollback(() -> series.removeLast());
    }

    @Override
    public synchronized List<ReputationPoint> recentPoints(AgentId agent, int limit) {
        List<ReputationPoint> series = points.getOrDefault(agent, List.of());
        return List.copyOf(series.subList(Math.max(0, series.size() - limit), series.size()));
    }

    /** A summary row: the summary and, unless stored without one, its tally. */
    private record Stored(ReputationSummary summary, Optional<ReputationTally> tally) {}
}
