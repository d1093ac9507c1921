-- Issue 4: the state discovery shares between replicas. Runs unchanged on PostgreSQL and H2.

-- Selection counters (round-robin turns), one row per key, incremented atomically.
CREATE TABLE selection_cursor (
    cursor_key   VARCHAR(200) NOT NULL,
    cursor_value BIGINT       NOT NULL,
    CONSTRAINT selection_cursor_pk PRIMARY KEY (cursor_key),
    CONSTRAINT selection_cursor_value_positive CHECK (cursor_value > 0)
);

-- Hires per provider and minute, so load-aware search sums at most 60 rows per agent through the
-- primary key instead of counting ledger transactions.
CREATE TABLE provider_load (
    provider_id  VARCHAR(64)                 NOT NULL,
    bucket_start TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    hires        INTEGER                     NOT NULL,
    CONSTRAINT provider_load_pk PRIMARY KEY (provider_id, bucket_start),
    CONSTRAINT provider_load_provider_fk FOREIGN KEY (provider_id) REFERENCES agent (id) ON DELETE CASCADE,
    CONSTRAINT provider_load_hires_not_negative CHECK (hires >= 0)
);

-- Search walks these in its sort's order and stops at the page's end, instead of sorting every
-- agent of a popular capability (SqlAgentSearch): reputation by score, price within a currency.
CREATE INDEX reputation_summary_by_score ON reputation_summary (score DESC, agent_id);
CREATE INDEX agent_by_price ON agent (price_currency, price_amount, id);
