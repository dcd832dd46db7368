-- Self-healing: an exited member is always restarted in place, after a back-off when it keeps
-- exiting before it ever answers; one whose data is gone is re-created instead.
ALTER TABLE member ADD COLUMN data_lost BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE member ADD COLUMN restart_at TIMESTAMPTZ;
ALTER TABLE member ADD COLUMN unanswered_exits INT NOT NULL DEFAULT 0;
