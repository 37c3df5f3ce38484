-- The transactional outbox: a service writes its integration events here in the same
-- transaction as the change; OutboxRelay publishes them and marks them sent.
create table outbox (
    position     bigint generated always as identity primary key,
    id           uuid        not null unique,   -- becomes the message id on the broker
    message_type text        not null,
    payload      jsonb       not null,
    created_at   timestamptz not null default now(),
    sent_at      timestamptz,
    attempts     int         not null default 0,
    last_error   text
);
create index outbox_unsent on outbox (position) where sent_at is null;

-- Wakes the relay as soon as the writing transaction commits (NOTIFY is delivered on commit).
create function outbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('outbox', '');
    return null;
end $$;
create trigger outbox_inserted after insert on outbox for each statement execute function outbox_notify();

-- The inbox: one row per message a consumer has applied, written in the same transaction as
-- the consumer's effect, so that a redelivered message changes nothing.
create table inbox (
    message_id  uuid        not null,
    consumer    text        not null,
    received_at timestamptz not null default now(),
    primary key (message_id, consumer)
);
