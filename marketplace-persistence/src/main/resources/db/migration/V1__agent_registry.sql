-- The agent registry. Runs unchanged on PostgreSQL and H2.
CREATE TABLE agent (
    id            VARCHAR(64)                 NOT NULL,
    display_name  VARCHAR(120)                NOT NULL,
    availability  VARCHAR(16)                 NOT NULL,
    registered_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version       BIGINT                      NOT NULL DEFAULT 0,
    CONSTRAINT agent_pk PRIMARY KEY (id),
    CONSTRAINT agent_id_length CHECK (CHAR_LENGTH(id) BETWEEN 1 AND 64),
    CONSTRAINT agent_display_name_not_blank CHECK (CHAR_LENGTH(TRIM(display_name)) > 0),
    CONSTRAINT agent_availability_known CHECK (availability IN ('ONLINE', 'BUSY', 'OFFLINE', 'MAINTENANCE'))
);

CREATE TABLE agent_capability (
    agent_id   VARCHAR(64)  NOT NULL,
    capability VARCHAR(100) NOT NULL,
    CONSTRAINT agent_capability_pk PRIMARY KEY (agent_id, capability),
    CONSTRAINT agent_capability_agent_fk FOREIGN KEY (agent_id) REFERENCES agent (id) ON DELETE CASCADE,
    CONSTRAINT agent_capability_not_blank CHECK (CHAR_LENGTH(TRIM(capability)) > 0)
);

-- Discovery looks agents up by capability; the primary key only serves lookups by agent.
CREATE INDEX agent_capability_by_capability ON agent_capability (capability, agent_id);
