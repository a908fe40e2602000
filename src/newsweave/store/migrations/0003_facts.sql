-- The story ledger reads each article's facts (slot, value, unit, evidence) and its event
-- date, found at ingest. Articles stored before this migration have none until re-ingested.
ALTER TABLE articles ADD COLUMN event_date TEXT;
ALTER TABLE articles ADD COLUMN facts TEXT NOT NULL DEFAULT '[]';
CREATE INDEX articles_event_date ON articles (event_date) WHERE event_date IS NOT NULL
