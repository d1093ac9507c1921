-- Issue 5: what the edges of the API share between replicas. Runs unchanged on PostgreSQL and H2.

-- Idempotency-Key claims, per caller, and the successful response each one replays. A claim has no
-- response until its request succeeded; the response is stored whole or not at all.
CREATE TABLE idempotency_record (
    caller          VARCHAR(255)                NOT NULL,
    idempotency_key VARCHAR(128)                NOT NULL,
    fingerprint     VARCHAR(64)                 NOT NULL,
    claimed_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    response_status INTEGER,
    content_type    VARCHAR(255),
    -- Text on both databases without a LOB: the length is StoredResponse.MAX_BODY_LENGTH, which
    -- PostgreSQL keeps out of line (TOAST) and H2 allows for a VARCHAR.
    body            VARCHAR(1048576),
    location        VARCHAR(2048),
    CONSTRAINT idempotency_record_pk PRIMARY KEY (caller, idempotency_key),
    CONSTRAINT idempotency_record_key_format CHECK (REGEXP_LIKE(idempotency_key, '^[!-~]{16,128}$')),
    CONSTRAINT idempotency_record_fingerprint_is_sha256 CHECK (REGEXP_LIKE(fingerprint, '^[0-9a-f]{64}$')),
    CONSTRAINT idempotency_record_response_is_success
        CHECK (response_status IS NULL OR response_status BETWEEN 200 AND 299),
    CONSTRAINT idempotency_record_response_whole
        CHECK ((response_status IS NULL AND content_type IS NULL AND body IS NULL AND location IS NULL)
            OR (response_status IS NOT NULL AND content_type IS NOT NULL AND body IS NOT NULL))
);

-- The purge deletes by claim time.
CREATE INDEX idempotency_record_by_claimed_at ON idempotency_record (claimed_at);

-- Requests per caller and fixed window, for the sliding-window rate limit.
CREATE TABLE rate_limit_window (
    caller        VARCHAR(255)                NOT NULL,
    window_start  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    request_count BIGINT                      NOT NULL,
    CONSTRAINT rate_limit_window_pk PRIMARY KEY (caller, window_start),
    CONSTRAINT rate_limit_window_count_positive CHECK (request_count > 0)
);

-- The purge deletes by window start.
CREATE INDEX rate_limit_window_by_start ON rate_limit_window (window_start);

-- Clients of the embedded token issuer, one per agent. No foreign key to agent: the client comes
-- first, since the agent needs its token to register. Roles are role names, comma-separated, AGENT
-- always among them.
CREATE TABLE agent_client (
    agent_id   VARCHAR(64)                 NOT NULL,
    roles      VARCHAR(64)                 NOT NULL,
    created_by VARCHAR(255)                NOT NULL,
    created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT agent_client_pk PRIMARY KEY (agent_id),
    CONSTRAINT agent_client_agent_id_format CHECK (REGEXP_LIKE(agent_id, '^[A-Za-z0-9_-]{1,64}$')),
    CONSTRAINT agent_client_roles_known
        CHECK (REGEXP_LIKE(roles, '^(AGENT|OPERATOR|ADMIN)(,(AGENT|OPERATOR|ADMIN))*$')),
    CONSTRAINT agent_client_has_agent_role CHECK (REGEXP_LIKE(roles, '(^|,)AGENT(,|$)')),
    CONSTRAINT agent_client_created_by_not_blank CHECK (CHAR_LENGTH(TRIM(created_by)) > 0)
);

-- Dispute listings by party walk one index per side in id order (PanacheDisputeRepository.list).
CREATE INDEX dispute_by_payer ON dispute (payer_id, id);
CREATE INDEX dispute_by_provider ON dispute (provider_id, id);
