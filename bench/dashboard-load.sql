-- The dashboard benchmark's market (bench/dashboard.sh): 100,000 agents and 1,000,000 transactions
-- over the 30 days before :'now', loaded with generate_series into a database the application has
-- migrated. Seeded (setseed), so every run loads the same market. Foreign-key triggers are off for
-- this session only (session_replication_role = replica); the data keeps every key anyway.
\set ON_ERROR_STOP on
SET session_replication_role = replica;
SET synchronous_commit = off;
-- Temporary tables of a few hundred MB, sorts and the index builds at the end.
SET temp_buffers = '512MB';
SET work_mem = '256MB';
SET maintenance_work_mem = '512MB';
SELECT setseed(0.42);

-- Plain (not unique) indexes are dropped during the load and built again at its end: one sorted
-- build is minutes faster than a million random insertions into each. Keys and unique constraints
-- stay, and the generated ids and hashes grow with their rows so that those are appended in order.
CREATE TEMP TABLE deferred_index AS
SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
FROM pg_index i
WHERE i.indrelid IN ('agent'::regclass, 'agent_capability'::regclass, 'ledger_transaction'::regclass,
                     'ledger_transition'::regclass, 'journal_entry'::regclass, 'journal_posting'::regclass,
                     'dispute'::regclass, 'x402_payment'::regclass)
  AND NOT i.indisprimary AND NOT i.indisunique;
DO $$
DECLARE deferred record;
BEGIN
    FOR deferred IN SELECT name FROM deferred_index LOOP
        EXECUTE 'DROP INDEX ' || deferred.name;
    END LOOP;
END $$;

-- 60 capabilities; an agent's and a hire's are drawn with random()^3, so the first ones are asked most.
CREATE TEMP TABLE capability_name (n INTEGER PRIMARY KEY, name TEXT NOT NULL);
INSERT INTO capability_name
SELECT n, (ARRAY['python','code review','translation','summarization','sql','rust','java','typescript',
    'data cleaning','image captioning','speech to text','planning','web research','testing','devops',
    'kotlin','go','scala','legal review','copywriting','seo','math','statistics','forecasting','ocr',
    'pdf extraction','scraping','email drafting','scheduling','customer support','sentiment','ranking',
    'embedding','vector search','graph analysis','security audit','threat modelling','compliance',
    'accounting','tax','recruiting','negotiation','design review','ux writing','ui testing','load testing',
    'terraform','kubernetes','ansible','bash','c','cpp','haskell','elixir','swift','ruby','php','r',
    'matlab','fortran'])[n]
FROM generate_series(1, 60) AS n;

-- Agents: 70 % ONLINE, 15 % BUSY, 10 % OFFLINE, 5 % MAINTENANCE; 8 % with a lapsed heartbeat; 2 %
-- deregistered. 80 % priced in USDC, the rest in EURC.
INSERT INTO agent (id, display_name, availability, registered_at, version, owner, price_amount, price_currency,
                   payout_wallet, last_seen_at, capacity_per_hour, deregistered_at)
SELECT 'agent-' || lpad(n::text, 6, '0'),
       'Agent ' || n,
       CASE WHEN r < 0.70 THEN 'ONLINE' WHEN r < 0.85 THEN 'BUSY' WHEN r < 0.95 THEN 'OFFLINE' ELSE 'MAINTENANCE' END,
       :'now'::timestamptz - interval '60 days',
       0,
       'owner-' || (n % 5000),
       round((0.01 * power(10000, random()))::numeric, 2),
       CASE WHEN random() < 0.8 THEN 'USDC' ELSE 'EURC' END,
       '0x' || substr(md5('wallet' || n), 1, 32) || substr(md5('w' || n), 1, 8),
       CASE WHEN random() < 0.08 THEN :'now'::timestamptz - interval '2 hours' * random() - interval '5 minutes'
            ELSE :'now'::timestamptz - interval '60 seconds' * random() END,
       10 + (random() * 990)::int,
       CASE WHEN random() < 0.02 THEN :'now'::timestamptz - interval '20 days' * random() END
FROM (SELECT n, random() AS r FROM generate_series(1, :agents) AS n) AS generated;

-- (Each random() mentions its row, so PostgreSQL draws it per row rather than once.)
INSERT INTO agent_capability (agent_id, capability)
SELECT DISTINCT 'agent-' || lpad(drawn.n::text, 6, '0'), c.name
FROM (SELECT n, 1 + floor(60 * power(random() + 0 * k, 3))::int AS pick
      FROM generate_series(1, :agents) AS n
      CROSS JOIN LATERAL generate_series(1, 1 + ((random() + 0 * n) * 2)::int) AS k) AS drawn
JOIN capability_name c ON c.n = drawn.pick;

