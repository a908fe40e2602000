-- Full-text search over article titles and bodies (SQLite FTS5).
-- External content: the index keeps only tokens, the text stays in articles. There are no
-- triggers (the migration runner splits statements on semicolons, which trigger bodies
-- contain): the store's write path keeps the index in step, and 'rebuild' fills it for the
-- articles stored before this migration.
-- remove_diacritics folds "Coréia" and "Coreia" together, as a reader would expect.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content = 'articles', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
