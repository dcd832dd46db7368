-- A restore in place: STOPPING the members, REMOVING their data, then null once started again.
ALTER TABLE cluster ADD COLUMN restore_stage text;
