-- The outbox, processed ids and leases now belong to service-kit (db/kit/R__orogen_kit.sql): the
-- relay's and the clusters' leases move to its aggregate_lease table. A member's pid was never read.
DROP TABLE relay_lease;
ALTER TABLE cluster DROP COLUMN lease_owner;
ALTER TABLE cluster DROP COLUMN lease_until;
ALTER TABLE member DROP COLUMN pid;

-- Enums are stored by their Java names, as the phase and the membership already are.
UPDATE cluster SET provider = upper(provider);
UPDATE member SET role = upper(role) WHERE role IS NOT NULL;
UPDATE member SET initial_state = upper(initial_state);
