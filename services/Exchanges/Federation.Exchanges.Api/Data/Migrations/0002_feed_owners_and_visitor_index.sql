-- A calendar feed's owner is a person (by id), not an email that can be edited: a school feed
-- lives while that person may still read the school's exchanges, a personal feed while its
-- person holds a role. Feeds made by a platform administrator without a person record keep only
-- the email, which Platform:Administrators names.
alter table calendar_feeds add column owner_person_id uuid;
update calendar_feeds f set owner_person_id = p.id from access_people p where lower(p.email) = lower(f.owner_email);

-- A visitor's own visits, in the visit lists' access filter.
create index exchange_visits_visitor on exchange_visits (visitor_id);
