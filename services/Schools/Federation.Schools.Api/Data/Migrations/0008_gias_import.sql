-- The national register (GIAS, "Get Information about Schools") is loaded by upload (issue 14).
-- Its numbers may be blank: a blank is unknown, never an invented zero.
alter table schools alter column pupils_on_roll drop not null;
alter table schools alter column fsm_band drop not null;
alter table schools alter column lowest_age drop not null;
alter table schools alter column highest_age drop not null;

-- GIAS's three-digit code of a local authority ("LA (code)", e.g. 935 for Suffolk): how an import
-- finds the authority of a row, whatever its name is spelt like.
alter table local_authorities add column code int;
alter table local_authorities add constraint local_authorities_code_key unique (code);

-- A federation GIAS lists ("Federations (code)", "Federations (name)") is not yet a federation of
-- the platform: whether it is hard or soft, its lead school and its governing bodies' decisions are
-- confirmed by forming it (POST /api/federations). Until then it waits here with the schools GIAS
-- lists in it.
create table federations_to_confirm (
    gias_code   text primary key,
    name        text not null,
    school_ids  uuid[] not null,
    imported_at timestamptz not null
);
