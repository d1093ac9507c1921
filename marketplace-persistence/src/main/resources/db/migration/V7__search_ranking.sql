-- Discovery's search table: one row per (capability, agent) with every column its filters and sorts
-- read, so a single-capability page is one index range scan that stops at the page's end, whatever
-- the capability's popularity, instead of a join whose plan depends on estimates. The registry and
-- the summary writes keep it in step, in their own transaction (SearchRanking). Runs unchanged on
-- PostgreSQL and H2.
CREATE TABLE search_ranking (
    capability      VARCHAR(100)                NOT NULL,
    agent_id        VARCHAR(64)                 NOT NULL,
    -- The summary's score, or -1 for an agent without a summary: below every real score (0 to 5),
    -- so the unrated agents of a capability lie together in the score index, in id order.
    score           DOUBLE PRECISION            NOT NULL,
    availability    VARCHAR(16)                 NOT NULL,
    last_seen_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    deregistered_at TIMESTAMP(6) WITH TIME ZONE,
    price_currency  VARCHAR(12)                 NOT NULL,
    price_amount    NUMERIC(38, 18)             NOT NULL,
    CONSTRAINT search_ranking_pk PRIMARY KEY (capability, agent_id),
    CONSTRAINT search_ranking_agent_fk FOREIGN KEY (agent_id) REFERENCES agent (id) ON DELETE CASCADE
);

CREATE INDEX search_ranking_by_score ON search_ranking (capability, score DESC, agent_id);
CREATE INDEX search_ranking_by_price ON search_ranking (capability, price_currency, price_amount, agent_id);
-- A write replaces an agent's rows, found through this index.
CREATE INDEX search_ranking_by_agent ON search_ranking (agent_id);

INSERT INTO search_ranking
    (capability, agent_id, score, availability, last_seen_at, deregistered_at, price_currency, price_amount)
SELECT c.capability, a.id, COALESCE(s.score, -1), a.availability, a.last_seen_at, a.deregistered_at,
       a.price_currency, a.price_amount
FROM agent a
JOIN agent_capability c ON c.agent_id = a.id
LEFT JOIN reputation_summary s ON s.agent_id = a.id;
