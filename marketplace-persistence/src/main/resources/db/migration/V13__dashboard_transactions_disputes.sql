-- Issue 12, the operators' transaction and dispute pages. Runs unchanged on PostgreSQL and H2.

-- The transactions page combines its filters. Each combination walks one index whose columns are
-- its equalities followed by (created_at, id), forwards or backwards, and stops at the page's end
-- (party, state and capability alone have theirs since V3). Without these, a rare state of a popular
-- capability or of a busy agent read every row of the capability or the agent before the page filled.
CREATE INDEX ledger_transaction_by_capability_state ON ledger_transaction (capability, state, created_at, id);
CREATE INDEX ledger_transaction_by_payer_state ON ledger_transaction (payer_id, state, created_at, id);
CREATE INDEX ledger_transaction_by_provider_state ON ledger_transaction (provider_id, state, created_at, id);

-- The dispute queue: OPEN disputes soonest deadline first, then RESOLVED ones latest deadline
-- first, keyset-paged on (status, deadline, id).
CREATE INDEX dispute_queue ON dispute (status, deadline, id);
