-- Issue 4: the journal is append-only (PostgreSQL only; H2 has no PL/pgSQL). The code has no
-- UPDATE or DELETE path for entries or postings; this refuses one from anywhere else too, and a
-- TRUNCATE, which row triggers would not see.
CREATE FUNCTION journal_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'the journal is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER journal_entry_append_only
    BEFORE UPDATE OR DELETE ON journal_entry
    FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();

CREATE TRIGGER journal_posting_append_only
    BEFORE UPDATE OR DELETE ON journal_posting
    FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();

CREATE TRIGGER journal_entry_no_truncate
    BEFORE TRUNCATE ON journal_entry
    FOR EACH STATEMENT EXECUTE FUNCTION journal_refuse_change();

CREATE TRIGGER journal_posting_no_truncate
    BEFORE TRUNCATE ON journal_posting
    FOR EACH STATEMENT EXECUTE FUNCTION journal_refuse_change();
