-- Lists read newest first and break ties by id ("ORDER BY occurred_at DESC, id DESC LIMIT n"). An
-- index that ends in the id gives them in that order and stops at n; without it PostgreSQL sorted
-- every matching row first (a plan opened 10,000 times made its employee's access log take
-- 0.5 s). SQLite's indexes end in the rowid already, so there the same reads were quick.
DROP INDEX audit_events_by_target;
CREATE INDEX audit_events_by_target ON audit_events(target_kind, target_id, occurred_at, id);
DROP INDEX plan_events_by_plan;
CREATE INDEX plan_events_by_plan ON plan_events(plan_id, occurred_at, id);
DROP INDEX check_ins_by_plan;
CREATE INDEX check_ins_by_plan ON check_ins(plan_id, held_on, id) INCLUDE (self_confidence, next_check_in);
DROP INDEX private_notes_by_plan;
CREATE INDEX private_notes_by_plan ON private_notes(plan_id, created_at, id);
DROP INDEX plans_by_employee;
CREATE INDEX plans_by_employee ON plans(employee_id, status, created_at, id);
