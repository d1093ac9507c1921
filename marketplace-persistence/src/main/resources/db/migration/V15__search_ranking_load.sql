-- Issue 13: the LOAD sort walks an index of search_ranking, as REPUTATION and PRICE do, instead of
-- counting and sorting every agent of the capability. Each ranking row keeps its agent's load as
-- of the last write (SearchRanking, ProviderLoadCounters): a hire recomputes it from
-- provider_load, a cancel takes one hire back, and a sweep recomputes a row once its oldest
-- counted minute has left the one-hour window. A row whose oldest counted minute has left the
-- window of a search is counted afresh by that search (SqlAgentSearch), so results stay exact
-- while the sweep catches up. Runs unchanged on PostgreSQL and H2.
-- The summary's lower bound (NULL when unrated) and the capacity: with the score, price and
-- availability already here, every value recommend ranks by, so its candidates are read from these
-- rows alone and only the agents recommended are read whole.
ALTER TABLE search_ranking ADD COLUMN lower_bound DOUBLE PRECISION;
ALTER TABLE search_ranking ADD COLUMN capacity_per_hour INTEGER;
-- Hires counted in the window (provider_load minutes starting at or after its start).
ALTER TABLE search_ranking ADD COLUMN recent_hires INTEGER DEFAULT 0 NOT NULL;
-- recent_hires / capacity_per_hour, the LOAD sort's key, as a double as core computes it.
ALTER TABLE search_ranking ADD COLUMN load DOUBLE PRECISION DEFAULT 0 NOT NULL;
-- The oldest minute counted (NULL when no hire is): the count holds for every search whose window
-- starts at or before it, and no longer once the window starts after it.
ALTER TABLE search_ranking ADD COLUMN load_oldest_minute TIMESTAMP(6) WITH TIME ZONE;

-- The lower bound, the capacity, and the hires of the hour before the migration; the sweep moves the
-- window on from there. One pass over the rows, then the load of the rows with hires.
UPDATE search_ranking
SET lower_bound = (SELECT s.lower_bound FROM reputation_summary s WHERE s.agent_id = search_ranking.agent_id),
    capacity_per_hour = (SELECT a.capacity_per_hour FROM agent a WHERE a.id = search_ranking.agent_id),
    recent_hires = (
        SELECT COALESCE(SUM(p.hires), 0) FROM provider_load p
        WHERE p.provider_id = search_ranking.agent_id
          AND p.bucket_start >= CURRENT_TIMESTAMP - INTERVAL '1' HOUR AND p.hires > 0),
    load_oldest_minute = (
        SELECT MIN(p.bucket_start) FROM provider_load p
        WHERE p.provider_id = search_ranking.agent_id
          AND p.bucket_start >= CURRENT_TIMESTAMP - INTERVAL '1' HOUR AND p.hires > 0);

UPDATE search_ranking SET load = CAST(recent_hires AS DOUBLE PRECISION) / capacity_per_hour WHERE recent_hires > 0;

ALTER TABLE search_ranking ALTER COLUMN capacity_per_hour SET NOT NULL;

ALTER TABLE search_ranking ADD CONSTRAINT search_ranking_capacity_positive CHECK (capacity_per_hour > 0);
ALTER TABLE search_ranking ADD CONSTRAINT search_ranking_recent_hires_not_negative CHECK (recent_hires >= 0);
ALTER TABLE search_ranking ADD CONSTRAINT search_ranking_load_not_negative CHECK (load >= 0);
ALTER TABLE search_ranking ADD CONSTRAINT search_ranking_oldest_minute_when_hired
    CHECK ((recent_hires = 0) = (load_oldest_minute IS NULL));

-- A LOAD page of one capability: one range scan in (load, agent_id) order that stops at the page's end.
CREATE INDEX search_ranking_by_load ON search_ranking (capability, load, agent_id);
-- Rows whose count a window has outgrown: what the sweep recomputes and a LOAD search counts afresh.
CREATE INDEX search_ranking_by_oldest_minute ON search_ranking (load_oldest_minute);
