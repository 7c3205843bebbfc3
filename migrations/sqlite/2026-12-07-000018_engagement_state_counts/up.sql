-- How many engagements each agency has in each state, kept by the database on every write: the
-- inspections dashboard reads a few rows instead of counting 200,000 engagements on every page
-- (issue 12).
CREATE TABLE engagement_state_counts (
    agency_id TEXT NOT NULL,
    state TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (agency_id, state)
) WITHOUT ROWID;
INSERT INTO engagement_state_counts (agency_id, state, n)
    SELECT agency_id, state, COUNT(*) FROM engagements GROUP BY agency_id, state;
CREATE TRIGGER engagement_counts_insert AFTER INSERT ON engagements BEGIN
    INSERT INTO engagement_state_counts (agency_id, state, n) VALUES (new.agency_id, new.state, 1)
        ON CONFLICT (agency_id, state) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER engagement_counts_update AFTER UPDATE OF state, agency_id ON engagements
    WHEN old.state <> new.state OR old.agency_id <> new.agency_id BEGIN
    UPDATE engagement_state_counts SET n = n - 1 WHERE agency_id = old.agency_id AND state = old.state;
    INSERT INTO engagement_state_counts (agency_id, state, n) VALUES (new.agency_id, new.state, 1)
        ON CONFLICT (agency_id, state) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER engagement_counts_delete AFTER DELETE ON engagements BEGIN
    UPDATE engagement_state_counts SET n = n - 1 WHERE agency_id = old.agency_id AND state = old.state;
END;
