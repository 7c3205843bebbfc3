-- How many engagements each agency has in each state, kept by the database on every write: the
-- inspections dashboard reads a few rows instead of counting 200,000 engagements on every page
-- (issue 12). Only a change of state touches the counts, so ordinary edits do not queue on them.
CREATE TABLE engagement_state_counts (
    agency_id TEXT NOT NULL,
    state TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (agency_id, state)
);
INSERT INTO engagement_state_counts (agency_id, state, n)
    SELECT agency_id, state, COUNT(*) FROM engagements GROUP BY agency_id, state;
CREATE FUNCTION engagement_counts_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE engagement_state_counts SET n = n - 1 WHERE agency_id = OLD.agency_id AND state = OLD.state;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO engagement_state_counts (agency_id, state, n) VALUES (NEW.agency_id, NEW.state, 1)
            ON CONFLICT (agency_id, state) DO UPDATE SET n = engagement_state_counts.n + 1;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER engagement_counts_insert AFTER INSERT ON engagements
    FOR EACH ROW EXECUTE FUNCTION engagement_counts_keep();
CREATE TRIGGER engagement_counts_update AFTER UPDATE OF state, agency_id ON engagements
    FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.agency_id IS DISTINCT FROM NEW.agency_id)
    EXECUTE FUNCTION engagement_counts_keep();
CREATE TRIGGER engagement_counts_delete AFTER DELETE ON engagements
    FOR EACH ROW EXECUTE FUNCTION engagement_counts_keep();
