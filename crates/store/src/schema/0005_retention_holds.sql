-- Schema 5: a person the desk fetched because someone at it asked (a receptionist's "Search the
-- vendors") has no visit yet, and the retention purge after the next sync pass would remove her
-- minutes later, in the middle of the call. A hold keeps her until it runs out (the retention
-- window from the look-up); the purge drops expired holds with everything else it removes.
CREATE TABLE retention_holds (
    patient_id TEXT PRIMARY KEY,
    until_ms INTEGER NOT NULL
);

-- The purge's first question is "which appointments ended before the window": an index, not a
-- scan of the whole table on every pass.
CREATE INDEX appointments_end ON appointments (end_ms);
