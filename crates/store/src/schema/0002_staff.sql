-- Schema 2: the people at the desk. A credential is only ever its Argon2id PHC string; a run of
-- misses is counted here (not in memory) so restarting the app does not reset the wait.
CREATE TABLE staff (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    credential TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    second_factor INTEGER NOT NULL DEFAULT 0,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    blocked_until_ms INTEGER NOT NULL DEFAULT 0,
    created_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL
);
