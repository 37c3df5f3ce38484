-- List filters match role assignments on the scope ids the caller may see (= any(@Visible)),
-- whatever their kind.
create index role_assignments_scope_id on role_assignments (scope_id);
