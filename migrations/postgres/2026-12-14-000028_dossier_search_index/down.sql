DROP INDEX IF EXISTS dossiers_search_trgm;
