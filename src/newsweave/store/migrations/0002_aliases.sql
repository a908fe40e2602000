-- A record whose text is already stored is not stored again, but its own id, origin
-- and URL are kept as an alias of the stored article, so exports still list it.
CREATE TABLE aliases (
    article_id  TEXT NOT NULL REFERENCES articles (id),
    external_id TEXT NOT NULL DEFAULT '',
    origin      TEXT NOT NULL,
    url         TEXT,
    UNIQUE (article_id, external_id, origin)
);
CREATE INDEX aliases_article ON aliases (article_id);
