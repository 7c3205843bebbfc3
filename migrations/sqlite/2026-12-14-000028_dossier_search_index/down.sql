DROP TRIGGER dossiers_fts_update;
DROP TRIGGER dossiers_fts_delete;
DROP TRIGGER dossiers_fts_insert;
DROP TABLE dossiers_fts;
