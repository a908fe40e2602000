-- The clusterer's state as of one stored article (cluster/snapshot.py), so that a restart
-- replays only the articles stored after it. In parts: SQLite caps one value at 1 GB, and
-- a store with 100,000 live stories has a state about that size.
CREATE TABLE clusterer_snapshot (
    part        INTEGER PRIMARY KEY,  -- 0, 1, ... of ``parts``
    parts       INTEGER NOT NULL,
    seq         INTEGER NOT NULL,     -- the newest article the state has taken in
    fingerprint TEXT NOT NULL,        -- the settings it was made under (under others: ignored)
    data        BLOB NOT NULL
);