-- Transactions: created over 30 days, in the order of their ids as a live ledger appends them; those
-- of the last 15 minutes still PENDING; the others 86 % SETTLED, 8 % CANCELLED, 6 % disputed after
-- settling: RESOLVED with a full refund, or still DISPUTED when recent.
CREATE TEMP TABLE tx AS
SELECT n,
       lpad(to_hex(n), 32, '0')::uuid::text AS id,
       'agent-' || lpad(payer::text, 6, '0') AS payer_id,
       'agent-' || lpad((1 + (payer + offset_ - 1) % :agents)::text, 6, '0') AS provider_id,
       (SELECT name FROM capability_name WHERE capability_name.n = 1 + floor(60 * power(pick, 3))::int) AS capability,
       round((0.01 * power(10000, random()))::numeric, 2) AS amount,
       CASE WHEN random() < 0.8 THEN 'USDC' ELSE 'EURC' END AS currency,
       created_at,
       CASE WHEN created_at > :'now'::timestamptz - interval '15 minutes' THEN 'PENDING'
            WHEN r < 0.86 THEN 'SETTLED' WHEN r < 0.94 THEN 'CANCELLED'
            -- A dispute is decided within its 72 hours, so only recent ones are still open.
            WHEN r < 0.97 AND created_at > :'now'::timestamptz - interval '2 days' THEN 'DISPUTED'
            ELSE 'RESOLVED' END AS state
FROM (SELECT n,
             1 + floor(random() * :agents)::int AS payer,
             1 + floor(random() * (:agents - 1))::int AS offset_,
             random() AS pick,
             random() AS r,
             :'now'::timestamptz - interval '30 days' * ((:transactions - n) + random()) / :transactions AS created_at
      FROM generate_series(1, :transactions) AS n) AS generated;

INSERT INTO ledger_transaction (id, payer_id, provider_id, capability, amount, currency, context, idempotency_key,
                                state, created_at, settlement_reference, outcome, version)
SELECT id, payer_id, provider_id, capability, amount, currency, 'bench', 'bench-hire-key-' || lpad(n::text, 8, '0'), state, created_at,
       CASE WHEN state IN ('SETTLED', 'DISPUTED', 'RESOLVED') THEN 'ref-' || n END,
       CASE WHEN state = 'RESOLVED' THEN 'FULL_REFUND' END,
       0
FROM tx ORDER BY n;

-- The timeline: hired; then settled 1-10 minutes later, or cancelled; disputed a day after settling;
-- resolved two days after that.
CREATE TEMP TABLE step AS
SELECT id, 0 AS step, NULL::text AS from_state, 'PENDING' AS to_state, created_at AS occurred_at FROM tx
UNION ALL
SELECT id, 1, 'PENDING', 'SETTLED', created_at + interval '1 minute' + interval '9 minutes' * (n % 10) / 10
FROM tx WHERE state IN ('SETTLED', 'DISPUTED', 'RESOLVED')
UNION ALL
SELECT id, 1, 'PENDING', 'CANCELLED', created_at + interval '2 minutes' FROM tx WHERE state = 'CANCELLED'
UNION ALL
SELECT id, 2, 'SETTLED', 'DISPUTED', created_at + interval '1 day' FROM tx WHERE state IN ('DISPUTED', 'RESOLVED')
UNION ALL
SELECT id, 3, 'DISPUTED', 'RESOLVED', created_at + interval '3 days' FROM tx WHERE state = 'RESOLVED';

-- Moves "in the future" of the load's instant belong to hires too recent to have made them yet.
DELETE FROM step WHERE occurred_at > :'now'::timestamptz;
UPDATE ledger_transaction t SET state = 'SETTLED', outcome = NULL
WHERE t.state IN ('DISPUTED', 'RESOLVED') AND NOT EXISTS (
    SELECT 1 FROM step s WHERE s.id = t.id AND s.to_state = t.state);
UPDATE ledger_transaction t SET state = 'DISPUTED', outcome = NULL
WHERE t.state = 'SETTLED' AND EXISTS (SELECT 1 FROM step s WHERE s.id = t.id AND s.to_state = 'DISPUTED')
  AND NOT EXISTS (SELECT 1 FROM step s WHERE s.id = t.id AND s.to_state = 'RESOLVED');
DELETE FROM step s USING ledger_transaction t
WHERE s.id = t.id AND s.step > 1 AND t.state = 'SETTLED';

INSERT INTO ledger_transition (transaction_id, step, from_state, to_state, actor_kind, actor_id, occurred_at, note)
SELECT id, step, from_state, to_state, CASE WHEN step = 0 THEN 'AGENT' ELSE 'OPERATOR' END,
       CASE WHEN step = 0 THEN 'bench' ELSE 'ops' END, occurred_at, 'bench'
FROM step ORDER BY id, step;

-- The journal: a HOLD per hire, a SETTLE per settlement (2.5 % fee, rounded down to 6 decimals), a
-- VOID per cancellation, a RESOLVE per full refund (provider and fees give their shares back).
CREATE TEMP TABLE entry AS
SELECT row_number() OVER (ORDER BY s.occurred_at, s.id, s.step) AS entry_sequence, s.id AS transaction_id,
       CASE s.to_state WHEN 'PENDING' THEN 'HOLD' WHEN 'SETTLED' THEN 'SETTLE' WHEN 'CANCELLED' THEN 'VOID'
                       ELSE 'RESOLVE' END AS kind,
       s.occurred_at, t.payer_id, t.provider_id, t.amount, t.currency,
       trunc(t.amount * 0.025, 6) AS fee
