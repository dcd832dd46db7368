-- Each member's own release (a rolling upgrade runs members of two releases for a while), and
-- where a restart on a release stands: STOPPING the member, then STARTING it on the release.
alter table member add column version text;
update member m set version = c.version from cluster c where c.name = m.cluster;
alter table member add column restart_stage text;
alter table member add column restart_from text;
alter table member add column restart_asked_at timestamptz;
