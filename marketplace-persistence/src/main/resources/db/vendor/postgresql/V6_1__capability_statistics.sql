-- PostgreSQL keeps exact frequencies only for its 100 most common values by default. Discovery's
-- plans depend on how many agents offer a capability (walk the score index for a popular one, read
-- the capability's rows for a rare one), so every capability's count must be known: a few hundred
-- capabilities fit in a statistics target of 1000.
ALTER TABLE agent_capability ALTER COLUMN capability SET STATISTICS 1000;
