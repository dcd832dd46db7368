-- Delta snapshots: every change of a cluster between its full snapshots, for point-in-time restores.
ALTER TABLE backup_policy ADD COLUMN delta_seconds int;

-- One chunk of recorded changes: the revisions from_revision..to_revision, all of them.
CREATE TABLE backup_delta (
    cluster        text        NOT NULL,
    from_revision  bigint      NOT NULL,
    to_revision    bigint      NOT NULL,
    -- When the first and last of its changes were seen.
    first_at       timestamptz NOT NULL,
    last_at        timestamptz NOT NULL,
    changes        int         NOT NULL,
    storage        text        NOT NULL,
    location       text        NOT NULL,
    size_bytes     bigint      NOT NULL,
    sha256         text        NOT NULL,
    PRIMARY KEY (cluster, from_revision)
);

-- Where a cluster's recording goes on: the next revision to record, and until when every change
-- is recorded (the recording was current then).
CREATE TABLE backup_delta_cursor (
    cluster        text PRIMARY KEY,
    next_revision  bigint      NOT NULL,
    covered_until  timestamptz,
    updated_at     timestamptz NOT NULL,
    row_version    bigint      NOT NULL DEFAULT 0
);

-- A point-in-time backup is built from a full snapshot (its base) up to a target.
ALTER TABLE backup ADD COLUMN base_backup_id text;
ALTER TABLE backup ADD COLUMN target_revision bigint;
ALTER TABLE backup ADD COLUMN target_time timestamptz;

-- A restore to a point in time waits for its backup to be built before it asks for the cluster.
ALTER TABLE restore ADD COLUMN cluster_requested boolean NOT NULL DEFAULT true;
ALTER TABLE restore ADD COLUMN version text;
ALTER TABLE restore ALTER COLUMN revision DROP NOT NULL;

-- A restore in place rolls an existing cluster back instead of creating one.
ALTER TABLE restore ADD COLUMN in_place boolean NOT NULL DEFAULT false;

-- Quorum-loss recovery: what the policy asks for, and since when a cluster has lost its quorum.
ALTER TABLE backup_policy ADD COLUMN quorum_loss_recovery text;
ALTER TABLE cluster_view ADD COLUMN quorum_lost_at timestamptz;
-- A restore that brings back a lost quorum: from what, and whether the policy started it.
ALTER TABLE restore ADD COLUMN recovery text;
ALTER TABLE restore ADD COLUMN automatic boolean NOT NULL DEFAULT false;
