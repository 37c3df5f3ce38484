-- Lesson observations (DOMAIN.md §1.4, §3.5): developmental records, no grade, confidential to the
-- observed teacher, the observers and the observed school's leadership (rule 14). Vocabulary is
-- stored as the API's camelCase names.

create table observations (
    id            uuid primary key,
    school_id     uuid not null,               -- the observed school
    teacher_id    uuid not null,               -- the observed teacher
    kind          text not null,               -- headOfDepartment, seniorTeamWalk, peer, mentor, crossSchool
    focus         text[] not null,             -- teaching, learning, behaviour
    observe_on    date not null,
    starts_at     time not null,               -- the lesson's start, on the school's (London) clock
    lesson        text,                        -- e.g. "Year 9 set 2, room S4"
    cross_school  boolean not null,
    state         text not null check (state in ('proposed', 'scheduled', 'completed', 'cancelled', 'declined')),
    scheduled_by  text not null,
    decided_by    text,                        -- who accepted or declined a cross-school observation
    reason        text,                        -- why it was declined or cancelled
    strengths     text,
    next_steps    text,
    support_needed boolean,
    support_kind  text,                        -- coach, peer, advancedSkillsTeacher
    recorded_by   text,
    recorded_at   timestamptz,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    constraint observations_record_complete check (state <> 'completed' or (strengths is not null and next_steps is not null and support_needed is not null)),
    constraint observations_support_kind check (support_kind is null or support_needed)
);
-- Visibility is worked out from these (the observed teacher; the school's leaders), each index carrying the id.
create index observations_teacher on observations (teacher_id) include (id);
create index observations_school on observations (school_id, observe_on) include (id);

create table observation_observers (
    observation_id uuid not null references observations (id),
    person_id      uuid not null,
    school_id      uuid not null,              -- the observer's home school when scheduled
    position       smallint not null,
    primary key (observation_id, person_id)
);
create index observation_observers_person on observation_observers (person_id) include (observation_id);

create table senior_team_walks (
    id          uuid primary key,
    school_id   uuid not null,
    walked_on   date not null,
    classrooms  text[] not null,
    recorded_by text not null,
    recorded_at timestamptz not null default now()
);
create index senior_team_walks_school on senior_team_walks (school_id, walked_on) include (id);

create table senior_team_walkers (
    walk_id   uuid not null references senior_team_walks (id),
    person_id uuid not null,
    primary key (walk_id, person_id)
);
create index senior_team_walkers_person on senior_team_walkers (person_id) include (walk_id);

-- What the walk noted of each teacher it saw: praise or help, with an optional comment.
create table senior_team_walk_notes (
    walk_id    uuid not null references senior_team_walks (id),
    teacher_id uuid not null,
    note       text not null check (note in ('praise', 'help')),
    comment    text,
    primary key (walk_id, teacher_id)
);

create table support_follow_ups (
    id             uuid primary key,
    school_id      uuid not null,
    teacher_id     uuid not null,
    observation_id uuid references observations (id),
    walk_id        uuid references senior_team_walks (id),
    support_kind   text not null,
    assignee_id    uuid not null,
    state          text not null check (state in ('open', 'closed')),
    note           text,
    outcome        text,
    opened_by      text not null,
    opened_at      timestamptz not null default now(),
    closed_by      text,
    closed_at      timestamptz,
    constraint support_follow_ups_one_source check ((observation_id is null) <> (walk_id is null)),
    constraint support_follow_ups_closed_with_outcome check (state = 'open' or outcome is not null)
);
create index support_follow_ups_teacher on support_follow_ups (teacher_id) include (id);
create index support_follow_ups_assignee on support_follow_ups (assignee_id) include (id);
create index support_follow_ups_school on support_follow_ups (school_id, state) include (id);

-- Each school's coverage thresholds (DOMAIN.md rule 6); a school without a row keeps the defaults.
create table coverage_settings (
    school_id                  uuid primary key,
    observations_per_half_term integer not null check (observations_per_half_term between 1 and 6),
    walks_per_week             integer not null check (walks_per_week between 0 and 5),
    updated_by                 text not null,
    updated_at                 timestamptz not null default now()
);
