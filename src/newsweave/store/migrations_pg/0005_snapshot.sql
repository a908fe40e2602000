-- The PostgreSQL twin of migrations/0005_snapshot.sql: the clusterer's state as of one
-- stored article, in parts (bytea, like SQLite's BLOB, caps one value at 1 GB).
CREATE TABLE clusterer_snapshot (
    part        INTEGER PRIMARY KEY,
    parts       INTEGER NOT NULL,
    seq         BIGINT NOT NULL,
    fingerprint TEXT NOT NULL,
    data        BYTEA NOT NULL
);
