-- The country each article's source publishes from (ISO 3166-1 alpha-2), read at ingest from a
-- record's field, the feed it came in, or its address's country-code domain, for a story's
-- coverage by country. Articles stored before this migration have none until re-ingested:
-- coverage then reads the country off their address.
ALTER TABLE articles ADD COLUMN source_country TEXT;
-- A story's silent list reads the articles of a window of days (store/sightings.py): each
-- article's day is its trusted date, else the day stored, indexed as the query writes it.
CREATE INDEX articles_day ON articles (
    COALESCE(CASE WHEN published_from IS NOT 'header' THEN published END, substr(ingested_at, 1, 10))
)
