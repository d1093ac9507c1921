package dev.agentmarketplace.persistence.dispute;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.dispute.Dispute;
import dev.agentmarketplace.core.dispute.DisputeFilter;
import dev.agentmarketplace.core.dispute.DisputeId;
import dev.agentmarketplace.core.dispute.DisputeQueueCursor;
import dev.agentmarketplace.core.dispute.DisputeRepository;
import dev.agentmarketplace.core.dispute.DisputeStatus;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.persistence.UniqueViolation;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@link DisputeRepository} on Hibernate ORM Panache. Each method joins the caller's transaction (the
 * core's unit of work) or runs in one of its own.
 */
@ApplicationScoped
@Transactional
public class PanacheDisputeRepository implements DisputeRepository {

    @Override
    public Optional<Dispute> findById(DisputeId id) {
        return DisputeEntity.<DisputeEntity>findByIdOptional(id.value()).map(DisputeMapper::toDomain);
    }

    @Override
    public Optional<Dispute> findByTransaction(TransactionId transaction) {
        return DisputeEntity.<DisputeEntity>find("transactionId", transaction.value())
                .firstResultOptional()
                .map(DisputeMapper::toDomain);
    }

    @Override
    public void add(Dispute dispute) {
        if (DisputeEntity.findById(dispute.id().value()) != null
                || findByTransaction(dispute.transactionId()).isPresent()) {
            throw taken(dispute);
        }
        try {
            DisputeMapper.toNewEntity(dispute).persistAndFlush();
        } catch (PersistenceException e) {
            // A dispute another replica opened but had not committed when we looked: the unique key
            // on the transaction decides, with the same answer as a plain duplicate.
            if (UniqueViolation.causedBy(e)) {
                throw taken(dispute);
            }
            throw e;
        }
    }

    /** Compare-and-set on the version column, as for agents and transactions. */
    @Override
    public Dispute update(Dispute dispute) {
        String id = dispute.id().value();
        int bumped = DisputeEntity.update(
                "version = version + 1 where id = :id and version = :version",
                Parameters.with("id", id).and("version", dispute.version()));
        DisputeEntity entity = DisputeEntity.findById(id);
        if (entity == null) {
            throw new IllegalStateException("no dispute " + id + " to update");
        }
        if (bumped == 0) {
            throw new ConflictException(
                    ErrorCode.CONCURRENT_MODIFICATION,
                    "dispute '" + id + "' was changed by someone else since version " + dispute.version());
        }
        DisputeMapper.copyChangeable(dispute, entity);
        // The bulk UPDATE bypassed the persistence context; the entity carries the bumped version.
        entity.version = dispute.version() + 1;
        DisputeEntity.flush();
        return DisputeMapper.toDomain(entity);
    }

    /** Keyset on the id within OPEN disputes, served by the (status, id, deadline) index. */
    @Override
    public List<Dispute> openPastDeadline(Instant now, Optional<DisputeId> after, int limit) {
        Parameters parameters =
                Parameters.with("open", DisputeStatus.OPEN.name()).and("now", now);
        String query = "status = :open and deadline < :now";
        if (after.isPresent()) {
            query += " and id > :after";
            parameters.and("after", after.get().value());
        }
        return DisputeEntity.<DisputeEntity>find(query, Sort.by("id"), parameters)
                .page(Page.ofSize(limit))
                .list()
                .stream()
                .map(DisputeMapper::toDomain)
                .toList();
    }

    /**
     * Keyset on the id. A party is the payer or the provider; each side walks its own (party, id)
     * index up to the page's end, and the two pages merge in id order. A status-only listing walks
     * the (status, id, deadline) index, and no criterion the primary key.
     */
    @Override
    public List<Dispute> list(DisputeFilter filter, Optional<DisputeId> after, int limit) {
        if (filter.party().isEmpty()) {
            return page(filter, after, limit, List.of()).stream()
                    .map(DisputeMapper::toDomain)
                    .toList();
        }
        String party = filter.party().get().value();
        List<DisputeEntity> asPayer = page(filter, after, limit, List.of("payerId = :party"));
        // A dispute's payer and provider differ (no self-hire); the guard keeps the sides disjoint regardless.
        List<DisputeEntity> asProvider =
                page(filter, after, limit, List.of("providerId = :party", "payerId <> :party"));
        return Stream.concat(asPayer.stream(), asProvider.stream())
                .sorted(Comparator.comparing(dispute -> dispute.id))
                .limit(limit)
                .map(DisputeMapper::toDomain)
                .toList();
    }

    /**
     * The queue walks the (status, deadline, id) index: forwards through OPEN, then backwards through
     * RESOLVED, each walk stopping at the page's end; the second runs only when the first left room.
     */
    @Override
    public List<Dispute> queue(Optional<DisputeStatus> status, Optional<DisputeQueueCursor> after, int limit) {
        List<Dispute> page = new ArrayList<>();
        for (DisputeStatus walked : DisputeStatus.values()) {
            boolean unwanted = status.isPresent() && status.get() != walked;
            boolean passed = after.isPresent() && after.get().status().compareTo(walked) > 0;
            if (page.size() == limit || unwanted || passed) {
                continue;
            }
            Optional<DisputeQueueCursor> within = after.filter(cursor -> cursor.status() == walked);
            boolean ascending = walked == DisputeStatus.OPEN;
            Sort order = ascending
                    ? Sort.by("deadline").and("id")
                    : Sort.by("deadline", Sort.Direction.Descending).and("id", Sort.Direction.Descending);
            String query = "status = :status";
            Parameters parameters = Parameters.with("status", walked.name());
            if (within.isPresent()) {
                // Keyset on (deadline, id); the first condition alone bounds the index range.
                String beyond = ascending ? ">" : "<";
                query += " and deadline " + beyond + "= :deadline and (deadline " + beyond + " :deadline or id "
                        + beyond + " :id)";
                parameters
                        .and("deadline", within.get().deadline())
                        .and("id", within.get().id().value());
            }
            DisputeEntity.<DisputeEntity>find(query, order, parameters)
                    .page(Page.ofSize(limit - page.size()))
                    .list()
                    .forEach(entity -> page.add(DisputeMapper.toDomain(entity)));
        }
        return List.copyOf(page);
    }

    private static List<DisputeEntity> page(
            DisputeFilter filter, Optional<DisputeId> after, int limit, List<String> partyCriteria) {
        List<String> criteria = new ArrayList<>(partyCriteria);
        Parameters parameters = new Parameters();
        filter.party().ifPresent(party -> parameters.and("party", party.value()));
        filter.status().ifPresent(status -> {
            criteria.add("status = :status");
            parameters.and("status", status.name());
        });
        after.ifPresent(cursor -> {
            criteria.add("id > :after");
            parameters.and("after", cursor.value());
        });
        var query = criteria.isEmpty()
                ? DisputeEntity.<DisputeEntity>findAll(Sort.by("id"))
                : DisputeEntity.<DisputeEntity>find(String.join(" and ", criteria), Sort.by("id"), parameters);
        return query.page(Page.ofSize(limit)).list();
    }

    private static ConflictException taken(Dispute dispute) {
        return new ConflictException(
                ErrorCode.CONCURRENT_MODIFICATION,
                "dispute '" + dispute.id() + "' or a dispute over transaction '" + dispute.transactionId()
                        + "' is already stored");
    }
}
