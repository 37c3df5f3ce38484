-- The effect of the inbox tests' consumer: one row per note applied.
create table received_notes (
    id   bigint generated always as identity primary key,
    text text not null
);
