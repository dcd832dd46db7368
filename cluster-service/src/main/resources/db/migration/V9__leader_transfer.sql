-- A leadership transfer asked for: the member to lead, the one that led then, and since when.
ALTER TABLE cluster ADD COLUMN leader_wanted text;
ALTER TABLE cluster ADD COLUMN leader_from text;
ALTER TABLE cluster ADD COLUMN leader_wanted_at timestamptz;
