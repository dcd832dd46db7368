-- Scaling and replacement: a member's place in etcd's membership, why it is being replaced, and
-- how often its process failed lately; the size a cluster is being scaled from.
ALTER TABLE cluster ADD COLUMN scaling_from INT;

ALTER TABLE member ADD COLUMN ordinal INT NOT NULL DEFAULT 0;
ALTER TABLE member ADD COLUMN membership TEXT NOT NULL DEFAULT 'VOTER';
ALTER TABLE member ADD COLUMN failure TEXT;
ALTER TABLE member ADD COLUMN failures INT NOT NULL DEFAULT 0;
ALTER TABLE member ADD COLUMN failures_since TIMESTAMPTZ;
ALTER TABLE member ADD COLUMN replaces TEXT;
UPDATE member SET ordinal = CAST(substring(name from '[0-9]+$') AS INT);
