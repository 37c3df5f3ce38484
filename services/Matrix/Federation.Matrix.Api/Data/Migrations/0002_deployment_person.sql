-- Who is deployed, for the records behind a shared-staff cell (drill-down). Rows from before have none.
alter table matrix_deployments add column person_id uuid;
