-- What the cluster held at the backup's revision (read from the member it was taken from), and what
-- restoring the backup into a scratch member showed.
ALTER TABLE backup ADD COLUMN key_count bigint;
ALTER TABLE backup ADD COLUMN hash_kv bigint;
-- VERIFIED or CORRUPT once checked; null while not checked yet.
ALTER TABLE backup ADD COLUMN verification text;
ALTER TABLE backup ADD COLUMN verified_at timestamptz;
ALTER TABLE backup ADD COLUMN verification_detail text;
