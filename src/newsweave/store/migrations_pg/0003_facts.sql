-- The PostgreSQL twin of migrations/0003_facts.sql: each article's event date and its facts
-- (slot, value, unit, evidence), found at ingest, for the story ledger.
ALTER TABLE articles ADD COLUMN event_date DATE;
ALTER TABLE articles ADD COLUMN facts JSONB NOT NULL DEFAULT '[]';
CREATE INDEX articles_event_date ON articles (event_date) WHERE event_date IS NOT NULL
