-- How often the member being restarted exited by itself on the release it is started on: a member
-- that keeps crashing is rolled back at once instead of after member-timeout.
ALTER TABLE upgrade_run ADD COLUMN member_exits int NOT NULL DEFAULT 0;
