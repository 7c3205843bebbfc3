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
);
INSERT INTO engagement_day_counts (agency_id, event, day, sector_code, kind, n)
    SELECT agency_id, e.event, e.day, sector_code, kind, COUNT(*)
    FROM engagements,
        LATERAL (VALUES ('announced', announced_on), ('ended', onsite_ended_on), ('concluded', signed_on)) AS e(event, day)
    WHERE e.day IS NOT NULL
    GROUP BY agency_id, e.event, e.day, sector_code, kind;
CREATE FUNCTION engagement_days_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE engagement_day_counts SET n = n - 1
            WHERE agency_id = OLD.agency_id AND sector_code = OLD.sector_code AND kind = OLD.kind
            AND ((event = 'announced' AND day = OLD.announced_on) OR (event = 'ended' AND day = OLD.onsite_ended_on)
                OR (event = 'concluded' AND day = OLD.signed_on));
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO engagement_day_counts (agency_id, event, day, sector_code, kind, n)
            SELECT NEW.agency_id, e.event, e.day, NEW.sector_code, NEW.kind, 1
            FROM (VALUES ('announced', NEW.announced_on), ('ended', NEW.onsite_ended_on), ('concluded', NEW.signed_on))
                AS e(event, day)
            WHERE e.day IS NOT NULL
            ON CONFLICT (agency_id, event, day, sector_code, kind) DO UPDATE SET n = engagement_day_counts.n + 1;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER engagement_days_insert AFTER INSERT ON engagements
    FOR EACH ROW EXECUTE FUNCTION engagement_days_keep();
CREATE TRIGGER engagement_days_update AFTER UPDATE OF announced_on, onsite_ended_on, signed_on, sector_code, kind, agency_id
    ON engagements FOR EACH ROW
    WHEN (OLD.announced_on IS DISTINCT FROM NEW.announced_on OR OLD.onsite_ended_on IS DISTINCT FROM NEW.onsite_ended_on
        OR OLD.signed_on IS DISTINCT FROM NEW.signed_on OR OLD.sector_code IS DISTINCT FROM NEW.sector_code
        OR OLD.kind IS DISTINCT FROM NEW.kind OR OLD.agency_id IS DISTINCT FROM NEW.agency_id)
    EXECUTE FUNCTION engagement_days_keep();
CREATE TRIGGER engagement_days_delete AFTER DELETE ON engagements
    FOR EACH ROW EXECUTE FUNCTION engagement_days_keep();
