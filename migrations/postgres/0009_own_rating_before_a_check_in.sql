-- The employee's own rating before a one-on-one waits on the plan until the manager records that
-- check-in, and is saved with it, instead of becoming a check-in of its own.
ALTER TABLE plans ADD COLUMN upcoming_self_confidence BIGINT CHECK (upcoming_self_confidence BETWEEN 1 AND 5);
ALTER TABLE plans ADD COLUMN upcoming_reflection TEXT NOT NULL DEFAULT '';
ALTER TABLE plans ADD COLUMN upcoming_rated_at TIMESTAMPTZ;

-- Only check-ins the manager recorded schedule the next one. Earlier ratings given before a
-- meeting were saved as check-ins holding nothing of the manager's: they stay, as the employee's
-- own dated ratings, and stop counting as the latest schedule.
ALTER TABLE check_ins ADD COLUMN recorded_by_manager BOOLEAN NOT NULL DEFAULT TRUE;
UPDATE check_ins SET recorded_by_manager = FALSE
 WHERE observed_readiness IS NULL AND signs = '' AND shared_summary = '' AND private_note = '' AND next_check_in IS NULL
   AND (self_confidence IS NOT NULL OR employee_reflection <> '');
UPDATE plans SET next_check_in = (
    SELECT c.next_check_in FROM check_ins c WHERE c.plan_id = plans.id AND c.recorded_by_manager
    ORDER BY c.held_on DESC, c.id DESC LIMIT 1);
