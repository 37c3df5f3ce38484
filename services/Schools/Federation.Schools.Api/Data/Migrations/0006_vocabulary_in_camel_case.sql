-- The directory's vocabulary is stored as every other table and every event spell it: the API's
-- camelCase ('secondary', 'hard', 'halfTermly'), no longer the C# names ('Secondary', 'Hard',
-- 'HalfTermly'). Each name is its C# name with the first letter in lower case.
-- A federation's kind is copied onto its members (a foreign key on (id, kind)) and read by two
-- rules, so those are taken off while both sides change, then put back as they were.
alter table federation_members drop constraint federation_members_federation_id_federation_kind_fkey;
alter table federation_members drop constraint federation_members_hard_needs_decision;
drop index federation_members_one_hard_federation;
alter table federations drop constraint federations_kind_check;

update schools set phase = lower(left(phase, 1)) || substr(phase, 2),
                   ofsted_category = lower(left(ofsted_category, 1)) || substr(ofsted_category, 2);
update federations set kind = lower(left(kind, 1)) || substr(kind, 2);
update federation_members set federation_kind = lower(left(federation_kind, 1)) || substr(federation_kind, 2);
update clusters set meeting_cadence = lower(left(meeting_cadence, 1)) || substr(meeting_cadence, 2);

alter table federations add constraint federations_kind_check check (kind in ('hard', 'soft'));
alter table federation_members add constraint federation_members_federation_id_federation_kind_fkey
    foreign key (federation_id, federation_kind) references federations (id, kind);
alter table federation_members add constraint federation_members_hard_needs_decision check (
    federation_kind <> 'hard'
    or (governing_body_decided_on is not null and governing_body_minute_reference is not null));
-- A school belongs to at most one hard federation at a time (DOMAIN.md rule 2).
create unique index federation_members_one_hard_federation
    on federation_members (school_id) where federation_kind = 'hard' and left_on is null;
