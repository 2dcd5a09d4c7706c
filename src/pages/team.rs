//! `/team`: a manager's current direct reports and where each one's plan stands.

use crate::api::plans::load_team;
use crate::components::format::day;
use crate::components::loaded::Loaded;
use crate::components::sparkline::push_sparkline;
use crate::model::{PlanStatus, PlanSummary, TeamMember, TeamOverview};
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_meta::Title;

/// The manager's team.
#[component]
pub fn TeamPage() -> impl IntoView {
    let team = Resource::new(|| (), |_| load_team());
    view! {
        <Title text="My team" />
        <h1>"My team"</h1>
        <p class="lead">"Recovery plans are private: only you and the person concerned can ever read theirs."</p>
        <Loaded data=team show=|overview: TeamOverview| {
                    if overview.members.is_empty() {
                        view! { <p>"Nobody reports to you right now."</p> }.into_any()
                    } else {
                        let today = overview.today;
                        let people = overview.members;
                        view! {
                            <table class="data team">
                                <caption class="visually-hidden">"Your direct reports and their recovery plans"</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">"Person"</th><th scope="col">"Plan"</th><th scope="col">"Next check-in"</th>
                                        <th scope="col">"Small win"</th><th scope="col">"Tasks"</th><th scope="col">"Confidence"</th>
                                    </tr>
                                </thead>
                                <tbody inner_html=rows_html(&people, today)></tbody>
                            </table>
                        }.into_any()
                    }
        } />
    }
}

/// The table's rows as HTML, every text from a person escaped. A team of fifty is three hundred
/// cells, and writing them straight into one string costs a fraction of rendering each element
/// on its own (the rows were a third of the page's work).
fn rows_html(members: &[TeamMember], today: NaiveDate) -> String {
    let mut html = String::with_capacity(members.len() * 640);
    let text = |html: &mut String, text: &str| {
        html_escape::encode_text_to_string(text, html);
    };
    for member in members {
        html.push_str("<tr><th scope=\"row\">");
        text(&mut html, &member.name);
        html.push_str("<span class=\"muted small\">");
        if let Some(department) = member.department.as_deref().filter(|department| !department.is_empty()) {
            html.push_str(" · ");
            text(&mut html, department);
        }
        html.push_str("</span></th>");
        let start_link = format!("/plans/new?employee={}", member.person_id);
        match &member.plan {
            None => {
                html.push_str("<td colspan=\"5\" data-label=\"Plan\"><span class=\"muted\">No plan. </span><a href=\"");
                html.push_str(&start_link);
                html.push_str("\">Start a recovery plan</a></td>");
            }
            Some(plan) => push_plan_cells(&mut html, plan, today, (plan.status == PlanStatus::Closed).then_some(&start_link)),
        }
        html.push_str("</tr>");
    }
    html
}

/// The five cells of a report's current plan.
fn push_plan_cells(html: &mut String, plan: &PlanSummary, today: NaiveDate, start_link: Option<&String>) {
    let check_in_overdue = plan.status == PlanStatus::Active && plan.next_check_in.is_some_and(|next| next < today);
    let win_overdue = plan.open_win_due.is_some_and(|due| due < today);
    let overdue = |late: bool| if late { " class=\"overdue\"" } else { "" };
    html.push_str("<td data-label=\"Plan\"><a href=\"/plans/");
    html.push_str(itoa::Buffer::new().format(plan.id));
    html.push_str("\">");
    html_escape::encode_text_to_string(&plan.event_title, html);
    html.push_str("</a><span class=\"badge ");
    html.push_str(plan.status.as_str());
    html.push_str("\">");
    html.push_str(plan.status.label());
    html.push_str("</span>");
    if let Some(link) = start_link {
        html.push_str("<br><a href=\"");
        html.push_str(link);
        html.push_str("\" class=\"small\">Start a new plan</a>");
    }
    html.push_str("</td><td data-label=\"Next check-in\"");
    html.push_str(overdue(check_in_overdue));
    html.push('>');
    match plan.next_check_in {
        Some(next) => {
            html.push_str(&day(next));
            if check_in_overdue {
                html.push_str(" (overdue)");
            }
        }
        None => html.push('—'),
    }
    html.push_str("</td><td data-label=\"Small win\"");
    html.push_str(overdue(win_overdue));
    html.push('>');
    match (&plan.open_win_title, plan.open_win_due) {
        (Some(title), Some(due)) => {
            html_escape::encode_text_to_string(title, html);
            html.push_str(", due ");
            html.push_str(&day(due));
            if win_overdue {
                html.push_str(" (overdue)");
            }
        }
        _ => html.push('—'),
    }
    html.push_str("</td><td data-label=\"Tasks\">");
    if plan.tasks_total == 0 {
        html.push('—');
    } else {
        html.push_str(&format!("{} of {} done", plan.tasks_done, plan.tasks_total));
    }
    html.push_str("</td><td data-label=\"Confidence\">");
    push_sparkline(html, &plan.confidence);
    html.push_str("</td>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_escape_every_text_and_mark_what_is_overdue() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let plan = PlanSummary {
            id: 7,
            status: PlanStatus::Active,
            outcome: None,
            event_title: "<b>Demo</b>".into(),
            event_date: today,
            next_check_in: Some(today.pred_opt().unwrap()),
            open_win_title: Some("\"><script>".into()),
            open_win_due: Some(today),
            tasks_done: 1,
            tasks_total: 3,
            confidence: vec![2, 4],
        };
        let members = [
            TeamMember { person_id: 1, name: "Sam <i>R</i>".into(), department: Some("R&D".into()), plan: Some(plan) },
            TeamMember { person_id: 2, name: "Lena".into(), department: None, plan: None },
        ];
        let html = rows_html(&members, today);
        assert!(!html.contains("<b>") && !html.contains("<script>") && !html.contains("<i>"), "{html}");
        assert!(html.contains("Sam &lt;i&gt;R&lt;/i&gt;") && html.contains(" · R&amp;D") && html.contains("&lt;b&gt;Demo&lt;/b&gt;"));
        assert!(html.contains("<td data-label=\"Next check-in\" class=\"overdue\">30 Nov 2026 (overdue)</td>"), "{html}");
        assert!(
            html.contains("<td data-label=\"Small win\">&quot;&gt;&lt;script&gt;, due 1 Dec 2026</td>")
                || html.contains("<td data-label=\"Small win\">\"&gt;&lt;script&gt;, due 1 Dec 2026</td>"),
            "{html}"
        );
        assert!(html.contains("1 of 3 done") && html.contains("class=\"sparkline\""));
        assert!(html.contains("<a href=\"/plans/new?employee=2\">Start a recovery plan</a>"));
        assert_eq!(html.matches("<tr>").count(), 2);
    }
}