FROM step s JOIN ledger_transaction t ON t.id = s.id
WHERE s.to_state <> 'DISPUTED';

INSERT INTO journal_entry (entry_sequence, id, transaction_id, kind, occurred_at, previous_hash, hash)
SELECT entry_sequence, lpad(to_hex(entry_sequence), 32, '0')::uuid::text, transaction_id, kind, occurred_at,
       lpad(to_hex(entry_sequence - 1), 64, '0'), lpad(to_hex(entry_sequence), 64, '0')
FROM entry ORDER BY entry_sequence;

INSERT INTO journal_posting (entry_sequence, account, currency, amount)
SELECT entry_sequence, 'agent:' || payer_id, currency, -amount FROM entry WHERE kind = 'HOLD'
UNION ALL SELECT entry_sequence, 'escrow', currency, amount FROM entry WHERE kind = 'HOLD'
UNION ALL SELECT entry_sequence, 'escrow', currency, -amount FROM entry WHERE kind IN ('SETTLE', 'VOID')
UNION ALL SELECT entry_sequence, 'agent:' || provider_id, currency, amount - fee FROM entry WHERE kind = 'SETTLE'
UNION ALL SELECT entry_sequence, 'platform-fees', currency, fee FROM entry WHERE kind = 'SETTLE' AND fee > 0
UNION ALL SELECT entry_sequence, 'agent:' || payer_id, currency, amount FROM entry WHERE kind IN ('VOID', 'RESOLVE')
UNION ALL SELECT entry_sequence, 'agent:' || provider_id, currency, -(amount - fee) FROM entry WHERE kind = 'RESOLVE'
UNION ALL SELECT entry_sequence, 'platform-fees', currency, -fee FROM entry WHERE kind = 'RESOLVE' AND fee > 0
ORDER BY 1, 2;

UPDATE journal_head SET entry_sequence = (SELECT max(entry_sequence) FROM entry),
                        hash = (SELECT lpad(to_hex(max(entry_sequence)), 64, '0') FROM entry);

-- Disputes of the DISPUTED and RESOLVED hires, opened by the payer.
INSERT INTO dispute (id, transaction_id, payer_id, provider_id, opened_by, reason, opened_at, deadline, status,
                     outcome, decided_by_kind, decided_by_id, decided_at, resolution_note, version)
SELECT md5('dispute' || t.id)::uuid::text, t.id, t.payer_id, t.provider_id, t.payer_id, 'not delivered',
       d.occurred_at, d.occurred_at + interval '72 hours',
       CASE WHEN t.state = 'RESOLVED' THEN 'RESOLVED' ELSE 'OPEN' END,
       CASE WHEN t.state = 'RESOLVED' THEN 'FULL_REFUND' END,
       CASE WHEN t.state = 'RESOLVED' THEN 'OPERATOR' END,
       CASE WHEN t.state = 'RESOLVED' THEN 'ops' END,
       CASE WHEN t.state = 'RESOLVED' THEN d.occurred_at + interval '2 days' END,
       CASE WHEN t.state = 'RESOLVED' THEN 'refunded' END,
       0
FROM ledger_transaction t JOIN step d ON d.id = t.id AND d.to_state = 'DISPUTED'
WHERE t.state IN ('DISPUTED', 'RESOLVED');

-- x402 payments for a fifth of the hires settled in USDC, settled on chain.
INSERT INTO x402_payment (transaction_id, payer_agent_id, hire_key, fingerprint, x402_version, payer_wallet, pay_to,
                          amount, network, asset, nonce, valid_before, settlement_request, state, attempts,
                          next_attempt_at, facilitator_transaction, created_at, updated_at)
SELECT t.id, t.payer_id, 'bench-hire-key-' || lpad(tx.n::text, 8, '0'), md5('f' || tx.n) || md5('p' || tx.n), 2,
       '0x' || md5('payer' || tx.n) || substr(md5('q' || tx.n), 1, 8),
       '0x' || md5('payto' || tx.n) || substr(md5('t' || tx.n), 1, 8),
       (t.amount * 1000000)::numeric(78, 0), 'eip155:84532', '0x036CbD53842c5426634e7929541eC2318f3dCF7e',
       '0x' || md5('n' || tx.n) || md5('o' || tx.n), t.created_at + interval '10 minutes', '{}', 'SETTLED', 1,
       t.created_at, '0x' || md5('chain' || tx.n) || md5('c' || tx.n), t.created_at, t.created_at + interval '1 minute'
FROM ledger_transaction t JOIN tx ON tx.id = t.id
WHERE t.state = 'SETTLED' AND t.currency = 'USDC' AND tx.n % 5 = 0;

DO $$
DECLARE deferred record;
BEGIN
    FOR deferred IN SELECT definition FROM deferred_index LOOP
        EXECUTE deferred.definition;
    END LOOP;
END $$;

SET session_replication_role = DEFAULT;
-- A live database is vacuumed by autovacuum; a fresh load is not yet, and index-only scans would
-- still visit every heap page.
VACUUM ANALYZE;
