-- Managed clusters and their members: desired state, and what was last observed.
CREATE TABLE cluster (
    name              TEXT PRIMARY KEY,
    uid               UUID        NOT NULL,
    size              INT         NOT NULL,
    version           TEXT        NOT NULL,
    requested_version TEXT        NOT NULL,
    provider          TEXT        NOT NULL,
    phase             TEXT        NOT NULL,
    token             TEXT        NOT NULL,
    operation_id      TEXT        NOT NULL,
    lease_owner       TEXT,
    lease_until       TIMESTAMPTZ,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    ready_at          TIMESTAMPTZ
);

CREATE TABLE member (
    id          TEXT   PRIMARY KEY,
    cluster     TEXT   NOT NULL REFERENCES cluster (name) ON DELETE CASCADE,
    name        TEXT   NOT NULL,
    node        TEXT   NOT NULL,
    address     TEXT   NOT NULL,
    peer_port   INT    NOT NULL,
    client_port INT    NOT NULL,
    state       TEXT   NOT NULL,
    initial_state TEXT NOT NULL,
    member_id   TEXT,
    pid         BIGINT,
    role        TEXT,
    raft_index  BIGINT,
    db_size     BIGINT,
    running_version TEXT,
    updated_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (cluster, name)
);
CREATE INDEX member_node ON member (node);

-- What cluster-service knows of each node, projected from orogen.node.events.
CREATE TABLE node (
    name          TEXT PRIMARY KEY,
    address       TEXT        NOT NULL,
    boot_id       TEXT        NOT NULL,
    labels        TEXT        NOT NULL,
    etcd_versions TEXT        NOT NULL,
    port_first    INT         NOT NULL,
    port_last     INT         NOT NULL,
    max_members   INT         NOT NULL,
    registered_at TIMESTAMPTZ NOT NULL,
    last_seen     TIMESTAMPTZ NOT NULL
);

-- Transactional outbox: written with the state change, published in id order by the relay.
CREATE TABLE outbox (
    id             BIGSERIAL PRIMARY KEY,
    event_id       TEXT        NOT NULL UNIQUE,
    topic          TEXT        NOT NULL,
    record_key     TEXT        NOT NULL,
    ce_type        TEXT        NOT NULL,
    ce_source      TEXT        NOT NULL,
    ce_time        TIMESTAMPTZ NOT NULL,
    correlation_id TEXT        NOT NULL,
    causation_id   TEXT,
    data           TEXT        NOT NULL,
    sent_at        TIMESTAMPTZ
);
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;

-- Ids of the commands and events already processed: consumers are idempotent.
CREATE TABLE processed_record (
    id           TEXT PRIMARY KEY,
    processed_at TIMESTAMPTZ NOT NULL
);
