-- Verification sampling: one scheduled backup in verify_every is verified (null: every one).
ALTER TABLE backup_policy ADD COLUMN verify_every int;
