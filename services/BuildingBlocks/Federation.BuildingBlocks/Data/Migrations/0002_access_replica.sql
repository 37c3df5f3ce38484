-- The access replica: what every service knows, from events, about who may do what where.
-- Fed by AccessReplica from the schools service's directory events (the shape: which school is
-- in which local authority, federation and cluster) and the staff service's people and role
-- events. Vocabulary is stored as in the events (camelCase: 'headteacher', 'localAuthority').

create table access_local_authorities (id uuid primary key);

create table access_schools (
    id                 uuid primary key,
    local_authority_id uuid not null
);
create index access_schools_local_authority on access_schools (local_authority_id);

create table access_federations (id uuid primary key);

create table access_federation_members (
    federation_id uuid not null,
    school_id     uuid not null,
    primary key (federation_id, school_id)
);
create index access_federation_members_school on access_federation_members (school_id);

create table access_clusters (
    id                 uuid primary key,
    local_authority_id uuid not null
);
create index access_clusters_local_authority on access_clusters (local_authority_id);

create table access_cluster_members (
    cluster_id uuid not null,
    school_id  uuid not null,
    primary key (cluster_id, school_id)
);
create index access_cluster_members_school on access_cluster_members (school_id);

create table access_people (
    id    uuid primary key,
    email text not null
);
create index access_people_email on access_people (lower(email));

create table access_role_assignments (
    id         uuid primary key,
    person_id  uuid not null,
    role       text not null,
    scope_kind text not null,
    scope_id   uuid not null,
    starts_on  date not null,
    ends_on    date          -- the last day in the role; null while open-ended
);
create index access_role_assignments_person on access_role_assignments (person_id);
create index access_role_assignments_scope on access_role_assignments (scope_kind, scope_id);

-- Every scope, and what lies within it: itself; a federation's and a cluster's member schools;
-- a local authority's schools and clusters.
create view access_scope_cover (scope_kind, scope_id, target_kind, target_id) as
    select 'school', id, 'school', id from access_schools
    union all select 'federation', id, 'federation', id from access_federations
    union all select 'cluster', id, 'cluster', id from access_clusters
    union all select 'localAuthority', id, 'localAuthority', id from access_local_authorities
    union all select 'federation', federation_id, 'school', school_id from access_federation_members
    union all select 'cluster', cluster_id, 'school', school_id from access_cluster_members
    union all select 'localAuthority', local_authority_id, 'school', id from access_schools
    union all select 'localAuthority', local_authority_id, 'cluster', id from access_clusters;

-- The roles a signed-in email holds on a day, and where.
create function access_grants(p_email text, p_on date)
returns table (role text, scope_kind text, scope_id uuid)
language sql stable as $$
    select r.role, r.scope_kind, r.scope_id
    from access_role_assignments r
    join access_people p on p.id = r.person_id
    where lower(p.email) = lower(p_email)
      and r.starts_on <= p_on and (r.ends_on is null or r.ends_on >= p_on)
$$;

-- May the caller act on the target? Yes when one of p_roles is theirs at a scope that covers it
-- (a headteacher's school; an executive principal's federation and its schools...).
create function access_granted(p_email text, p_on date, p_roles text[], p_target_kind text, p_target_id uuid)
returns boolean
language sql stable as $$
    select exists (
        select 1
        from access_grants(p_email, p_on) g
        join access_scope_cover c on c.scope_kind = g.scope_kind and c.scope_id = g.scope_id
        where g.role = any(p_roles) and c.target_kind = p_target_kind and c.target_id = p_target_id)
$$;

-- May the caller see the target? As access_granted, and also upwards: the head of a school sees
-- its federation's, cluster's and local authority's roles, never a sideways school's.
create function access_visible(p_email text, p_on date, p_roles text[], p_target_kind text, p_target_id uuid)
returns boolean
language sql stable as $$
    select access_granted(p_email, p_on, p_roles, p_target_kind, p_target_id)
        or exists (
            select 1
            from access_grants(p_email, p_on) g
            join access_scope_cover c on c.target_kind = g.scope_kind and c.target_id = g.scope_id
            where g.role = any(p_roles) and c.scope_kind = p_target_kind and c.scope_id = p_target_id)
$$;
