-- Outlet search at a country's scale (issue 12).
--
-- A trigram index over the folded search text: each word of three letters or more of a search is
-- looked up in it instead of reading every row ("LIKE '%word%'" stays as the exact test, so the
-- results are those of PostgreSQL's pg_trgm index over the same text). The index holds the
-- outlets' rowids; `thanhtra backup` rebuilds it in the copy, whose rowids VACUUM INTO may renumber.
CREATE VIRTUAL TABLE outlets_fts USING fts5(search_text, content='outlets', content_rowid='rowid', tokenize='trigram');
INSERT INTO outlets_fts(outlets_fts) VALUES ('rebuild');
CREATE TRIGGER outlets_fts_insert AFTER INSERT ON outlets BEGIN
    INSERT INTO outlets_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER outlets_fts_delete AFTER DELETE ON outlets BEGIN
    INSERT INTO outlets_fts(outlets_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
CREATE TRIGGER outlets_fts_update AFTER UPDATE OF search_text ON outlets BEGIN
    INSERT INTO outlets_fts(outlets_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
    INSERT INTO outlets_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
END;

-- Filters and sorts read an index, not the table.
CREATE INDEX outlets_commune ON outlets(commune, sort_name);
CREATE INDEX outlets_province ON outlets(province, sort_name);
CREATE INDEX outlets_status ON outlets(status, sort_name);
CREATE INDEX outlets_updated ON outlets(updated_at);
CREATE INDEX outlets_tax_code_order ON outlets(tax_code);

-- The communes and provinces outlets are in, for the list's filter choices: kept by the database
-- on every write instead of two DISTINCT scans of the whole table on every page.
CREATE TABLE outlet_places (
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (kind, name)
) WITHOUT ROWID;
INSERT OR IGNORE INTO outlet_places (kind, name)
    SELECT 'commune', commune FROM outlets WHERE deleted_at IS NULL AND commune <> '';
INSERT OR IGNORE INTO outlet_places (kind, name)
    SELECT 'province', province FROM outlets WHERE deleted_at IS NULL AND province <> '';
CREATE TRIGGER outlet_places_insert AFTER INSERT ON outlets WHEN new.deleted_at IS NULL BEGIN
    INSERT OR IGNORE INTO outlet_places (kind, name) SELECT 'commune', new.commune WHERE new.commune <> '';
    INSERT OR IGNORE INTO outlet_places (kind, name) SELECT 'province', new.province WHERE new.province <> '';
END;
CREATE TRIGGER outlet_places_update AFTER UPDATE OF commune, province, deleted_at ON outlets BEGIN
    INSERT OR IGNORE INTO outlet_places (kind, name)
        SELECT 'commune', new.commune WHERE new.commune <> '' AND new.deleted_at IS NULL;
    INSERT OR IGNORE INTO outlet_places (kind, name)
        SELECT 'province', new.province WHERE new.province <> '' AND new.deleted_at IS NULL;
    DELETE FROM outlet_places WHERE kind = 'commune' AND name = old.commune
        AND NOT EXISTS (SELECT 1 FROM outlets WHERE commune = old.commune AND deleted_at IS NULL);
    DELETE FROM outlet_places WHERE kind = 'province' AND name = old.province
        AND NOT EXISTS (SELECT 1 FROM outlets WHERE province = old.province AND deleted_at IS NULL);
END;
CREATE TRIGGER outlet_places_delete AFTER DELETE ON outlets BEGIN
    DELETE FROM outlet_places WHERE kind = 'commune' AND name = old.commune
        AND NOT EXISTS (SELECT 1 FROM outlets WHERE commune = old.commune AND deleted_at IS NULL);
    DELETE FROM outlet_places WHERE kind = 'province' AND name = old.province
        AND NOT EXISTS (SELECT 1 FROM outlets WHERE province = old.province AND deleted_at IS NULL);
END;
