-- The PostgreSQL twin of migrations/0009_updated.sql: the latest update time in one lookup.
CREATE INDEX articles_updated ON articles (updated_at) WHERE updated_at IS NOT NULL;
