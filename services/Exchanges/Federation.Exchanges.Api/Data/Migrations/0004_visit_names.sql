-- The names a visit shows (its visitor, its home and its host school) are kept on the visit, from
-- this service's access replica: a page of visits reads its rows and nothing else (looking the
-- three names up for each row was half the database's time for a page). Triggers keep them
-- current: a visit takes the names the replica holds when it is written, and a name the replica
-- learns or changes (PersonRegistered/Updated, SchoolRegistered/Updated) reaches every visit
-- that shows it.
alter table exchange_visits
    add column visitor_name text,
    add column home_school_name text,
    add column host_school_name text;

update exchange_visits v set visitor_name = p.name from access_people p where p.id = v.visitor_id;
update exchange_visits v set home_school_name = s.name from access_schools s where s.id = v.home_school_id;
update exchange_visits v set host_school_name = s.name from access_schools s where s.id = v.host_school_id;

create function exchange_visit_names() returns trigger language plpgsql as $$
begin
    new.visitor_name := (select name from access_people where id = new.visitor_id);
    new.home_school_name := (select name from access_schools where id = new.home_school_id);
    new.host_school_name := (select name from access_schools where id = new.host_school_id);
    return new;
end $$;
create trigger exchange_visit_names before insert or update of visitor_id, home_school_id, host_school_id on exchange_visits
    for each row execute function exchange_visit_names();

create function exchange_visits_follow_person_name() returns trigger language plpgsql as $$
begin
    update exchange_visits set visitor_name = new.name
    where visitor_id = new.id and visitor_name is distinct from new.name;
    return null;
end $$;
create trigger exchange_visits_follow_person_name after insert or update of name on access_people
    for each row execute function exchange_visits_follow_person_name();

create function exchange_visits_follow_school_name() returns trigger language plpgsql as $$
begin
    update exchange_visits set home_school_name = new.name
    where home_school_id = new.id and home_school_name is distinct from new.name;
    update exchange_visits set host_school_name = new.name
    where host_school_id = new.id and host_school_name is distinct from new.name;
    return null;
end $$;
create trigger exchange_visits_follow_school_name after insert or update of name on access_schools
    for each row execute function exchange_visits_follow_school_name();
