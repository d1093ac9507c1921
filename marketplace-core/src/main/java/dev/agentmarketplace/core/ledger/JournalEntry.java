package dev.agentmarketplace.core.ledger;

import dev.agentmarketplace.core.money.Currency;
import dev.agentmarketplace.core.money.Money;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One append-only entry of the journal, linked to the one before it by hash.
 *
 * <p>The record holds what was stored, even if it was tampered with: {@link JournalVerifier} checks
 * it, and {@link UnchainedEntry#chainedAfter} is the only way the ledger creates entries, so a fresh entry always
 * balances and carries its true hash.
 *
 * <p>Canonical encoding (version 1), UTF-8, every line ending with {@code \n}:
 *
 * <pre>
 * journal-entry-v1
 * previousHash                       64 lower-case hex
 * sequence                           decimal
 * id                                 lower-case UUID
 * transactionId                      lower-case UUID
 * kind                               EntryKind name
 * at                                 epoch microseconds, decimal
 * account|currency|amount            one line per posting, ordered by account name then currency
 *                                    code; amount is BigDecimal.toPlainString at the currency's scale
 * </pre>
 *
 * {@code hash} is the lower-case hex SHA-256 of that encoding. The first entry's previous hash is 64 zeros.
 */
public record JournalEntry(
        long sequence,
        UUID id,
        TransactionId transactionId,
        EntryKind kind,
        Instant at,
        List<Posting> postings,
        String previousHash,
        String hash) {
    public static final String GENESIS_HASH = "0".repeat(64);

    /** Fixed order of postings in an entry and in its encoding. */
    public static final Comparator<Posting> POSTING_ORDER = Comparator.comparing(
                    (Posting posting) -> posting.account().name())
            .thenComparing(posting -> posting.amount().currency().code());

    public JournalEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        postings = postings.stream().sorted(POSTING_ORDER).toList();
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
    }

    /**
     * A new entry that follows {@code head}: the next sequence number, {@code head}'s hash as its
     * previous hash, the time cut to microseconds (what the encoding and the databases keep), and
     * its own hash.
     *
     * @throws IllegalArgumentException when the postings are empty, repeat an account and currency,
     *     carry a zero amount, or do not sum to zero per currency
     */
    public static JournalEntry chained(
            JournalHead head,
            UUID id,
            TransactionId transactionId,
            EntryKind kind,
            Instant at,
            List<Posting> postings) {
        return new UnchainedEntry(id, transactionId, kind, at, postings).chainedAfter(head);
    }

    /** The hash this entry should carry, recomputed from its content and previous hash. */
    public String expectedHash() {
        return hashOf(previousHash, sequence, id, transactionId, kind, at, postings);
    }

    /** Sum of the postings per currency; a sound entry has only zeros. */
    public Map<Currency, Money> totals() {
        return totalsOf(postings);
    }

    /** Currencies whose postings do not sum to zero. */
    public static List<Currency> unbalancedCurrencies(List<Posting> postings) {
        return totalsOf(postings).entrySet().stream()
                .filter(total -> !total.getValue().isZero())
                .map(Map.Entry::getKey)
                .sorted(Comparator.comparing(Currency::code))
                .toList();
    }

    static Map<Currency, Money> totalsOf(List<Posting> postings) {
        Map<Currency, Money> totals = new HashMap<>();
        for (Posting posting : postings) {
            totals.merge(posting.amount().currency(), posting.amount(), Money::plus);
        }
        return Map.copyOf(totals);
    }

    static String canonicalEncoding(
            String previousHash,
            long sequence,
            UUID id,
            TransactionId transactionId,
            EntryKind kind,
            Instant at,
            List<Posting> postings) {
        StringBuilder text = new StringBuilder("journal-entry-v1\n")
                .append(previousHash)
                .append('\n')
                .append(sequence)
                .append('\n')
                .append(id)
                .append('\n')
                .append(transactionId.value())
                .append('\n')
                .append(kind.name())
                .append('\n')
                .append(epochMicros(at))
                .append('\n');
        postings.stream()
                .sorted(POSTING_ORDER)
                .forEach(posting -> text.append(posting.account().name())
                        .append('|')
                        .append(posting.amount().currency().code())
                        .append('|')
                        .append(posting.amount().amount().toPlainString())
                        .append('\n'));
        return text.toString();
    }

    static String hashOf(
            String previousHash,
            long sequence,
            UUID id,
            TransactionId transactionId,
            EntryKind kind,
            Instant at,
            List<Posting> postings) {
        byte[] encoding = canonicalEncoding(previousHash, sequence, id, transactionId, kind, at, postings)
                .getBytes(StandardCharsets.UTF_8);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encoding));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    private static long epochMicros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000L);
    }
}
