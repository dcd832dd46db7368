-- Optimistic locking: a pass of the reconciler and a command never overwrite each other's change.
ALTER TABLE cluster ADD COLUMN row_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE member ADD COLUMN row_version BIGINT NOT NULL DEFAULT 0;
