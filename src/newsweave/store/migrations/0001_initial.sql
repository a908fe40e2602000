-- Articles carry their story and the decision that put them there: one row, one write,
-- so a batch committed is a batch whole (no article without its story, or the reverse).
CREATE TABLE articles (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,  -- arrival order, replayed on restart
    id             TEXT NOT NULL UNIQUE,
    content_hash   TEXT NOT NULL UNIQUE,
    external_id    TEXT,
    url            TEXT,
    source         TEXT,
    origin         TEXT NOT NULL,
    title          TEXT NOT NULL,
    text           TEXT NOT NULL,
    captions       TEXT NOT NULL DEFAULT '[]',
    lang           TEXT NOT NULL,
    published      TEXT,
    published_from TEXT,
    event_dates    TEXT NOT NULL DEFAULT '[]',
    entities       TEXT NOT NULL DEFAULT '[]',
    quantities     TEXT NOT NULL DEFAULT '[]',
    embedding      BLOB,
    story_id       TEXT NOT NULL,
    decision       TEXT NOT NULL DEFAULT '{}',
    ingested_at    TEXT NOT NULL,
    updated_at     TEXT
);
CREATE INDEX articles_story ON articles (story_id);
CREATE INDEX articles_url ON articles (url) WHERE url IS NOT NULL;

CREATE TABLE stories (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    created_seq INTEGER NOT NULL,
    updated_seq INTEGER NOT NULL
);

CREATE TABLE rejections (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    origin TEXT NOT NULL,
    reason TEXT NOT NULL,
    at     TEXT NOT NULL
);
