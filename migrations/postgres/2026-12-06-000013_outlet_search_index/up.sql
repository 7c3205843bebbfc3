-- Outlet search at a country's scale (issue 12).
--
-- A trigram index over the folded search text serves "LIKE '%word%'" for every word of three
-- letters or more (SQLite's FTS5 trigram index does the same there). pg_trgm is a trusted
-- extension (PostgreSQL 13 and later): the database's owner may create it. Where it cannot be
-- created the migration still succeeds and search reads every row, as before.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'pg_trgm is not available (%): outlet search reads every row', SQLERRM;
END
$$;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        EXECUTE 'CREATE INDEX outlets_search_trgm ON outlets USING gin (search_text gin_trgm_ops)';
    END IF;
END
$$;

-- Filters and sorts read an index, not the table.
CREATE INDEX outlets_commune ON outlets(commune, sort_name);
CREATE INDEX outlets_province ON outlets(province, sort_name);
CREATE INDEX outlets_status ON outlets(status, sort_name);
CREATE INDEX outlets_updated ON outlets(updated_at);
CREATE INDEX outlets_tax_code_order ON outlets(tax_code);

-- The communes and provinces outlets are in, for the list's filter choices: kept by the database
-- on every write instead of two DISTINCT scans of the whole table on every page. Presence only
-- (no counters), so concurrent writers never wait on one another's row.
CREATE TABLE outlet_places (
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (kind, name)
);
INSERT INTO outlet_places (kind, name)
    SELECT DISTINCT 'commune', commune FROM outlets WHERE deleted_at IS NULL AND commune <> ''
    ON CONFLICT DO NOTHING;
INSERT INTO outlet_places (kind, name)
    SELECT DISTINCT 'province', province FROM outlets WHERE deleted_at IS NULL AND province <> ''
    ON CONFLICT DO NOTHING;
CREATE FUNCTION outlet_places_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.deleted_at IS NULL THEN
        IF NEW.commune <> '' THEN
            INSERT INTO outlet_places (kind, name) VALUES ('commune', NEW.commune) ON CONFLICT DO NOTHING;
        END IF;
        IF NEW.province <> '' THEN
            INSERT INTO outlet_places (kind, name) VALUES ('province', NEW.province) ON CONFLICT DO NOTHING;
        END IF;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM outlet_places WHERE kind = 'commune' AND name = OLD.commune
            AND NOT EXISTS (SELECT 1 FROM outlets WHERE commune = OLD.commune AND deleted_at IS NULL);
        DELETE FROM outlet_places WHERE kind = 'province' AND name = OLD.province
            AND NOT EXISTS (SELECT 1 FROM outlets WHERE province = OLD.province AND deleted_at IS NULL);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER outlet_places_insert AFTER INSERT ON outlets
    FOR EACH ROW EXECUTE FUNCTION outlet_places_keep();
CREATE TRIGGER outlet_places_update AFTER UPDATE OF commune, province, deleted_at ON outlets
    FOR EACH ROW EXECUTE FUNCTION outlet_places_keep();
CREATE TRIGGER outlet_places_delete AFTER DELETE ON outlets
    FOR EACH ROW EXECUTE FUNCTION outlet_places_keep();
