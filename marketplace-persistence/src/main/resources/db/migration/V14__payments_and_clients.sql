-- Issue 12 (dashboard: payments and settlements, ledger, clients). Runs unchanged on PostgreSQL and H2.

-- A payment whose settlement was given up without a decision (every attempt undecided, the
-- authorization expired) may have been broadcast: it waits, with its hire's hold, until an operator
-- reads the chain and reconciles it (SettlementOutbox). It keeps the error of its last attempt.
ALTER TABLE x402_payment DROP CONSTRAINT x402_payment_state_known;
ALTER TABLE x402_payment ADD CONSTRAINT x402_payment_state_known
    CHECK (state IN ('PENDING', 'SENDING', 'SETTLED', 'FAILED', 'OUTCOME_UNKNOWN'));
ALTER TABLE x402_payment ADD CONSTRAINT x402_payment_unknown_keeps_its_error
    CHECK (state <> 'OUTCOME_UNKNOWN' OR last_error IS NOT NULL);

-- The outbox by state, newest first, and the stale PENDING payments, oldest first
-- (PanachePaymentRepository.inState and pendingCreatedBefore): one index range scan per page.
CREATE INDEX x402_payment_by_state ON x402_payment (state, created_at, transaction_id);

-- A disabled client's tokens are refused on every request (one primary-key read), and an enabled
-- one's only from when it was enabled again.
ALTER TABLE agent_client ADD COLUMN disabled_by VARCHAR(255);
ALTER TABLE agent_client ADD COLUMN disabled_at TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE agent_client ADD COLUMN tokens_issued_from TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE agent_client ADD CONSTRAINT agent_client_disabled_by_whom_and_when
    CHECK ((disabled_by IS NULL AND disabled_at IS NULL)
        OR (disabled_at IS NOT NULL AND CHAR_LENGTH(TRIM(disabled_by)) > 0));

-- Every account's balance per currency, kept with each journal append (PanacheJournalRepository),
-- so the dashboard pages balances without summing postings: escrow and platform-fees take a posting
-- from nearly every hire, and a sum over them grows with the journal. Appends are serialized by the
-- journal_head lock, so the rollup is written by one unit of work at a time.
CREATE TABLE account_balance (
    account  VARCHAR(80)     NOT NULL,
    currency VARCHAR(12)     NOT NULL,
    balance  NUMERIC(38, 18) NOT NULL,
    CONSTRAINT account_balance_pk PRIMARY KEY (account, currency)
);

INSERT INTO account_balance (account, currency, balance)
SELECT account, currency, SUM(amount) FROM journal_posting GROUP BY account, currency;
