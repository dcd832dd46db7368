-- What backup-service knows of each cluster, from orogen.cluster.events (ClusterAccepted, ClusterReady,
-- ClusterScaled, MemberReplaced, ClusterDegraded, ClusterDeleted).
CREATE TABLE cluster_view (
    name         text PRIMARY KEY,
    token        text,
    version      text,
    phase        text        NOT NULL,
    -- One "member-name client-url" per line.
    members      text        NOT NULL DEFAULT '',
    updated_at   timestamptz NOT NULL,
    row_version  bigint      NOT NULL DEFAULT 0
);

CREATE TABLE backup (
    id              text PRIMARY KEY,
    cluster         text        NOT NULL,
    cluster_token   text,
    storage         text        NOT NULL,
    state           text        NOT NULL,
    attempts        int         NOT NULL DEFAULT 0,
    member          text,
    revision        bigint,
    total_keys      bigint,
    etcd_version    text,
    size_bytes      bigint,
    bytes_done      bigint      NOT NULL DEFAULT 0,
    sha256          text,
    location        text,
    failure         text,
    operation_id    text        NOT NULL,
    requested_at    timestamptz NOT NULL,
    started_at      timestamptz,
    completed_at    timestamptz,
    duration_millis bigint,
    row_version     bigint      NOT NULL DEFAULT 0
);

CREATE INDEX backup_by_cluster ON backup (cluster, requested_at);
CREATE INDEX backup_unfinished ON backup (state) WHERE state IN ('RUNNING', 'DELETING');
