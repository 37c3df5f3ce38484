-- The ids of the visits a caller may see are read from these indexes alone (an index-only scan,
-- no visit row touched): each carries the id.
drop index exchange_visits_home_school;
create index exchange_visits_home_school on exchange_visits (home_school_id, visit_on) include (id);
drop index exchange_visits_host_school;
create index exchange_visits_host_school on exchange_visits (host_school_id, visit_on) include (id);
drop index exchange_visits_visitor;
create index exchange_visits_visitor on exchange_visits (visitor_id) include (id);
