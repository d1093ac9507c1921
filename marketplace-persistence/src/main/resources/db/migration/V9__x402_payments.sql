-- Issue 6: the x402 payment of each paid hire, and the outbox its settlement goes through. Runs
-- unchanged on PostgreSQL and H2.
--
-- One row per hire, written in the hire's own database transaction. The unique key on the
-- authorization (network, token, payer wallet, EIP-3009 nonce) is the replay guard: it is checked by
-- the database at insert, so of several replicas verifying the same signed payment at once exactly
-- one can record it, which no check-then-insert in the application could promise.
CREATE TABLE x402_payment (
    transaction_id          VARCHAR(36)                 NOT NULL,
    payer_agent_id          VARCHAR(64)                 NOT NULL,
    -- The hire's idempotency key, sent to the facilitator with every settlement attempt.
    hire_key                VARCHAR(128)                NOT NULL,
    -- The payment-identifier extension's id, when the client sent one; scoped per payer agent.
    payment_identifier      VARCHAR(128),
    fingerprint             VARCHAR(64)                 NOT NULL,
    x402_version            INTEGER                     NOT NULL,
    -- Addresses in their EIP-55 spelling (WalletAddress), so one address has one spelling here.
    payer_wallet            VARCHAR(42)                 NOT NULL,
    pay_to                  VARCHAR(42)                 NOT NULL,
    -- A uint256 has at most 78 decimal digits.
    amount                  NUMERIC(78, 0)              NOT NULL,
    -- A CAIP-2 chain id is at most 41 characters (namespace 3-8, ':', reference 1-32).
    network                 VARCHAR(64)                 NOT NULL,
    asset                   VARCHAR(42)                 NOT NULL,
    nonce                   VARCHAR(66)                 NOT NULL,
    valid_before            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    -- The facilitator's /settle body, {x402Version, paymentPayload, paymentRequirements}: the
    -- payload comes from a header of at most 8192 characters (X402Headers.MAX_HEADER_LENGTH), whose
    -- JSON the writer never lengthens, and the requirements are the platform's own offer. 65536
    -- characters hold that several times over; text without a LOB on both databases, as in V8.
    settlement_request      VARCHAR(65536)              NOT NULL,
    state                   VARCHAR(16)                 NOT NULL,
    attempts                INTEGER                     NOT NULL,
    next_attempt_at         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    -- Until when the replica that claimed it owns the attempt (SENDING only).
    lease_until             TIMESTAMP(6) WITH TIME ZONE,
    -- The chain's transaction (SETTLED only); Payment.MAX_REFERENCE_LENGTH.
    facilitator_transaction VARCHAR(256),
    -- Payment.MAX_REASON_LENGTH: the core clips reasons and errors to it (Payment.clip).
    failure_reason          VARCHAR(256),
    last_error              VARCHAR(256),
    created_at              TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at              TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT x402_payment_pk PRIMARY KEY (transaction_id),
    CONSTRAINT x402_payment_transaction_fk FOREIGN KEY (transaction_id) REFERENCES ledger_transaction (id),
    -- The replay guard: an authorization pays for one hire, whoever presents it, on every replica.
    CONSTRAINT x402_payment_authorization_unique UNIQUE (network, asset, payer_wallet, nonce),
    -- A client's retry key names one payment of its own (NULLs, payments without one, never collide).
    CONSTRAINT x402_payment_payer_identifier_unique UNIQUE (payer_agent_id, payment_identifier),
    CONSTRAINT x402_payment_payer_agent_format CHECK (REGEXP_LIKE(payer_agent_id, '^[A-Za-z0-9_-]{1,64}$')),
    CONSTRAINT x402_payment_hire_key_format CHECK (REGEXP_LIKE(hire_key, '^[!-~]{16,128}$')),
    CONSTRAINT x402_payment_identifier_format
        CHECK (payment_identifier IS NULL OR REGEXP_LIKE(payment_identifier, '^[A-Za-z0-9_-]{16,128}$')),
    CONSTRAINT x402_payment_fingerprint_is_sha256 CHECK (REGEXP_LIKE(fingerprint, '^[0-9a-f]{64}$')),
    CONSTRAINT x402_payment_version_known CHECK (x402_version IN (1, 2)),
    CONSTRAINT x402_payment_payer_wallet_format CHECK (REGEXP_LIKE(payer_wallet, '^0x[0-9a-fA-F]{40}$')),
    CONSTRAINT x402_payment_pay_to_format CHECK (REGEXP_LIKE(pay_to, '^0x[0-9a-fA-F]{40}$')),
    CONSTRAINT x402_payment_asset_format CHECK (REGEXP_LIKE(asset, '^0x[0-9a-fA-F]{40}$')),
    CONSTRAINT x402_payment_amount_positive CHECK (amount > 0),
    CONSTRAINT x402_payment_nonce_format CHECK (REGEXP_LIKE(nonce, '^0x[0-9a-f]{64}$')),
    CONSTRAINT x402_payment_state_known CHECK (state IN ('PENDING', 'SENDING', 'SETTLED', 'FAILED')),
    CONSTRAINT x402_payment_attempts_not_negative CHECK (attempts >= 0),
    -- The invariants of the core's Payment: a lease exactly while SENDING, the chain's transaction
    -- exactly when SETTLED, a failure reason exactly when FAILED.
    CONSTRAINT x402_payment_lease_while_sending
        CHECK ((state = 'SENDING' AND lease_until IS NOT NULL) OR (state <> 'SENDING' AND lease_until IS NULL)),
    CONSTRAINT x402_payment_transaction_when_settled
        CHECK ((state = 'SETTLED' AND facilitator_transaction IS NOT NULL)
            OR (state <> 'SETTLED' AND facilitator_transaction IS NULL)),
    CONSTRAINT x402_payment_failure_when_failed
        CHECK ((state = 'FAILED' AND failure_reason IS NOT NULL) OR (state <> 'FAILED' AND failure_reason IS NULL))
);

-- What is due (PanachePaymentRepository.due): PENDING by next attempt, SENDING by lease end, each an
-- index range scan in due order that stops after the limit.
CREATE INDEX x402_payment_pending_due ON x402_payment (state, next_attempt_at, transaction_id);
CREATE INDEX x402_payment_lease_due ON x402_payment (state, lease_until, transaction_id);
