-- The PostgreSQL twin of migrations/0010_embedded_by.sql: what made each stored embedding.
ALTER TABLE articles ADD COLUMN embedded_by TEXT;
