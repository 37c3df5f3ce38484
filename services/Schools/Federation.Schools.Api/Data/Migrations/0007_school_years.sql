-- The school calendar (issue 11): a local authority's dates for a school year, kept by its schools,
-- and a school's own (an academy's), which it keeps instead. Neither: the English default. Each
-- change is published (SchoolYearSet, SchoolYearCleared) and every service replicates it.
create table school_years (
    scope_id    uuid    not null,   -- a local authority or a school
    scope_kind  text    not null check (scope_kind in ('localAuthority', 'school')),
    start_year  integer not null,   -- 2026 for 2026/27
    terms       jsonb   not null,   -- autumn, spring, summer: SchoolTermDates, as the event carries them
    closed_days jsonb   not null,   -- dates
    set_by      text    not null,
    set_at      timestamptz not null default now(),
    primary key (scope_id, start_year)
);
