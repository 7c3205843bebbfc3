-- How many engagements each agency announced, ended on site and concluded each day, by sector and
-- kind, kept by the database on every write (like engagement_state_counts): a report reads a few
-- hundred rows for a year instead of counting every engagement of the period (issue 15: at the
-- largest demo, 124,000 engagements announced in one month).
CREATE TABLE engagement_day_counts (
    agency_id TEXT NOT NULL,
    -- announced | ended | concluded
    event TEXT NOT NULL,
    day DATE NOT NULL,
    sector_code TEXT NOT NULL,
    kind TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (agency_id, event, day, sector_code, kind)
) WITHOUT ROWID;
INSERT INTO engagement_day_counts (agency_id, event, day, sector_code, kind, n)
    SELECT agency_id, 'announced', announced_on, sector_code, kind, COUNT(*) FROM engagements
    WHERE announced_on IS NOT NULL GROUP BY agency_id, announced_on, sector_code, kind;
INSERT INTO engagement_day_counts (agency_id, event, day, sector_code, kind, n)
    SELECT agency_id, 'ended', onsite_ended_on, sector_code, kind, COUNT(*) FROM engagements
    WHERE onsite_ended_on IS NOT NULL GROUP BY agency_id, onsite_ended_on, sector_code, kind;
INSERT INTO engagement_day_counts (agency_id, event, day, sector_code, kind, n)
    SELECT agency_id, 'concluded', signed_on, sector_code, kind, COUNT(*) FROM engagements
    WHERE signed_on IS NOT NULL GROUP BY agency_id, signed_on, sector_code, kind;
CREATE TRIGGER engagement_days_insert AFTER INSERT ON engagements BEGIN
    INSERT INTO engagement_day_counts (agency_id, event, day, sector_code, kind, n)
        SELECT new.agency_id, 'announced', new.announced_on, new.sector_code, new.kind, 1 WHERE new.announced_on IS NOT NULL
        ON CONFLICT (agency_id, event, day, sector_code, kind) DO UPDATE SET n = n + 1;
    INSERT INTO engagement_day_counts (agency_id, event, day, sector_code, kind, n)
        SELECT new.agency_id, 'ended', new.onsite_ended_on, new.sector_code, new.kind, 1 WHERE new.onsite_ended_on IS NOT NULL
        ON CONFLICT (agency_id, event, day, sector_code, kind) DO UPDATE SET n = n + 1;
    INSERT INTO engagement_day_counts (agency_id, event, day, sector_code, kind, n)
        SELECT new.agency_id, 'concluded', new.signed_on, new.sector_code, new.kind, 1 WHERE new.signed_on IS NOT NULL
        ON CONFLICT (agency_id, event, day, sector_code, kind) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER engagement_days_update AFTER UPDATE OF announced_on, onsite_ended_on, signed_on, sector_code, kind, agency_id ON engagements
    WHEN old.announced_on IS NOT new.announced_on OR old.onsite_ended_on IS NOT new.onsite_ended_on
        OR old.signed_on IS NOT new.signed_on OR old.sector_code <> new.sector_code OR old.kind <> new.kind
        OR old.agency_id <> new.agency_id BEGIN
    UPDATE engagement_day_counts SET n = n - 1
        WHERE agency_id = old.agency_id AND sector_code = old.sector_code AND kind = old.kind
        AND ((event = 'announced' AND day = old.announced_on) OR (event = 'ended' AND day = old.onsite_ended_on)
            OR (event = 'concluded' AND day = old.signed_on));
    INSERT INTO engagement_day_counts (agency_id, event, day, sector_code, kind, n)
        SELECT new.agency_id, 'announced', new.announced_on, new.sector_code, new.kind, 1 WHERE new.announced_on IS NOT NULL
        ON CONFLICT (agency_id, event, day, sector_code, kind) DO UPDATE SET n = n + 1;
    INSERT INTO engagement_day_counts (agency_id, event, day, sector_code, kind, n)
        SELECT new.agency_id, 'ended', new.onsite_ended_on, new.sector_code, new.kind, 1 WHERE new.onsite_ended_on IS NOT NULL
        ON CONFLICT (agency_id, event, day, sector_code, kind) DO UPDATE SET n = n + 1;
    INSERT INTO engagement_day_counts (agency_id, event, day, sector_code, kind, n)
        SELECT new.agency_id, 'concluded', new.signed_on, new.sector_code, new.kind, 1 WHERE new.signed_on IS NOT NULL
        ON CONFLICT (agency_id, event, day, sector_code, kind) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER engagement_days_delete AFTER DELETE ON engagements BEGIN
    UPDATE engagement_day_counts SET n = n - 1
        WHERE agency_id = old.agency_id AND sector_code = old.sector_code AND kind = old.kind
        AND ((event = 'announced' AND day = old.announced_on) OR (event = 'ended' AND day = old.onsite_ended_on)
            OR (event = 'concluded' AND day = old.signed_on));
END;
