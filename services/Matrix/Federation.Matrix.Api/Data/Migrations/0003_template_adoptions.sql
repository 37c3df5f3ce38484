-- A federation's member schools for which its executive principal adopted the lead school's rows
-- (scenario 8). Until then a member's leadership cells are grey: not judged by the template yet.
create table matrix_adoptions (
    scope_id   uuid not null,
    school_id  uuid not null,
    adopted_by text not null,
    adopted_at timestamptz not null default now(),
    primary key (scope_id, school_id)
);
