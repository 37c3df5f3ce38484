-- The access replica arrived after the directory: fill it from the directory this database
-- already holds (later changes reach it through Outbox.AddAsync as they are written).
insert into access_local_authorities (id) select id from local_authorities on conflict do nothing;
insert into access_schools (id, local_authority_id) select id, local_authority_id from schools on conflict do nothing;
insert into access_federations (id) select id from federations on conflict do nothing;
insert into access_federation_members (federation_id, school_id)
    select federation_id, school_id from federation_members where left_on is null on conflict do nothing;
insert into access_clusters (id, local_authority_id) select id, local_authority_id from clusters on conflict do nothing;
insert into access_cluster_members (cluster_id, school_id)
    select cluster_id, school_id from cluster_members where left_on is null on conflict do nothing;
