-- Translation links found at ingest (ledger/translation.py): two articles of a story that are one
-- text in two languages, and the share of their sentences aligned. Stored because sentence
-- vectors cost too much to compute when a story is read. Which of the two is the original is
-- decided on read (the earlier by trusted date, then arrival), so a pair is stored once.
-- (No semicolons in these comments: the migration runner splits statements on them.)
CREATE TABLE translations (
    article_id TEXT NOT NULL,
    other_id   TEXT NOT NULL,
    confidence REAL NOT NULL,
    PRIMARY KEY (article_id, other_id)
);
CREATE INDEX translations_other ON translations (other_id);
