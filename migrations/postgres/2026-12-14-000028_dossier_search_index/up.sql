-- Dossier search at 100,000 dossiers (issue 14), as the outlets' (migration 13): pg_trgm's index
-- over the folded search text serves "LIKE '%word%'" for words of three letters or more. Where the
-- extension is missing, search reads every row, as before.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        EXECUTE 'CREATE INDEX dossiers_search_trgm ON dossiers USING gin (search_text gin_trgm_ops)';
    END IF;
END
$$;
