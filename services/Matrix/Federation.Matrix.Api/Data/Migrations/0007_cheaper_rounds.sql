-- What a materialiser round reads of a school's roles, from an index alone (Data/MatrixStore.cs,
-- FiguresAsync): its teachers, in person order, so that they are counted without a sort, and its
-- leads, without reading every teacher's row. A school's roles are mostly teachers' (a network's
-- schools have hundreds), and its leads are few.
create index matrix_roles_teachers on matrix_roles (scope_id, person_id) include (starts_on, ends_on, changed_at)
    where scope_kind = 'school' and role in ('teacher', 'headOfDepartment');
create index matrix_roles_leads on matrix_roles (scope_id) where scope_kind = 'school' and function is not null;

-- A matrix's JSON is stored at every round that changes it (tens of kilobytes for a large network):
-- lz4 compresses it several times faster than PostgreSQL's default (pglz).
alter table matrix_documents alter column figures set compression lz4;

-- The first day a mark's change can alter a school's figures (null: any day). A role counts only
-- from its first day, so a role's events mark from it: the figures of a cycle that ended before,
-- the one each cell's change is against, are not worked out again (Api/MatrixBuilder.cs, PatchAsync).
alter table matrix_dirty add column since date;
