-- Names in the access replica, for what a service shows (an exchange visit's host school, a
-- calendar entry's visitor), and a person's home school (whose head approves their visits).
-- Rows written before this migration have no name; AccessReplicaRefresh then asks the owners to
-- publish their data again, which fills them in.
alter table access_schools add column name text;
alter table access_people add column name text;
alter table access_people add column home_school_id uuid;
create index access_people_home_school on access_people (home_school_id);
