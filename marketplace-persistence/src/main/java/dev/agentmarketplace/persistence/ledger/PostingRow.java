package dev.agentmarketplace.persistence.ledger;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;

/** Row of {@code journal_posting}: one signed line of a journal entry. */
@Embeddable
public class PostingRow {
    /** The core's {@code Account.name()}: {@code agent:<id>}, {@code escrow} or {@code platform-fees}. */
    @Column(name = "account", length = 80, nullable = false, updatable = false)
    public String account;

    @Column(name = "currency", length = 12, nullable = false, updatable = false)
    public String currency;

    @Column(name = "amount", precision = 38, scale = 18, nullable = false, updatable = false)
    public BigDecimal amount;
}
