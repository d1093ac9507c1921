-- Issue 12: the market overview's rollups (persistence/market/SqlMarketActivity). Runs unchanged on
-- PostgreSQL and H2. A page reads these small tables; it never scans ledger_transaction.

-- The catch-up finds the moves made since it last looked, and so the hours they change.
CREATE INDEX ledger_transition_by_time ON ledger_transition (occurred_at, transaction_id);
-- The census: agents not deregistered (deregistered_at IS NULL) and, of those, the ONLINE ones seen
-- since the lease began, counted from the index alone.
CREATE INDEX agent_by_presence ON agent (deregistered_at, availability, last_seen_at);

-- Transactions by the hour they were created in, their currency and their current state. A move
-- makes its transaction's creation hour dirty; the catch-up recomputes a dirty hour as a whole from
-- ledger_transaction_by_time, so recomputing it twice changes nothing.
CREATE TABLE market_hour (
    hour_start TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    currency   VARCHAR(12)                 NOT NULL,
    state      VARCHAR(16)                 NOT NULL,
    hires      BIGINT                      NOT NULL,
    amount     NUMERIC(38, 18)             NOT NULL,
    CONSTRAINT market_hour_pk PRIMARY KEY (hour_start, currency, state),
    CONSTRAINT market_hour_state_known
        CHECK (state IN ('PENDING', 'SETTLED', 'CANCELLED', 'DISPUTED', 'RESOLVED')),
    CONSTRAINT market_hour_hires_positive CHECK (hires > 0)
);

-- Hires by creation hour and capability (demand), recomputed with market_hour.
CREATE TABLE market_capability_hour (
    hour_start TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    capability VARCHAR(100)                NOT NULL,
    hires      BIGINT                      NOT NULL,
    CONSTRAINT market_capability_hour_pk PRIMARY KEY (hour_start, capability),
    CONSTRAINT market_capability_hour_hires_positive CHECK (hires > 0)
);

-- The platform-fees account's postings summed by the hour their journal entry occurred in. Added
-- entry by entry in sequence order: the journal head's lock makes that the commit order, so the
-- cursor's sequence is an exact boundary between what was added and what was not.
CREATE TABLE market_fee_hour (
    hour_start TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    currency   VARCHAR(12)                 NOT NULL,
    amount     NUMERIC(38, 18)             NOT NULL,
    CONSTRAINT market_fee_hour_pk PRIMARY KEY (hour_start, currency)
);

-- Creation hours waiting to be recomputed.
CREATE TABLE market_dirty_hour (
    hour_start TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT market_dirty_hour_pk PRIMARY KEY (hour_start)
);

-- Where the catch-up stands: one row, locked by the replica catching up (SKIP LOCKED, so another
-- replica leaves it alone rather than waiting). scanned_to is NULL until the first catch-up, which
-- marks every hour since the first transaction dirty.
CREATE TABLE market_rollup_cursor (
    id               INTEGER                     NOT NULL,
    scanned_to       TIMESTAMP(6) WITH TIME ZONE,
    journal_sequence BIGINT                      NOT NULL,
    CONSTRAINT market_rollup_cursor_pk PRIMARY KEY (id),
    CONSTRAINT market_rollup_cursor_single_row CHECK (id = 1),
    CONSTRAINT market_rollup_cursor_sequence_not_negative CHECK (journal_sequence >= 0)
);

INSERT INTO market_rollup_cursor (id, scanned_to, journal_sequence) VALUES (1, NULL, 0);
