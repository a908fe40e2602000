-- The search index over article vectors asks, before each search, when an article was last
-- updated (store/vectors.py): with this index that is one lookup, not a scan of every article.
CREATE INDEX articles_updated ON articles (updated_at) WHERE updated_at IS NOT NULL
