-- The audit log (issue 14): who changed what and when in this service, and who read an
-- observation's record. A change's row is written by Outbox.AddAndApplyToReplicaAsync in the
-- same transaction as the change and its event (Audit/AuditLog.cs), so there is no change
-- without its row; a read's row in the same transaction as the read. Rows are never updated.
create table audit_log (
    id              uuid        primary key,          -- v7, of occurred_at's millisecond: the page order, and a time range's
    occurred_at     timestamptz not null,             -- when it was written, to the millisecond
    actor           text        not null,             -- the caller's sign-in subject; "consumer:<name>"; "system"; "anonymous"
    actor_person_id uuid,                             -- the caller's person record, when the replica knows them
    actor_name      text,                             -- their name then
    actor_email     text,                             -- their token's email
    action          text        not null,             -- the event's name (ObservationCompleted), or "read"
    object_kind     text,                             -- observation, visit, school...
    object_id       uuid,
    summary         jsonb                             -- the event as published (never notes), or what was read through
);
-- One index per filter of GET /api/audit, each carrying the id the pages are ordered by, so a
-- page of one actor's (or object's, or action's) rows is one index range scan in page order. A
-- time range is a range of ids (AuditLog.FirstIdAt), read from the primary key.
create index audit_log_actor on audit_log (actor, id);
create index audit_log_actor_person on audit_log (actor_person_id, id) where actor_person_id is not null;
create index audit_log_object on audit_log (object_id, id) where object_id is not null;
create index audit_log_action on audit_log (action, id);
