-- The tables of service-kit, in every service's database. Repeatable and idempotent: Flyway runs it
-- again whenever it changes, after the service's own versioned migrations.

-- Transactional outbox: written with the state change, published in id order by the relay.
CREATE TABLE IF NOT EXISTS outbox (
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
-- A row Kafka refused for good (too large, say) is set aside, so that the rows behind it go on.
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS failed_at TIMESTAMPTZ;
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS failure TEXT;
DROP INDEX IF EXISTS outbox_unsent;
CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (id) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX IF NOT EXISTS outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL;

-- Ids of the commands and events already processed: consumers are idempotent.
CREATE TABLE IF NOT EXISTS processed_record (
    id           TEXT PRIMARY KEY,
    processed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS processed_record_at ON processed_record (processed_at);

-- Which instance acts on an aggregate (a cluster, the outbox relay …), and until when.
CREATE TABLE IF NOT EXISTS aggregate_lease (
    kind        TEXT        NOT NULL,
    id          TEXT        NOT NULL,
    owner       TEXT        NOT NULL,
    lease_until TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (kind, id)
);
