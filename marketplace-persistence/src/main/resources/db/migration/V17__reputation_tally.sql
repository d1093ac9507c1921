-- Issue 13: the tally each summary was computed from (ReputationTally in the core), so a reputation
-- event updates it in O(1) instead of reading the agent's whole history. Runs unchanged on
-- PostgreSQL and H2.
--
-- All NULL means "no tally": a summary written before this migration (or by a bulk load) gets its
-- tally built from the history on the agent's next event. Setting every tally column to NULL is also
-- how to make the tallies rebuild after a change of the half-life or of the weight of a lost dispute.
ALTER TABLE reputation_summary ADD COLUMN tally_weight_sum DOUBLE PRECISION;
ALTER TABLE reputation_summary ADD COLUMN tally_weighted_ratings DOUBLE PRECISION;
ALTER TABLE reputation_summary ADD COLUMN tally_weighted_squares DOUBLE PRECISION;
ALTER TABLE reputation_summary ADD COLUMN tally_adjustment DOUBLE PRECISION;
ALTER TABLE reputation_summary ADD COLUMN tally_successes BIGINT;
ALTER TABLE reputation_summary ADD COLUMN tally_failures BIGINT;
ALTER TABLE reputation_summary ADD COLUMN tally_feedback_count BIGINT;
ALTER TABLE reputation_summary ADD COLUMN tally_as_of TIMESTAMP(6) WITH TIME ZONE;

ALTER TABLE reputation_summary ADD CONSTRAINT reputation_summary_tally_complete CHECK (
    (tally_as_of IS NULL AND tally_weight_sum IS NULL AND tally_weighted_ratings IS NULL
        AND tally_weighted_squares IS NULL AND tally_adjustment IS NULL AND tally_successes IS NULL
        AND tally_failures IS NULL AND tally_feedback_count IS NULL)
    OR (tally_as_of IS NOT NULL AND tally_weight_sum IS NOT NULL AND tally_weighted_ratings IS NOT NULL
        AND tally_weighted_squares IS NOT NULL AND tally_adjustment IS NOT NULL AND tally_successes IS NOT NULL
        AND tally_failures IS NOT NULL AND tally_feedback_count IS NOT NULL));
-- Decayed sums of non-negative weights and ratings; the adjustment may have either sign.
ALTER TABLE reputation_summary ADD CONSTRAINT reputation_summary_tally_sums_not_negative CHECK (
    tally_weight_sum >= 0 AND tally_weighted_ratings >= 0 AND tally_weighted_squares >= 0);
ALTER TABLE reputation_summary ADD CONSTRAINT reputation_summary_tally_counts_not_negative CHECK (
    tally_successes >= 0 AND tally_failures >= 0 AND tally_feedback_count >= 0);
