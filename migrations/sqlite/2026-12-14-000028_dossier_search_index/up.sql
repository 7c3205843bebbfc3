-- Dossier search at 100,000 dossiers (issue 14), as the outlets' (migration 13): a trigram index over
-- the folded search text (register number, tracking code, applicant, procedure) answers a search
-- word of three letters or more from the index instead of reading every dossier; "LIKE '%word%'"
-- stays the exact test. `thanhtra backup` rebuilds it in the copy, whose rowids VACUUM INTO may
-- renumber.
CREATE VIRTUAL TABLE dossiers_fts USING fts5(search_text, content='dossiers', content_rowid='rowid', tokenize='trigram');
INSERT INTO dossiers_fts(dossiers_fts) VALUES ('rebuild');
CREATE TRIGGER dossiers_fts_insert AFTER INSERT ON dossiers BEGIN
    INSERT INTO dossiers_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER dossiers_fts_delete AFTER DELETE ON dossiers BEGIN
    INSERT INTO dossiers_fts(dossiers_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
CREATE TRIGGER dossiers_fts_update AFTER UPDATE OF search_text ON dossiers BEGIN
    INSERT INTO dossiers_fts(dossiers_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
    INSERT INTO dossiers_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
END;
