-- An analyst's corrections (merge, move, split, undo), each one row of a story's history.
-- moves lists [article, from story, to story]. aliases lists [alias, story]: a story id that
-- answers for another (a merged story), or [id, null] when it stops doing so. stories lists
-- every story the entry touched, so a story's history is one lookup. seq is the newest article
-- stored when the entry was made, which places it among the story's joins.
-- (No semicolons in these comments: the migration runner splits statements on them.)
CREATE TABLE corrections (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    kind      TEXT NOT NULL,
    by_whom   TEXT NOT NULL,
    why       TEXT NOT NULL DEFAULT '',
    seq       INTEGER NOT NULL,
    stories   TEXT NOT NULL DEFAULT '[]',
    moves     TEXT NOT NULL DEFAULT '[]',
    aliases   TEXT NOT NULL DEFAULT '[]',
    undoes    INTEGER,
    undone_by INTEGER
);
-- A merged story's id answers as the surviving story's. A row is never deleted: one that stops
-- being an alias (its merge undone, or the id given back by a split) keeps story_id NULL, so a
-- re-run of `newsweave migrate` carries that change to PostgreSQL too.
CREATE TABLE story_aliases (
    alias    TEXT PRIMARY KEY,
    story_id TEXT
);
