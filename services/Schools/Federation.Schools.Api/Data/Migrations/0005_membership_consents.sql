-- A school joins a federation or a cluster only with its own side's consent (DOMAIN.md rule 1):
-- its governing body's decision, recorded by its head, its local authority or an administrator.
-- A membership records the consent it was made with; a consent is used by one membership.
-- Memberships made by someone who may decide for the school themselves carry none.
create table membership_consents (
    id               uuid primary key,
    school_id        uuid not null references schools (id),
    federation_id    uuid references federations (id),
    cluster_id       uuid references clusters (id),
    decided_on       date not null,
    minute_reference text not null,
    recorded_by      text not null,
    recorded_at      timestamptz not null default now(),
    constraint membership_consents_one_target check ((federation_id is null) <> (cluster_id is null))
);
create index membership_consents_school on membership_consents (school_id);

alter table federation_members add column consent_id uuid references membership_consents (id);
alter table cluster_members add column consent_id uuid references membership_consents (id);
create unique index federation_members_consent on federation_members (consent_id) where consent_id is not null;
create unique index cluster_members_consent on cluster_members (consent_id) where consent_id is not null;
