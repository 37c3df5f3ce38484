-- A scope's cycle calendar (issue 12): null keeps the half-terms of its calendar; a number of
-- weeks makes cycles of that many weeks of teaching from the start of each term
-- (Domain/Cycle.cs, CycleCalendar).
alter table matrix_settings add column cycle_weeks int check (cycle_weeks between 2 and 13);

-- The targets set for a cycle (DOMAIN.md rule 8: a cycle closes only when the next one's targets are
-- set): the share of each school's teachers to be observed in it, which that cycle's cells are
-- judged against instead of the scope's standing thresholds.
create table matrix_cycle_targets (
    scope_id       uuid not null,
    cycle_id       text not null,             -- "2026-3"
    observed_green numeric not null check (observed_green between 0 and 1),
    observed_amber numeric not null check (observed_amber between 0 and 1),
    set_by         text not null,
    set_at         timestamptz not null default now(),
    primary key (scope_id, cycle_id),
    check (observed_amber <= observed_green)
);
