use super::*;
use crate::model::forms::StarterForm;

fn task_form(kind: &str) -> TaskForm {
    TaskForm { kind: kind.into(), title: "Rehearse the demo".into(), ..TaskForm::default() }
}

fn dates() -> PlanDates {
    PlanDates { event: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(), today: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap() }
}

#[test]
fn a_task_refusal_names_its_field() {
    assert_eq!(NewTask::parse(&task_form("nonsense")).unwrap_err().field(), Some("kind"));
    assert_eq!(NewTask::parse(&TaskForm { title: " ".into(), ..task_form("practice") }).unwrap_err().field(), Some("title"));
    assert_eq!(NewTask::parse(&task_form("paired_work")).unwrap_err().field(), Some("colleague"));
    assert_eq!(NewTask::parse(&TaskForm { hypothesis: "They ask more".into(), ..task_form("micro_experiment") }).unwrap_err().field(), Some("risk_level"));
    let early = NewTask::parse(&TaskForm { due_date: "2026-11-01".into(), ..task_form("practice") }).unwrap();
    assert_eq!(early.check_dates(dates()).unwrap_err().field(), Some("due_date"));
}

#[test]
fn fields_that_do_not_apply_to_a_task_are_dropped() {
    let task = NewTask::parse(&TaskForm { colleague: "Ana".into(), hypothesis: "x".into(), risk_level: "low".into(), ..task_form("practice") }).unwrap();
    assert_eq!((task.task().colleague.as_str(), task.task().hypothesis.as_str(), task.task().risk_level), ("", "", None));
}

#[test]
fn a_check_in_is_recorded_once_held_and_schedules_the_next_after_it() {
    let form = CheckInForm { held_on: "2026-11-21".into(), ..CheckInForm::default() };
    assert_eq!(NewCheckIn::parse(form.clone()).unwrap().check_dates(dates()).unwrap_err().field(), Some("held_on"), "tomorrow has not happened");
    let next_before = CheckInForm { held_on: "2026-11-19".into(), next_check_in: "2026-11-19".into(), ..form };
    assert_eq!(NewCheckIn::parse(next_before).unwrap_err().field(), Some("next_check_in"));
}

#[test]
fn closing_needs_an_outcome_and_a_confirmation() {
    let close = |outcome: Option<&str>, confirm: Option<&str>| {
        StatusAction::parse(&StatusForm { action: "close".into(), outcome: outcome.map(str::to_owned), confirm: confirm.map(str::to_owned) })
    };
    assert_eq!(close(Some("recovered"), None).unwrap_err().field(), Some("confirm"));
    assert_eq!(close(None, Some("on")).unwrap_err().field(), Some("outcome"));
    assert_eq!(close(Some("recovered"), Some("on")), Ok(StatusAction::Close(Outcome::Recovered)));
    assert!(StatusAction::parse(&StatusForm { action: "delete".into(), ..StatusForm::default() }).is_err());
}

#[test]
fn a_self_assessment_says_something_and_names_a_check_in_or_the_next() {
    let form = |id: &str, rating: &str, reflection: &str| SelfAssessmentForm { check_in_id: id.into(), self_confidence: rating.into(), reflection: reflection.into() };
    assert!(SelfAssessment::parse(&form("", "", "")).is_err());
    assert_eq!(SelfAssessment::parse(&form("", "4", "")).unwrap().check_in, RatedCheckIn::Next);
    assert_eq!(SelfAssessment::parse(&form("7", "", "Steadier")).unwrap().check_in, RatedCheckIn::Held(7));
    assert_eq!(SelfAssessment::parse(&form("x", "3", "")).unwrap_err(), AppError::invalid(CHECK_IN_NOT_HERE));
    assert_eq!(SelfAssessment::parse(&form("", "9", "")).unwrap_err().field(), Some("self_confidence"));
}

#[test]
fn cleared_template_rows_are_left_out_and_bad_ones_name_the_row() {
    let rows = |titles: &[&str]| StarterForm {
        task_kinds: Some(titles.iter().map(|_| "practice".to_owned()).collect()),
        task_titles: Some(titles.iter().map(|title| title.to_string()).collect()),
        task_due: Some(titles.iter().map(|_| String::new()).collect()),
        ..StarterForm::default()
    };
    assert_eq!(StarterItems::parse(rows(&["Practise", " "])).unwrap().tasks.len(), 1);
    let paired = StarterForm { task_kinds: Some(vec!["practice".into(), "paired_work".into()]), ..rows(&["Practise", "Pair on the fix"]) };
    let refused = StarterItems::parse(paired).unwrap_err();
    assert!(refused.to_string().contains("Pair on the fix"));
    assert_eq!(refused.field(), Some("task_colleagues[1]"), "the message goes beside the row's own field");
    let bad_date = StarterForm { task_due: Some(vec!["soon".into()]), ..rows(&["Practise"]) };
    assert_eq!(StarterItems::parse(bad_date).unwrap_err().field(), Some("task_due[0]"));
    let milestone = StarterForm { milestone_titles: Some(vec!["Speak once".into()]), milestone_dates: Some(vec!["".into()]), ..StarterForm::default() };
    assert_eq!(StarterItems::parse(milestone).unwrap_err().field(), Some("milestone_dates[0]"));
    assert!(StarterItems::parse(StarterForm { task_due: Some(vec![]), ..rows(&["Practise"]) }).is_err(), "a row without its due field");
}
