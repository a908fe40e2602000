-- The PostgreSQL twin of migrations/0007_source_country.sql: the country each article's
-- source publishes from (ISO 3166-1 alpha-2), for a story's coverage by country.
ALTER TABLE articles ADD COLUMN source_country TEXT
