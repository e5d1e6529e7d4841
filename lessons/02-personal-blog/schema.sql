-- Applied at every start; IF NOT EXISTS makes that safe on an existing file.
CREATE TABLE IF NOT EXISTS posts (
    id         INTEGER PRIMARY KEY AUTOINCREMENT, -- AUTOINCREMENT: ids are never reused
    title      TEXT NOT NULL,
    slug       TEXT NOT NULL UNIQUE,              -- the database decides what is a duplicate
    content    TEXT NOT NULL,
    created_at TEXT NOT NULL                      -- fixed-width RFC 3339 UTC, so text order is time order
);

CREATE INDEX IF NOT EXISTS posts_newest_first ON posts (created_at DESC, id DESC);
