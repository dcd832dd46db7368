-- A cluster's backup policy: the schedule of full snapshots, their storage and retention.
CREATE TABLE backup_policy (
    cluster       text PRIMARY KEY,
    schedule      text,
    storage       text        NOT NULL,
    keep_last     int,
    tiered        boolean     NOT NULL DEFAULT false,
    -- The next scheduled backup; a schedule missed while no instance ran fires once, late.
    next_fire_at  timestamptz,
    last_fired_at timestamptz,
    updated_at    timestamptz NOT NULL,
    row_version   bigint      NOT NULL DEFAULT 0
);

CREATE INDEX backup_policy_due ON backup_policy (next_fire_at) WHERE next_fire_at IS NOT NULL;

ALTER TABLE backup ADD COLUMN trigger text NOT NULL DEFAULT 'ON_DEMAND';
-- Why a DELETING backup is deleted: Requested or Retention.
ALTER TABLE backup ADD COLUMN delete_reason text;
