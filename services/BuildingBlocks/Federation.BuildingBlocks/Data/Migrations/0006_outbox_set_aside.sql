-- An outbox row the relay cannot publish (it cannot be read back as an event, or the broker,
-- reachable, keeps refusing it) is set aside after OutboxRelaySettings.MaxAttempts, so that the
-- service's later events flow. It stays, with its error, until an operator sends it again:
--   update outbox set set_aside_at = null, attempts = 0 where id = '<id>';
alter table outbox add column set_aside_at timestamptz;
drop index outbox_unsent;
create index outbox_unsent on outbox (position) where sent_at is null and set_aside_at is null;
create index outbox_set_aside on outbox (position) where set_aside_at is not null;
