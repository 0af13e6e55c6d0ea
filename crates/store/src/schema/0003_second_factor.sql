-- Schema 3: the second factor. The TOTP secret lives only here, inside the encrypted cache; it
-- is not active until its first code is confirmed, and the last step used is kept so a code is
-- accepted once. Recovery codes are only ever Argon2id hashes, each spent once.
CREATE TABLE staff_totp (
    staff_id TEXT PRIMARY KEY REFERENCES staff (id) ON DELETE CASCADE,
    secret TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 0,
    last_step INTEGER NOT NULL DEFAULT 0,
    created_ms INTEGER NOT NULL,
    confirmed_ms INTEGER
);
CREATE TABLE staff_recovery_code (
    id INTEGER PRIMARY KEY,
    staff_id TEXT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    hash TEXT NOT NULL,
    used_ms INTEGER
);
CREATE INDEX staff_recovery_code_staff ON staff_recovery_code (staff_id);
