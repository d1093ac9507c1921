-- Issue 3: the full agent profile. Runs unchanged on PostgreSQL (15 or newer, for REGEXP_LIKE) and H2.

ALTER TABLE agent ADD COLUMN owner VARCHAR(120);
ALTER TABLE agent ADD COLUMN price_amount NUMERIC(38, 18);
ALTER TABLE agent ADD COLUMN price_currency VARCHAR(12);
ALTER TABLE agent ADD COLUMN payout_wallet VARCHAR(42);
ALTER TABLE agent ADD COLUMN last_seen_at TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE agent ADD COLUMN capacity_per_hour INTEGER;
ALTER TABLE agent ADD COLUMN deregistered_at TIMESTAMP(6) WITH TIME ZONE;

-- Agents registered before the profile existed have no price, wallet or capacity. They get
-- placeholders and are deregistered at once, so nobody can hire them at a made-up price or pay a
-- made-up address; they stay readable, as every deregistered agent does.
UPDATE agent
SET owner = id,
    price_amount = 0,
    price_currency = 'USDC',
    payout_wallet = '0x0000000000000000000000000000000000000000',
    last_seen_at = registered_at,
    capacity_per_hour = 1,
    deregistered_at = CURRENT_TIMESTAMP;

ALTER TABLE agent ALTER COLUMN owner SET NOT NULL;
ALTER TABLE agent ALTER COLUMN price_amount SET NOT NULL;
ALTER TABLE agent ALTER COLUMN price_currency SET NOT NULL;
ALTER TABLE agent ALTER COLUMN payout_wallet SET NOT NULL;
ALTER TABLE agent ALTER COLUMN last_seen_at SET NOT NULL;
ALTER TABLE agent ALTER COLUMN capacity_per_hour SET NOT NULL;

-- The database keeps what the core's Agent and Money guarantee, as far as SQL can say it.
ALTER TABLE agent ADD CONSTRAINT agent_owner_not_blank CHECK (CHAR_LENGTH(TRIM(owner)) > 0);
ALTER TABLE agent ADD CONSTRAINT agent_price_not_negative CHECK (price_amount >= 0);
ALTER TABLE agent ADD CONSTRAINT agent_price_currency_code CHECK (REGEXP_LIKE(price_currency, '^[A-Z][A-Z0-9]{2,11}$'));
ALTER TABLE agent ADD CONSTRAINT agent_payout_wallet_format CHECK (REGEXP_LIKE(payout_wallet, '^0x[0-9a-fA-F]{40}$'));
ALTER TABLE agent ADD CONSTRAINT agent_capacity_positive CHECK (capacity_per_hour > 0);
ALTER TABLE agent ADD CONSTRAINT agent_deregistered_after_registration
    CHECK (deregistered_at IS NULL OR deregistered_at >= registered_at);
ALTER TABLE agent ADD CONSTRAINT agent_version_not_negative CHECK (version >= 0);

-- Metadata as rows rather than a JSON text: both databases compare and index it the same way.
CREATE TABLE agent_metadata (
    agent_id    VARCHAR(64)  NOT NULL,
    entry_key   VARCHAR(64)  NOT NULL,
    entry_value VARCHAR(512) NOT NULL,
    CONSTRAINT agent_metadata_pk PRIMARY KEY (agent_id, entry_key),
    CONSTRAINT agent_metadata_agent_fk FOREIGN KEY (agent_id) REFERENCES agent (id) ON DELETE CASCADE
);
