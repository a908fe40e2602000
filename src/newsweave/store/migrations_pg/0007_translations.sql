-- The PostgreSQL twin of migrations/0007_translations.sql: translation links found at ingest.
CREATE TABLE translations (
    article_id TEXT NOT NULL,
    other_id   TEXT NOT NULL,
    confidence DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (article_id, other_id)
);
CREATE INDEX translations_other ON translations (other_id);
