-- What upgrade-service knows of each cluster, from orogen.cluster.events.
CREATE TABLE cluster_view (
    name           text PRIMARY KEY,
    provider       text,
    phase          text        NOT NULL,
    version        text,
    -- One "name node role version" per line; version "-" when not known.
    members        text        NOT NULL DEFAULT '',
    leader         text,
    ready_since    timestamptz,
    degraded_since timestamptz,
    updated_at     timestamptz NOT NULL,
    row_version    bigint      NOT NULL DEFAULT 0
);

-- The releases each node can run, from NodeRegistered.
CREATE TABLE node_view (
    name        text PRIMARY KEY,
    versions    text        NOT NULL DEFAULT '',
    updated_at  timestamptz NOT NULL,
    row_version bigint      NOT NULL DEFAULT 0
);

-- Every upgrade run, kept as its history.
CREATE TABLE upgrade_run (
    id                text PRIMARY KEY,
    cluster           text        NOT NULL,
    from_version      text        NOT NULL,
    to_version        text        NOT NULL,
    trigger           text        NOT NULL,
    skip_backup       boolean     NOT NULL DEFAULT false,
    -- BACKING_UP, ROLLING, ROLLING_BACK, then COMPLETED, FAILED or ABORTED.
    state             text        NOT NULL,
    paused            boolean     NOT NULL DEFAULT false,
    pause_reported    boolean     NOT NULL DEFAULT false,
    abort_requested   boolean     NOT NULL DEFAULT false,
    -- The members in the order they are upgraded, comma-separated; position indexes it.
    plan              text        NOT NULL,
    leader            text,
    position          int         NOT NULL DEFAULT 0,
    -- Where the current member stands: TRANSFER (leadership), RESTART, SETTLE; null between members.
    stage             text,
    stage_at          timestamptz,
    transfer_to       text,
    transfer_attempts int         NOT NULL DEFAULT 0,
    member_started_at timestamptz,
    -- The last command sent, to match the CommandRejected that may answer it.
    command_id        text,
    rejection         text,
    retry_at          timestamptz,
    -- What the answers said: "member@version" restarted, the member leadership moved to.
    restarted         text,
    leader_moved_to   text,
    transfer_failure  text,
    backup_id         text,
    backup_verifies   boolean,
    backup_verified   boolean,
    backup_failure    text,
    -- Members still to roll back (comma-separated) and those rolled back.
    rollback          text,
    rolled_back       text        NOT NULL DEFAULT '',
    failure           text,
    failed_member     text,
    log_tail          text,
    degraded_millis   bigint      NOT NULL DEFAULT 0,
    -- "member=millis" per upgraded member, comma-separated, in order.
    timings           text        NOT NULL DEFAULT '',
    estimated_millis  bigint      NOT NULL,
    outcome           text,
    created_at        timestamptz NOT NULL,
    finished_at       timestamptz,
    updated_at        timestamptz NOT NULL,
    row_version       bigint      NOT NULL DEFAULT 0
);

CREATE INDEX upgrade_run_by_cluster ON upgrade_run (cluster, created_at);
-- One run of a cluster at a time.
CREATE UNIQUE INDEX upgrade_run_one_active ON upgrade_run (cluster)
    WHERE state IN ('BACKING_UP', 'ROLLING', 'ROLLING_BACK');

-- How each cluster is kept up to date.
CREATE TABLE update_policy (
    cluster        text PRIMARY KEY,
    channel        text        NOT NULL,
    strategy       text        NOT NULL,
    -- The windows as the contract writes them (JSON).
    windows        text        NOT NULL DEFAULT '[]',
    -- The release last announced (UpdateAvailable), and the refusal last reported.
    announced      text,
    refused        text,
    updated_at     timestamptz NOT NULL,
    row_version    bigint      NOT NULL DEFAULT 0
);
