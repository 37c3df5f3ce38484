-- The relay deletes rows sent longer ago than its retention (OutboxRelaySettings.Retention):
-- found on this index, rather than by reading the whole outbox.
create index outbox_sent on outbox (sent_at) where sent_at is not null;
