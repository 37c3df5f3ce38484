-- The school calendar (issue 11), replicated from the schools service's SchoolYearSet and
-- SchoolYearCleared: each local authority's and each school's own dates for a school year. A
-- school keeps its own year, else its local authority's, else the English default
-- (Calendar/EnglishSchoolYear.cs); Calendar/SchoolCalendars.cs reads it.
create table access_school_years (
    scope_id    uuid    not null,
    scope_kind  text    not null,   -- localAuthority or school
    start_year  integer not null,   -- 2026 for 2026/27
    terms       jsonb   not null,   -- SchoolTermDates[], as the event carries them
    closed_days jsonb   not null,   -- dates, as the event carries them
    primary key (scope_id, start_year)
);
