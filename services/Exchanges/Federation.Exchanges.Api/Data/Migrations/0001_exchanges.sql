-- Exchange visits, host places, themed open days and calendar feeds. Schools and people are
-- those of the access replica (building blocks' migrations); vocabulary is stored as in the
-- events (camelCase: 'wholeDay', 'staffingStructures').
create extension if not exists btree_gist;

-- A school's settings as a host. A school with no row takes the default number of visitors.
create table exchange_hosts (
    school_id        uuid primary key,
    visitors_per_day int         not null check (visitors_per_day between 0 and 50),
    updated_by       text        not null,
    updated_at       timestamptz not null default now()
);

-- Named host contacts: besides the school's leaders, they confirm and decline the visits it hosts.
create table exchange_host_contacts (
    school_id uuid not null,
    person_id uuid not null,
    primary key (school_id, person_id)
);

-- The host's places on each day it has confirmed a visit. A confirmation adds one to taken in the
-- same transaction, so confirmations racing for the last place queue on this row and the check
-- lets only one through.
create table host_days (
    school_id uuid not null,
    visit_on  date not null,
    places    int  not null,
    taken     int  not null,
    primary key (school_id, visit_on),
    constraint host_days_within_capacity check (taken between 0 and places)
);

create table exchange_visits (
    id             uuid primary key,
    visitor_id     uuid        not null,
    home_school_id uuid        not null,
    host_school_id uuid        not null,
    visit_on       date        not null,
    session        text        not null,
    half_days      int4range generated always as (half_days(session)) stored,
    purpose        text        not null,
    themes         text[]      not null,
    state          text        not null,
    requested_by   text        not null,  -- emails of who took each step
    approved_by    text,
    confirmed_by   text,
    declined_by    text,                  -- home or host
    reason         text,                  -- why it was declined or cancelled
    learned        text,                  -- the reflection: private to the visitor, home head and executive principal
    take_home      text,
    reflected_at   timestamptz,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    constraint exchange_visits_host_is_another_school check (host_school_id <> home_school_id),
    constraint exchange_visits_has_themes check (cardinality(themes) > 0),
    -- A visitor is in one school at a time: live visits of one person do not share a half-day.
    constraint exchange_visits_visitor_in_one_place exclude using gist (
        visitor_id with =, visit_on with =, half_days with &&) where (state in ('requested', 'approved', 'confirmed'))
);
create index exchange_visits_home_school on exchange_visits (home_school_id, visit_on);
create index exchange_visits_host_school on exchange_visits (host_school_id, visit_on);

create table open_days (
    id             uuid primary key,
    host_school_id uuid        not null,
    theme          text        not null,
    open_on        date        not null,
    places         int         not null check (places between 1 and 500),
    booked         int         not null default 0,
    description    text,
    published_by   text        not null,
    created_at     timestamptz not null default now(),
    -- Each booking adds one in its transaction: fifty bookings racing for ten places queue on the
    -- row, and the eleventh fails this check.
    constraint open_days_not_overbooked check (booked between 0 and places)
);
create index open_days_host_school on open_days (host_school_id, open_on);
create index open_days_open_on on open_days (open_on);

create table open_day_bookings (
    id             uuid primary key,
    open_day_id    uuid        not null references open_days (id),
    person_id      uuid        not null,
    state          text        not null,  -- booked or cancelled
    booked_by      text        not null,
    booked_at      timestamptz not null default now(),
    cancelled_at   timestamptz
);
-- One place per person per open day; a cancelled booking no longer counts.
create unique index open_day_bookings_one_place_per_person on open_day_bookings (open_day_id, person_id) where state = 'booked';
create index open_day_bookings_person on open_day_bookings (person_id);

-- Calendar subscriptions: Outlook and Google Calendar fetch a secret URL without signing in, so
-- only the SHA-256 of the secret is kept. A feed is a person's own, or a school's.
create table calendar_feeds (
    id          uuid primary key,
    token_hash  bytea       not null unique,
    owner_email text        not null,
    person_id   uuid,
    school_id   uuid,
    created_at  timestamptz not null default now(),
    revoked_at  timestamptz,
    constraint calendar_feeds_person_or_school check ((person_id is null) <> (school_id is null))
);
create index calendar_feeds_owner on calendar_feeds (lower(owner_email));
