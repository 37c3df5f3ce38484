-- Materialised matrices (issue 12): each scope's matrix for today's cycle, worked out when the
-- facts behind it change (Events/MatrixMaterialiser.cs), so that a read is one row, not a
-- computation over the facts.

-- A scope's matrix as it stands today: the figures' JSON as the API answers them (scope, cycle,
-- previous cycle, columns, strands; asOf and the sources are added per request), and their ETag.
create table matrix_documents (
    scope_id    uuid primary key,
    scope_kind  text not null,
    day         date not null,           -- the day it is today's matrix for: the next day's is worked out afresh
    cycle_id    text not null,           -- "2026-3"
    figures     bytea not null,          -- UTF-8 JSON
    etag        text not null,
    computed_at timestamptz not null default now()
);

-- Scopes whose facts changed since their matrix was worked out, and for which of their schools
-- (null: the whole scope, as when a school joins or a threshold changes): written in the
-- transaction that applies an event (or changes a setting), taken by the materialiser, which
-- works out only those schools' cells when it can. Append-only, so that concurrent consumers
-- never wait for each other here.
create table matrix_dirty (
    id        bigint generated always as identity primary key,
    scope_id  uuid not null,
    school_id uuid
);
create index matrix_dirty_scope on matrix_dirty (scope_id, id);

-- What changed in a scope's matrix each time it was worked out (Api/MatrixChanges.cs: the cells
-- whose figures differ), streamed to those following the matrix (server-sent events, whose ids are
-- `position`), kept a day. changed_at is when the change was stored (its working-out began at its matrix's computed_at).
create table matrix_cell_changes (
    position   bigint generated always as identity primary key,
    scope_id   uuid not null,
    changes    jsonb not null,
    changed_at timestamptz not null default now()
);
create index matrix_cell_changes_scope on matrix_cell_changes (scope_id, position);

-- People's names, for the leads of the leadership rows: kept here from the staff service's events
-- (not read from the access replica, which another consumer fills), so that the materialiser sees
-- a renamed lead in the same transaction that marks their schools' matrices changed.
create table matrix_people (
    id         uuid primary key,
    name       text not null,
    changed_at timestamptz not null
);
insert into matrix_people (id, name, changed_at)
select id, name, '-infinity' from access_people where name is not null;

-- Every leaving as it arrived, so that a leaving applied before its joining (events are taken
-- several at a time; a rebuild publishes them back to back) still ends the membership it ends.
create table matrix_leaves (
    scope_id  uuid not null,
    school_id uuid not null,
    left_on   date not null,
    primary key (scope_id, school_id, left_on)
);
insert into matrix_leaves (scope_id, school_id, left_on)
select scope_id, school_id, left_on from matrix_members where left_on is not null;
