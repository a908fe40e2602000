-- The PostgreSQL twin of migrations/0004_search.sql: full-text search over titles and bodies,
-- with PostgreSQL's own text search instead of FTS5.
--
-- Words are folded as FTS5's 'unicode61 remove_diacritics 2' folds them: lower case, accents
-- dropped ("Câmara" = "camara"), no stemming (stories cross languages, and one language's stemmer
-- would mangle the others). That is the 'simple' configuration behind the unaccent dictionary,
-- from the unaccent extension (in Debian's postgresql package; postgresql-contrib elsewhere;
-- a trusted extension, so the database's owner may create it).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent') THEN
        RAISE EXCEPTION 'newsweave needs the PostgreSQL extension "unaccent" for search: '
            'install the server''s contrib modules (Debian: postgresql; others: postgresql-contrib)';
    END IF;
END $$;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION newsweave_search (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION newsweave_search ALTER MAPPING
    FOR asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart
    WITH unaccent, simple;

-- A stored generated column: PostgreSQL keeps it in step with every insert and update (no
-- trigger, no write-path code), the ALTER fills it for the articles already stored, and ranking
-- reads it instead of re-parsing each matching text. The title is weight A, the body B: the
-- store ranks a title word double, as SQLite's bm25(2.0, 1.0) does.
ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('newsweave_search', title), 'A') || setweight(to_tsvector('newsweave_search', text), 'B')
) STORED;
CREATE INDEX articles_search ON articles USING GIN (search_vector);
