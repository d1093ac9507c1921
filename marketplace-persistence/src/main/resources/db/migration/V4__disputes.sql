-- Issue 4: disputes and their evidence. Runs unchanged on PostgreSQL and H2.
CREATE TABLE dispute (
    id                VARCHAR(36)                 NOT NULL,
    transaction_id    VARCHAR(36)                 NOT NULL,
    payer_id          VARCHAR(64)                 NOT NULL,
    provider_id       VARCHAR(64)                 NOT NULL,
    opened_by         VARCHAR(64)                 NOT NULL,
    reason            VARCHAR(2000)               NOT NULL,
    opened_at         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    deadline          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    status            VARCHAR(16)                 NOT NULL,
    outcome           VARCHAR(16),
    refund_amount     NUMERIC(38, 18),
    refund_currency   VARCHAR(12),
    decided_by_kind   VARCHAR(16),
    decided_by_id     VARCHAR(128),
    decided_at        TIMESTAMP(6) WITH TIME ZONE,
    resolution_note   VARCHAR(4096),
    version           BIGINT                      NOT NULL DEFAULT 0,
    CONSTRAINT dispute_pk PRIMARY KEY (id),
    -- A transaction is disputed at most once.
    CONSTRAINT dispute_transaction_unique UNIQUE (transaction_id),
    CONSTRAINT dispute_transaction_fk FOREIGN KEY (transaction_id) REFERENCES ledger_transaction (id),
    CONSTRAINT dispute_payer_fk FOREIGN KEY (payer_id) REFERENCES agent (id),
    CONSTRAINT dispute_provider_fk FOREIGN KEY (provider_id) REFERENCES agent (id),
    CONSTRAINT dispute_opened_by_a_party CHECK (opened_by = payer_id OR opened_by = provider_id),
    CONSTRAINT dispute_reason_not_blank CHECK (CHAR_LENGTH(TRIM(reason)) > 0),
    CONSTRAINT dispute_status_known CHECK (status IN ('OPEN', 'RESOLVED')),
    CONSTRAINT dispute_outcome_known
        CHECK (outcome IS NULL OR outcome IN ('PROVIDER_UPHELD', 'FULL_REFUND', 'PARTIAL_REFUND')),
    -- A resolution, all of it, exists exactly when the dispute is RESOLVED.
    CONSTRAINT dispute_resolution_when_resolved
        CHECK ((status = 'RESOLVED' AND outcome IS NOT NULL AND decided_by_kind IS NOT NULL
                    AND decided_by_id IS NOT NULL AND decided_at IS NOT NULL AND resolution_note IS NOT NULL)
            OR (status = 'OPEN' AND outcome IS NULL AND decided_by_kind IS NULL AND decided_by_id IS NULL
                    AND decided_at IS NULL AND resolution_note IS NULL)),
    CONSTRAINT dispute_partial_refund
        CHECK ((outcome = 'PARTIAL_REFUND' AND refund_amount > 0 AND refund_currency IS NOT NULL)
            OR (outcome IS DISTINCT FROM 'PARTIAL_REFUND' AND refund_amount IS NULL AND refund_currency IS NULL)),
    CONSTRAINT dispute_decided_by_kind_known
        CHECK (decided_by_kind IS NULL OR decided_by_kind IN ('AGENT', 'OPERATOR', 'SYSTEM')),
    CONSTRAINT dispute_version_not_negative CHECK (version >= 0)
);

-- The deadline sweep pages OPEN disputes in id order; the deadline rides along in the index.
CREATE INDEX dispute_open_by_id ON dispute (status, id, deadline);

CREATE TABLE dispute_evidence (
    dispute_id   VARCHAR(36)                 NOT NULL,
    item_no      INTEGER                     NOT NULL,
    kind         VARCHAR(16)                 NOT NULL,
    content      VARCHAR(4000)               NOT NULL,
    submitted_by VARCHAR(64)                 NOT NULL,
    submitted_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT dispute_evidence_pk PRIMARY KEY (dispute_id, item_no),
    CONSTRAINT dispute_evidence_dispute_fk FOREIGN KEY (dispute_id) REFERENCES dispute (id),
    CONSTRAINT dispute_evidence_submitter_fk FOREIGN KEY (submitted_by) REFERENCES agent (id),
    CONSTRAINT dispute_evidence_item_no_bounds CHECK (item_no BETWEEN 0 AND 99),
    CONSTRAINT dispute_evidence_kind_known CHECK (kind IN ('TEXT', 'LINK', 'CHECKSUM')),
    CONSTRAINT dispute_evidence_content_not_blank CHECK (CHAR_LENGTH(TRIM(content)) > 0),
    CONSTRAINT dispute_evidence_checksum_is_sha256
        CHECK (kind <> 'CHECKSUM' OR REGEXP_LIKE(content, '^[0-9a-f]{64}$')),
    CONSTRAINT dispute_evidence_link_is_http CHECK (kind <> 'LINK' OR REGEXP_LIKE(content, '^[hH][tT][tT][pP][sS]?:'))
);
