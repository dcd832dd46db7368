-- Restores of backups into new clusters, one per target cluster name at a time.
CREATE TABLE restore (
    id             text PRIMARY KEY,
    cluster        text        NOT NULL,
    backup_id      text        NOT NULL,
    from_cluster   text        NOT NULL,
    revision       bigint      NOT NULL,
    size           int         NOT NULL,
    -- Founding members that could not start from the artifact, one per line.
    refused        text        NOT NULL DEFAULT '',
    state          text        NOT NULL,
    reason         text,
    operation_id   text        NOT NULL,
    requested_at   timestamptz NOT NULL,
    completed_at   timestamptz,
    row_version    bigint      NOT NULL DEFAULT 0
);

CREATE UNIQUE INDEX restore_running ON restore (cluster) WHERE state = 'RUNNING';
