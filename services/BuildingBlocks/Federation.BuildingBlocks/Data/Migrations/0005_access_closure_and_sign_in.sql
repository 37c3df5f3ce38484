-- What a scope covers, as a table the database can index both ways, instead of the view of
-- 0002 that every check walked whole. Kept by triggers on the replica's tables, so that every
-- way a row gets there (events, a service filling its replica from its own data) keeps it right.
-- Rows: every scope covers itself; a federation and a cluster cover their member schools; a
-- local authority covers its schools and clusters.
drop function access_visible(text, date, text[], text, uuid);
drop function access_granted(text, date, text[], text, uuid);
drop function access_grants(text, date);
drop view access_scope_cover;

create table access_scope_cover (
    scope_kind  text not null,
    scope_id    uuid not null,
    target_kind text not null,
    target_id   uuid not null,
    primary key (scope_kind, scope_id, target_kind, target_id)
);
create index access_scope_cover_target on access_scope_cover (target_kind, target_id);

insert into access_scope_cover
    select 'school', id, 'school', id from access_schools
    union all select 'federation', id, 'federation', id from access_federations
    union all select 'cluster', id, 'cluster', id from access_clusters
    union all select 'localAuthority', id, 'localAuthority', id from access_local_authorities
    union all select 'federation', federation_id, 'school', school_id from access_federation_members
    union all select 'cluster', cluster_id, 'school', school_id from access_cluster_members
    union all select 'localAuthority', local_authority_id, 'school', id from access_schools
    union all select 'localAuthority', local_authority_id, 'cluster', id from access_clusters
on conflict do nothing;

-- A scope row (school, federation, cluster, local authority): covers itself, and a school or a
-- cluster is covered by its local authority (which moves when the row's authority changes).
create function access_scope_row_changed() returns trigger language plpgsql as $$
declare
    kind text := tg_argv[0];
begin
    if tg_op = 'DELETE' then
        delete from access_scope_cover where (scope_kind = kind and scope_id = old.id) or (target_kind = kind and target_id = old.id);
        return null;
    end if;
    insert into access_scope_cover values (kind, new.id, kind, new.id) on conflict do nothing;
    if kind in ('school', 'cluster') then
        if tg_op = 'UPDATE' and old.local_authority_id is distinct from new.local_authority_id then
            delete from access_scope_cover
            where scope_kind = 'localAuthority' and scope_id = old.local_authority_id and target_kind = kind and target_id = new.id;
        end if;
        insert into access_scope_cover values ('localAuthority', new.local_authority_id, kind, new.id) on conflict do nothing;
    end if;
    return null;
end $$;

create trigger access_schools_cover after insert or update or delete on access_schools
    for each row execute function access_scope_row_changed('school');
create trigger access_clusters_cover after insert or update or delete on access_clusters
    for each row execute function access_scope_row_changed('cluster');
create trigger access_federations_cover after insert or delete on access_federations
    for each row execute function access_scope_row_changed('federation');
create trigger access_local_authorities_cover after insert or delete on access_local_authorities
    for each row execute function access_scope_row_changed('localAuthority');

-- A membership row: the federation or cluster (tg_argv[0]) covers the member school while it lasts.
create function access_membership_changed() returns trigger language plpgsql as $$
declare
    kind text := tg_argv[0];
begin
    if tg_op = 'DELETE' then
        delete from access_scope_cover
        where scope_kind = kind and scope_id = (to_jsonb(old) ->> (kind || '_id'))::uuid and target_kind = 'school' and target_id = old.school_id;
    else
        insert into access_scope_cover values (kind, (to_jsonb(new) ->> (kind || '_id'))::uuid, 'school', new.school_id) on conflict do nothing;
    end if;
    return null;
end $$;

create trigger access_federation_members_cover after insert or delete on access_federation_members
    for each row execute function access_membership_changed('federation');
create trigger access_cluster_members_cover after insert or delete on access_cluster_members
    for each row execute function access_membership_changed('cluster');

-- Roles are looked up by person (the caller is known by their sign-in subject, below) and day.
create index access_role_assignments_person_days on access_role_assignments (person_id, starts_on, ends_on);
drop index access_role_assignments_person;

-- May this person act on the target today? Yes when one of p_roles is theirs at a scope that
-- covers it. For checks made without a signed-in caller (a calendar feed's owner).
create function access_granted(p_person_id uuid, p_on date, p_roles text[], p_target_kind text, p_target_id uuid)
returns boolean
language sql stable as $$
    select exists (
        select 1
        from access_role_assignments r
        join access_scope_cover c on c.scope_kind = r.scope_kind and c.scope_id = r.scope_id
        where r.person_id = p_person_id and r.role = any(p_roles)
          and r.starts_on <= p_on and (r.ends_on is null or r.ends_on >= p_on)
          and c.target_kind = p_target_kind and c.target_id = p_target_id)
$$;

-- Who signs in as a person: the identity provider's stable subject, bound on their first sign-in
-- by their verified email (PersonSignInBound). After that the record's email no longer decides
-- who they are.
alter table access_people add column subject text;
create unique index access_people_subject on access_people (subject);
