-- Schema 4: a clinician's account may name the desk provider she is, so the desk can let her keep
-- her own telehealth hours and nobody else's. Empty for everyone else.
ALTER TABLE staff ADD COLUMN provider_id TEXT;
