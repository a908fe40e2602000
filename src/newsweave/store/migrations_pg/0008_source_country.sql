-- The PostgreSQL twin of migrations/0008_source_country.sql: the country each article's
-- source publishes from (ISO 3166-1 alpha-2), for a story's coverage by country.
ALTER TABLE articles ADD COLUMN source_country TEXT;
-- The silent list's window of days (store/sightings.py), indexed as the query writes it.
CREATE INDEX articles_day ON articles (
    COALESCE(CASE WHEN published_from IS DISTINCT FROM 'header' THEN published END,
             (ingested_at AT TIME ZONE 'UTC')::date)
)
