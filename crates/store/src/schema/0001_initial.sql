-- Schema 1. Bodies are the core types as JSON (the shape the UI receives), beside the columns
-- that queries filter and order on. Instants are Unix milliseconds, UTC.

-- One person at the desk. `pid` is the compact key the search index points at; `id` is the
-- stable PatientId the UI and the audit log use.
CREATE TABLE patients (
    pid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL,
    as_of INTEGER NOT NULL
);

-- Each vendor's record of a person and the person it belongs to (its home link).
CREATE TABLE patient_records (
    vendor TEXT NOT NULL,
    external_id TEXT NOT NULL,
    pid INTEGER NOT NULL REFERENCES patients (pid),
    confidence TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_at INTEGER,
    PRIMARY KEY (vendor, external_id)
) WITHOUT ROWID;
CREATE INDEX patient_records_pid ON patient_records (pid);

-- Look-alikes waiting for a person: "this vendor record may be that patient".
CREATE TABLE link_suggestions (
    vendor TEXT NOT NULL,
    external_id TEXT NOT NULL,
    pid INTEGER NOT NULL REFERENCES patients (pid) ON DELETE CASCADE,
    points INTEGER NOT NULL,
    reasons TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (vendor, external_id, pid)
) WITHOUT ROWID;
CREATE INDEX link_suggestions_pid ON link_suggestions (pid);

-- A person said "not the same": never suggest or link this pair again.
CREATE TABLE link_rejections (
    vendor TEXT NOT NULL,
    external_id TEXT NOT NULL,
    patient_id TEXT NOT NULL,
    PRIMARY KEY (vendor, external_id, patient_id)
) WITHOUT ROWID;

-- The type-ahead index: namespaced, normalised terms in one B-tree, so a prefix is a range scan
-- that stops at the limit (see search/terms.rs for the namespaces).
CREATE TABLE search_terms (
    term TEXT NOT NULL,
    pid INTEGER NOT NULL,
    kind INTEGER NOT NULL,
    PRIMARY KEY (term, pid, kind)
) WITHOUT ROWID;
-- Each patient's terms in one short row, to check the other words of a query without a seek per
-- word, beside the result row itself (PatientSummary with links) so a result costs one read.
CREATE TABLE search_docs (
    pid INTEGER PRIMARY KEY,
    doc TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT ''
);
-- Distinct name words, for typo tolerance by edit distance over a short list.
CREATE TABLE name_vocab (
    term TEXT PRIMARY KEY
) WITHOUT ROWID;

CREATE TABLE providers (
    id TEXT PRIMARY KEY,
    body TEXT NOT NULL,
    as_of INTEGER NOT NULL
);

CREATE TABLE locations (
    id TEXT PRIMARY KEY,
    time_zone TEXT NOT NULL,
    body TEXT NOT NULL
);

CREATE TABLE operatories (
    id TEXT PRIMARY KEY,
    location_id TEXT NOT NULL,
    body TEXT NOT NULL
);

CREATE TABLE appointment_types (
    id TEXT PRIMARY KEY,
    body TEXT NOT NULL
);

-- Appointments from every source, including the async states (pending, failed).
CREATE TABLE appointments (
    id TEXT PRIMARY KEY,
    vendor TEXT NOT NULL,
    patient_id TEXT,
    provider_id TEXT,
    location_id TEXT,
    start_ms INTEGER NOT NULL,
    end_ms INTEGER NOT NULL,
    status TEXT NOT NULL,
    body TEXT NOT NULL,
    as_of INTEGER NOT NULL
);
CREATE INDEX appointments_location_start ON appointments (location_id, start_ms);
CREATE INDEX appointments_provider_start ON appointments (provider_id, start_ms);
CREATE INDEX appointments_patient_start ON appointments (patient_id, start_ms);

-- The last answer to each slot search, shown while the vendors are asked again.
CREATE TABLE slots_cache (
    query_key TEXT NOT NULL,
    slot_id TEXT NOT NULL,
    start_ms INTEGER NOT NULL,
    body TEXT NOT NULL,
    fetched_at INTEGER NOT NULL,
    PRIMARY KEY (query_key, slot_id)
) WITHOUT ROWID;

CREATE TABLE referrals (
    external_id TEXT PRIMARY KEY,
    patient_id TEXT,
    body TEXT NOT NULL,
    as_of INTEGER NOT NULL
);
CREATE INDEX referrals_patient ON referrals (patient_id);

CREATE TABLE contacts (
    external_id TEXT PRIMARY KEY,
    patient_id TEXT,
    start_ms INTEGER NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX contacts_patient ON contacts (patient_id, start_ms);

CREATE TABLE encounters (
    external_id TEXT PRIMARY KEY,
    patient_id TEXT,
    date_ms INTEGER NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX encounters_patient ON encounters (patient_id, date_ms);

-- Callbacks and reminders waiting to be sent exactly once.
CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    patient_id TEXT,
    state TEXT NOT NULL,
    due_ms INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    body TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL
);
CREATE INDEX outbox_state_due ON outbox (state, due_ms);
CREATE INDEX outbox_patient ON outbox (patient_id, due_ms);

CREATE TABLE sync_cursors (
    vendor TEXT NOT NULL,
    stream TEXT NOT NULL,
    cursor TEXT NOT NULL,
    updated_ms INTEGER NOT NULL,
    PRIMARY KEY (vendor, stream)
) WITHOUT ROWID;

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_ms INTEGER NOT NULL
);

-- Append-only and hash-chained: hash = SHA-256(prev_hash || canonical row). The triggers stop
-- honest mistakes; the chain catches anyone who drops them.
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    patient_id TEXT,
    detail TEXT NOT NULL,
    outcome TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_patient ON audit_log (patient_id, seq);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
-- The chain's head, written with every append: deleting the newest rows leaves it pointing past
-- the end, which a chain alone could not tell from a quiet day.
CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL
);
