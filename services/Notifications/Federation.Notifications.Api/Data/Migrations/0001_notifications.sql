-- Each email the service owes someone, written in the transaction that records the event in the
-- inbox, then sent by EmailSender (an outbox of emails): an email that cannot be sent waits and is
-- tried again, never lost. One per kind, object and recipient: a redelivered event, or the same
-- step published again (a replay of the records for the matrix's rebuild, with new message ids),
-- inserts nothing.
create table notifications (
    id              uuid primary key,
    kind            text not null,
    subject_id      uuid not null,                     -- the visit, deployment or observation
    recipient_id    uuid not null,
    message_id      uuid not null,                     -- the event that asked for it
    to_name         text not null,
    to_email        text not null,
    subject         text not null,
    body            text not null,
    created_at      timestamptz not null default now(),
    next_attempt_at timestamptz not null default now(),
    attempts        integer not null default 0,
    last_error      text,
    sent_at         timestamptz,
    constraint notifications_once unique (kind, subject_id, recipient_id)
);
create index notifications_unsent on notifications (next_attempt_at, id) where sent_at is null;
create index notifications_recipient on notifications (recipient_id);

-- The kinds a person turned off (NotificationKind, camelCase); every other kind is on.
create table notification_opt_outs (
    person_id uuid not null,
    kind      text not null,
    primary key (person_id, kind)
);
