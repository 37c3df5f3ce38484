-- Whether a mark's change is to roles alone (a role assigned or ended, a lead renamed): a round then
-- works out only the school's leadership and observation rows (Domain/MatrixRows.cs,
-- ChangedByRoles), keeping its other cells, and does not read its visits and deployments.
alter table matrix_dirty add column only_roles boolean not null default false;
