-- A cluster's chair is a role assignment owned by the staff service (RoleAssigned with role
-- clusterChair); the schools service reads it from its access replica, so it is not kept here.
alter table clusters drop column chair_person_id;
