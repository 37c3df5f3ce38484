-- Each school day's half-days a session (Session: morning, afternoon, wholeDay) takes, as a range:
-- morning [0,1), afternoon [1,2), whole day [0,2). Exclusion constraints use it so that one person
-- is not booked twice for a half-day.
create or replace function half_days(session text) returns int4range language sql immutable as $$
    select case session when 'morning' then int4range(0, 1) when 'afternoon' then int4range(1, 2) else int4range(0, 2) end
$$;
