-- A cluster restored from a backup: its founding members start from this artifact.
ALTER TABLE cluster ADD COLUMN restore_backup_id text;
ALTER TABLE cluster ADD COLUMN restore_url text;
ALTER TABLE cluster ADD COLUMN restore_sha256 text;
ALTER TABLE cluster ADD COLUMN restore_revision bigint;
