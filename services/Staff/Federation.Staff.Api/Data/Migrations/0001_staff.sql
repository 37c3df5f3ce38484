-- People, their roles and shared-staff deployments. Vocabulary is stored as the API and the
-- events spell it (camelCase: 'headteacher', 'internalSecondment'), which is also how the access
-- replica (access_* tables) stores roles and scopes, so the two can be compared in SQL.
create extension if not exists btree_gist;

create table people (
    id             uuid primary key,
    name           text        not null,
    email          text        not null,
    home_school_id uuid,                       -- null for people who are not school staff
    staff_type     text        not null,
    specialisms    text[]      not null default '{}',
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    constraint people_school_staff_have_a_home_school check (staff_type = 'other' or home_school_id is not null)
);
-- A signed-in token maps to a person by email, whatever its case.
create unique index people_email_unique on people (lower(email));
create index people_home_school on people (home_school_id);

create table role_assignments (
    id                  uuid primary key,
    person_id           uuid        not null references people (id),
    role                text        not null,
    scope_kind          text        not null,
    scope_id            uuid        not null,
    starts_on           date        not null,
    ends_on             date,                   -- the last day in the role; null while open-ended
    kind                text        not null,
    leadership_function text,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    -- Ending a role the day it starts leaves it held on no day at all (ends_on = starts_on - 1).
    constraint role_assignments_ends_after_start check (ends_on is null or ends_on >= starts_on - 1),
    constraint role_assignments_secondment_ends check (kind <> 'internalSecondment' or ends_on is not null),
    -- daterange(starts_on, ends_on + 1) is empty for a role held on no day, unbounded while open-ended.
    constraint role_assignments_not_held_twice exclude using gist (
        person_id with =, role with =, scope_id with =, daterange(starts_on, ends_on + 1) with &&)
);
create index role_assignments_person on role_assignments (person_id);
create index role_assignments_scope on role_assignments (scope_kind, scope_id);

-- half_days(session) comes from the building blocks' 0004_school_sessions.sql (it was defined here
-- first; databases that ran this script then keep it, replaced by an identical definition).

create table deployments (
    id              uuid primary key,
    person_id       uuid        not null references people (id),
    home_school_id  uuid        not null,
    host_school_id  uuid        not null,
    starts_on       date        not null,
    ends_on         date        not null,
    session         text        not null,
    category        text        not null,
    purpose         text        not null,
    state           text        not null,
    reason          text,                        -- why it was declined or cancelled
    requested_by    text        not null,        -- the email of whoever asked
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    half_days       int4range generated always as (half_days(session)) stored,
    constraint deployments_ends_after_start check (ends_on >= starts_on),
    constraint deployments_host_is_another_school check (host_school_id <> home_school_id),
    -- A person is never in two places at once: no two agreed deployments of one person share a
    -- day and a half-day, however many requests race to agree them.
    constraint deployments_person_in_one_place exclude using gist (
        person_id with =, daterange(starts_on, ends_on, '[]') with &&, half_days with &&) where (state = 'agreed')
);
create index deployments_person on deployments (person_id);
create index deployments_home_school on deployments (home_school_id);
create index deployments_host_school on deployments (host_school_id);
