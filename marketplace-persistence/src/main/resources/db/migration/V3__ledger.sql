-- Issue 4: the ledger (transactions, their timelines, the hash-chained journal). Runs unchanged on
-- PostgreSQL and H2; the append-only trigger is PostgreSQL's alone (db/vendor/postgresql).

CREATE TABLE ledger_transaction (
    id                   VARCHAR(36)                 NOT NULL,
    payer_id             VARCHAR(64)                 NOT NULL,
    provider_id          VARCHAR(64)                 NOT NULL,
    capability           VARCHAR(100)                NOT NULL,
    amount               NUMERIC(38, 18)             NOT NULL,
    currency             VARCHAR(12)                 NOT NULL,
    context              VARCHAR(4096)               NOT NULL,
    idempotency_key      VARCHAR(128)                NOT NULL,
    state                VARCHAR(16)                 NOT NULL,
    -- The first step of the timeline, kept on the row so history and hire counts use one index.
    created_at           TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    settlement_reference VARCHAR(256),
    outcome              VARCHAR(16),
    refund_amount        NUMERIC(38, 18),
    refund_currency      VARCHAR(12),
    version              BIGINT                      NOT NULL DEFAULT 0,
    CONSTRAINT ledger_transaction_pk PRIMARY KEY (id),
    CONSTRAINT ledger_transaction_payer_fk FOREIGN KEY (payer_id) REFERENCES agent (id),
    CONSTRAINT ledger_transaction_provider_fk FOREIGN KEY (provider_id) REFERENCES agent (id),
    -- Idempotency keys are scoped per payer (the core's IdempotencyKey).
    CONSTRAINT ledger_transaction_payer_key_unique UNIQUE (payer_id, idempotency_key),
    CONSTRAINT ledger_transaction_amount_positive CHECK (amount > 0),
    CONSTRAINT ledger_transaction_no_self_hire CHECK (payer_id <> provider_id),
    CONSTRAINT ledger_transaction_currency_code CHECK (REGEXP_LIKE(currency, '^[A-Z][A-Z0-9]{2,11}$')),
    CONSTRAINT ledger_transaction_state_known
        CHECK (state IN ('PENDING', 'SETTLED', 'CANCELLED', 'DISPUTED', 'RESOLVED')),
    CONSTRAINT ledger_transaction_outcome_known
        CHECK (outcome IS NULL OR outcome IN ('PROVIDER_UPHELD', 'FULL_REFUND', 'PARTIAL_REFUND')),
    -- An outcome exists exactly when the dispute is resolved; only a partial refund names an amount.
    CONSTRAINT ledger_transaction_outcome_when_resolved
        CHECK ((state = 'RESOLVED' AND outcome IS NOT NULL) OR (state <> 'RESOLVED' AND outcome IS NULL)),
    CONSTRAINT ledger_transaction_partial_refund
        CHECK ((outcome = 'PARTIAL_REFUND' AND refund_amount > 0 AND refund_amount < amount
                    AND refund_currency = currency)
            OR (outcome IS DISTINCT FROM 'PARTIAL_REFUND' AND refund_amount IS NULL AND refund_currency IS NULL)),
    CONSTRAINT ledger_transaction_version_not_negative CHECK (version >= 0)
);

-- History is keyset-paged on (created_at, id) under each filter the port offers.
CREATE INDEX ledger_transaction_by_time ON ledger_transaction (created_at, id);
CREATE INDEX ledger_transaction_by_payer ON ledger_transaction (payer_id, created_at, id);
-- Also the hire count of the capacity check and the last hire: (provider_id, created_at).
CREATE INDEX ledger_transaction_by_provider ON ledger_transaction (provider_id, created_at, id);
-- Also the expiry sweep: PENDING, oldest first.
CREATE INDEX ledger_transaction_by_state ON ledger_transaction (state, created_at, id);
-- Also capability analytics over a time range.
CREATE INDEX ledger_transaction_by_capability ON ledger_transaction (capability, created_at, id);

-- One row per Transition; step 0 is the hire itself.
CREATE TABLE ledger_transition (
    transaction_id VARCHAR(36)                 NOT NULL,
    step           INTEGER                     NOT NULL,
    from_state     VARCHAR(16),
    to_state       VARCHAR(16)                 NOT NULL,
    actor_kind     VARCHAR(16)                 NOT NULL,
    actor_id       VARCHAR(128)                NOT NULL,
    occurred_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    note           VARCHAR(4096)               NOT NULL,
    CONSTRAINT ledger_transition_pk PRIMARY KEY (transaction_id, step),
    CONSTRAINT ledger_transition_transaction_fk FOREIGN KEY (transaction_id) REFERENCES ledger_transaction (id),
    CONSTRAINT ledger_transition_step_not_negative CHECK (step >= 0),
    CONSTRAINT ledger_transition_first_has_no_origin
        CHECK ((step = 0 AND from_state IS NULL) OR (step > 0 AND from_state IS NOT NULL)),
    CONSTRAINT ledger_transition_states_known
        CHECK (to_state IN ('PENDING', 'SETTLED', 'CANCELLED', 'DISPUTED', 'RESOLVED')
            AND (from_state IS NULL OR from_state IN ('PENDING', 'SETTLED', 'CANCELLED', 'DISPUTED', 'RESOLVED'))),
    CONSTRAINT ledger_transition_actor_kind_known CHECK (actor_kind IN ('AGENT', 'OPERATOR', 'SYSTEM'))
);

-- The journal: entries chained by hash, computed by the core and stored at insert.
CREATE TABLE journal_entry (
    entry_sequence BIGINT                      NOT NULL,
    id             VARCHAR(36)                 NOT NULL,
    transaction_id VARCHAR(36)                 NOT NULL,
    kind           VARCHAR(16)                 NOT NULL,
    occurred_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    previous_hash  VARCHAR(64)                 NOT NULL,
    hash           VARCHAR(64)                 NOT NULL,
    -- The primary key is also what makes two appends with one sequence impossible.
    CONSTRAINT journal_entry_pk PRIMARY KEY (entry_sequence),
    CONSTRAINT journal_entry_id_unique UNIQUE (id),
    CONSTRAINT journal_entry_hash_unique UNIQUE (hash),
    CONSTRAINT journal_entry_transaction_fk FOREIGN KEY (transaction_id) REFERENCES ledger_transaction (id),
    CONSTRAINT journal_entry_sequence_positive CHECK (entry_sequence > 0),
    CONSTRAINT journal_entry_kind_known CHECK (kind IN ('HOLD', 'SETTLE', 'VOID', 'EXPIRE', 'RESOLVE')),
    CONSTRAINT journal_entry_hashes_are_sha256
        CHECK (REGEXP_LIKE(previous_hash, '^[0-9a-f]{64}$') AND REGEXP_LIKE(hash, '^[0-9a-f]{64}$'))
);

CREATE INDEX journal_entry_by_transaction ON journal_entry (transaction_id, entry_sequence);

CREATE TABLE journal_posting (
    entry_sequence BIGINT          NOT NULL,
    account        VARCHAR(80)     NOT NULL,
    currency       VARCHAR(12)     NOT NULL,
    amount         NUMERIC(38, 18) NOT NULL,
    -- An entry posts to each account once per currency (JournalEntry.chained).
    CONSTRAINT journal_posting_pk PRIMARY KEY (entry_sequence, account, currency),
    CONSTRAINT journal_posting_entry_fk FOREIGN KEY (entry_sequence) REFERENCES journal_entry (entry_sequence),
    CONSTRAINT journal_posting_not_zero CHECK (amount <> 0),
    CONSTRAINT journal_posting_account_known
        CHECK (account IN ('escrow', 'platform-fees') OR REGEXP_LIKE(account, '^agent:[A-Za-z0-9_-]{1,64}$')),
    CONSTRAINT journal_posting_currency_code CHECK (REGEXP_LIKE(currency, '^[A-Z][A-Z0-9]{2,11}$'))
);

-- Balances are sums per account and currency, read from the index alone.
CREATE INDEX journal_posting_by_account ON journal_posting (account, currency, amount);

-- The chain's head: one row, locked FOR UPDATE by every append, so appends are serialized on
-- every replica; journal entries themselves are never updated.
CREATE TABLE journal_head (
    id             INTEGER     NOT NULL,
    entry_sequence BIGINT      NOT NULL,
    hash           VARCHAR(64) NOT NULL,
    CONSTRAINT journal_head_pk PRIMARY KEY (id),
    CONSTRAINT journal_head_single_row CHECK (id = 1),
    CONSTRAINT journal_head_sequence_not_negative CHECK (entry_sequence >= 0),
    CONSTRAINT journal_head_hash_is_sha256 CHECK (REGEXP_LIKE(hash, '^[0-9a-f]{64}$'))
);

INSERT INTO journal_head (id, entry_sequence, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
