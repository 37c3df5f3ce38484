-- A school loaded from the national register may have no pupil count or free-school-meals band
-- (blank in GIAS): unknown, shown as such, never zero.
alter table matrix_schools alter column pupils_on_roll drop not null;
alter table matrix_schools alter column fsm_band drop not null;
