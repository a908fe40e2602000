-- What made each stored embedding (Embedder.identity: the model and how much of the article it
-- read): a run with another embedder or window reads an article again instead of comparing
-- vectors that are not comparable (prepare.stored_vector). NULL: stored before it was recorded.
ALTER TABLE articles ADD COLUMN embedded_by TEXT
