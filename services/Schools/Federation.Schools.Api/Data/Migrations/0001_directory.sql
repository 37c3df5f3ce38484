create table local_authorities (
    id         uuid primary key,
    name       text not null,
    region     text not null,
    created_at timestamptz not null default now(),
    constraint local_authorities_name_key unique (name)
);

create table schools (
    id                  uuid primary key,
    urn                 int  not null,
    name                text not null,
    local_authority_id  uuid not null references local_authorities (id),
    phase               text not null,
    lowest_age          int  not null,
    highest_age         int  not null,
    pupils_on_roll      int  not null check (pupils_on_roll >= 0),
    fsm_band            smallint not null check (fsm_band between 1 and 4),
    ofsted_grade        smallint check (ofsted_grade between 1 and 4),
    ofsted_inspected_on date,
    ofsted_category     text,
    specialisms         text[] not null default '{}',
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    constraint schools_urn_key unique (urn),
    constraint schools_age_range check (lowest_age < highest_age)
);
create index schools_local_authority on schools (local_authority_id);

create table federations (
    id             uuid primary key,
    name           text not null,
    kind           text not null check (kind in ('Hard', 'Soft')),
    lead_school_id uuid not null references schools (id),
    formed_on      date not null,
    created_at     timestamptz not null default now(),
    constraint federations_id_kind unique (id, kind)
);

-- Membership history: leaving sets left_on; rejoining adds a row.
create table federation_members (
    id                              bigint generated always as identity primary key,
    federation_id                   uuid not null,
    federation_kind                 text not null,
    school_id                       uuid not null references schools (id),
    joined_on                       date not null,
    left_on                         date,
    governing_body_decided_on       date,
    governing_body_minute_reference text,
    foreign key (federation_id, federation_kind) references federations (id, kind),
    constraint federation_members_hard_needs_decision check (
        federation_kind <> 'Hard'
        or (governing_body_decided_on is not null and governing_body_minute_reference is not null)),
    constraint federation_members_left_after_joined check (left_on is null or left_on >= joined_on)
);
-- A school belongs to at most one hard federation at a time (DOMAIN.md rule 2).
create unique index federation_members_one_hard_federation
    on federation_members (school_id) where federation_kind = 'Hard' and left_on is null;
create unique index federation_members_current
    on federation_members (federation_id, school_id) where left_on is null;

create table clusters (
    id                 uuid primary key,
    name               text not null,
    local_authority_id uuid not null references local_authorities (id),
    chair_person_id    uuid,
    meeting_cadence    text not null,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now()
);
create index clusters_local_authority on clusters (local_authority_id);

create table cluster_members (
    id         bigint generated always as identity primary key,
    cluster_id uuid not null references clusters (id),
    school_id  uuid not null references schools (id),
    joined_on  date not null,
    left_on    date,
    constraint cluster_members_left_after_joined check (left_on is null or left_on >= joined_on)
);
create unique index cluster_members_current on cluster_members (cluster_id, school_id) where left_on is null;
create index cluster_members_school on cluster_members (school_id) where left_on is null;
create index federation_members_school on federation_members (school_id) where left_on is null;
