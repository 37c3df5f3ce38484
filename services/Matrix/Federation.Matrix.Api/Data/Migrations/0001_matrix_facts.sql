-- The matrix's read model (issue 12): what it needs of the other services' events, kept as facts
-- as they now stand, each row keyed by its source's id. A fact is changed only by an event at least
-- as new as the one that last changed it (changed_at), so events applied out of order, or twice,
-- leave the newest state. The matrix is worked out from these; it calls no other service.

create table matrix_schools (
    id             uuid primary key,
    name           text not null,
    phase          text not null,
    pupils_on_roll integer not null,
    fsm_band       integer not null,
    ofsted_grade   integer,
    changed_at     timestamptz not null
);

-- Federation and cluster memberships with their dates, so that a school that left stays in the
-- cycles it was part of.
create table matrix_members (
    scope_kind text not null,               -- federation or cluster
    scope_id   uuid not null,
    school_id  uuid not null,
    joined_on  date not null,
    left_on    date,
    changed_at timestamptz not null,
    primary key (scope_id, school_id, joined_on)
);
create index matrix_members_school on matrix_members (school_id);

create table matrix_scopes (
    id             uuid primary key,
    kind           text not null,           -- federation or cluster
    name           text not null,
    lead_school_id uuid,                    -- a federation's
    changed_at     timestamptz not null
);

create table matrix_roles (
    assignment_id uuid primary key,
    person_id     uuid not null,
    role          text not null,
    scope_kind    text not null,
    scope_id      uuid not null,
    function      text,                     -- the leadership function led there, if any
    starts_on     date not null,
    ends_on       date,
    changed_at    timestamptz not null
);
create index matrix_roles_scope on matrix_roles (scope_id);

create table matrix_deployments (
    id             uuid primary key,
    home_school_id uuid not null,
    host_school_id uuid not null,
    starts_on      date not null,
    ends_on        date not null,
    session        text not null,
    state          text not null,            -- requested, agreed, declined, cancelled
    changed_at     timestamptz not null
);
create index matrix_deployments_home on matrix_deployments (home_school_id);
create index matrix_deployments_host on matrix_deployments (host_school_id);

create table matrix_observations (
    id                  uuid primary key,
    school_id           uuid not null,
    teacher_id          uuid not null,
    kind                text not null,
    observer_school_ids uuid[] not null,
    cross_school        boolean not null,
    observe_on          date not null,
    state               text not null,       -- proposed, scheduled, completed, cancelled
    support_needed      boolean,
    changed_at          timestamptz not null
);
create index matrix_observations_school on matrix_observations (school_id, observe_on);
create index matrix_observations_observer_schools on matrix_observations using gin (observer_school_ids);

create table matrix_follow_ups (
    id         uuid primary key,
    school_id  uuid not null,
    teacher_id uuid not null,
    state      text not null,                -- open, closed
    changed_at timestamptz not null
);
create index matrix_follow_ups_school on matrix_follow_ups (school_id);

create table matrix_visits (
    id             uuid primary key,
    visitor_id     uuid not null,
    home_school_id uuid not null,
    host_school_id uuid not null,
    visit_on       date not null,
    state          text not null,            -- requested, approved, confirmed, completed, reflected, declined, cancelled
    changed_at     timestamptz not null
);
create index matrix_visits_home on matrix_visits (home_school_id, visit_on);
create index matrix_visits_host on matrix_visits (host_school_id, visit_on);

-- When each source service's newest event arrived, so that a stale source shows as stale, not as red.
create table matrix_sources (
    service          text primary key,
    last_event_at    timestamptz not null,  -- the newest event's OccurredAt
    last_received_at timestamptz not null
);
