-- Each scope's thresholds behind the colours, set by its executive principal or chair; a scope
-- without a row keeps the defaults (MatrixThresholds.Default).
create table matrix_settings (
    scope_id       uuid primary key,
    observed_green numeric not null check (observed_green between 0 and 1),
    observed_amber numeric not null check (observed_amber between 0 and 1),
    updated_by     text not null,
    updated_at     timestamptz not null default now(),
    check (observed_amber <= observed_green)
);

-- A closed cycle's matrix, frozen as it stood when it was closed: earlier cycles read the same later.
create table matrix_closed_cycles (
    scope_id  uuid not null,
    cycle_id  text not null,             -- "2026-1"
    closed_by text not null,
    closed_at timestamptz not null default now(),
    matrix    jsonb not null,            -- the MatrixResponse, as the API answered it
    primary key (scope_id, cycle_id)
);
