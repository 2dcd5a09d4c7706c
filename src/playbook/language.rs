//! A blameless-language check for debrief text and check-in summaries.
//!
//! The playbook asks managers to separate the person from the event: feedback should focus on
//! behaviours and next steps, on what was done and what comes next, not on who someone is. Words
//! such as "careless", "lazy" or "always" slip easily into a debrief written in a hurry, and they
//! turn one event into a verdict on the person. This module spots those words so the screen can
//! point them out, each with a suggested rephrasing that describes a behaviour, a missed step or
//! a next step instead.
//!
//! What it flags is a fixed list of words and short phrases: judgements of character ("lazy",
//! "incompetent", "unreliable"), sweeping generalisations ("always", "never", "every time", "as
//! usual"), blame ("blame", "fault", "should have known") and dramatic labels ("disaster", "a
//! failure", "dropped the ball"). Matching ignores case and only takes whole words, so "never"
//! is found in "Never again" but not in "nevertheless", and "blame" is not found in "blameless".
//! Letters, digits and apostrophes count as parts of a word, so "can't" is one word; apostrophes
//! at the very start or end of a word (quotation marks) are not part of it. A phrase of several
//! words matches however much white space separates them.
//!
//! The check only warns. Nothing is ever blocked or rewritten: the manager decides whether the
//! word fits, and saves the text as they wrote it.
//!
//! Like the rest of the playbook it uses only `std`, so it builds for the server and the browser.

/// One word or phrase that judges the person, found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The word or phrase exactly as it is written in the text, in its original case and with its
    /// original spacing.
    pub phrase: String,
    /// A suggested way of saying it that describes the event instead of the person.
    pub suggestion: &'static str,
}

/// For sweeping words that turn one event into a pattern.
const SPECIFIC_OCCASIONS: &str = "Describe the specific occasions instead, such as 'in the last two demos'.";
/// For words that suggest a lack of care.
const MISSED_STEP: &str = "Name the step that was missed, such as 'the data check was skipped'.";
/// For words that suggest a lack of effort.
const LAZY: &str = "Describe what was and was not done, and what got in the way, such as 'the write-up was not started before the deadline'.";
/// For words about untidy work.
const SLOPPY: &str = "Point to the specific errors, such as 'three figures in the report did not match the source'.";
/// For words about a lack of ability.
const SKILL_TO_BUILD: &str = "Name the skill to build next, such as 'forecasting is new to them and needs practice'.";
/// For calling someone or their work useless.
const USELESS: &str = "Say what did not help and what would, such as 'the summary lacked the numbers the client asked for'.";
/// For calling someone or a situation hopeless.
const HOPELESS: &str = "Describe where things stand and one next step, such as 'the estimate is off, so we will re-plan it on Monday'.";
/// For insults about someone's intelligence.
const DECISION_AT_THE_TIME: &str = "Describe the decision and what was known at the time, such as 'the release went out before the tests had finished'.";
/// For calling someone clueless.
const MISSING_KNOWLEDGE: &str = "Name the knowledge that was missing and how to get it, such as 'they had not yet seen the client's brief'.";
/// For calling someone unreliable or untrustworthy.
const COMMITMENTS: &str =
    "Name the commitments that slipped and how you will rebuild trust together, such as 'two of the last three updates arrived late, so we will agree weekly check-points'.";
/// For words that say the event was only to be expected of them.
const THIS_EVENT: &str = "Treat this event on its own; if there really is a pattern, give the dates, such as 'this also happened in the March release'.";
/// For hindsight.
const HINDSIGHT: &str = "Say what information was missing and how it will be shared next time, such as 'the change was not in the handover notes'.";
/// For calling the person a failure.
const A_FAILURE: &str = "Describe the event, not the person, such as 'the demo did not go to plan'.";
/// For dramatic labels.
const DISASTER: &str = "Describe the actual impact in plain terms, such as 'the pricing slide was wrong and the call ran twenty minutes over'.";
/// For blame.
const BLAME: &str = "Focus on what happened and what changes next, such as 'the hand-over between the two teams broke down'.";
/// For fault.
const FAULT: &str = "Describe the causes rather than whose fault it was, such as 'the specification and the build did not match'.";
/// For negligence.
const NEGLIGENT: &str = "Name the check that was missed and what will make it routine, such as 'the review step is now on the release checklist'.";
/// For calling someone irresponsible.
const IRRESPONSIBLE: &str = "Describe the decision and its effect, such as 'the deadline was agreed without checking who was free'.";
/// For calling someone weak.
const WEAK: &str = "Name the specific skill to strengthen, such as 'handling live questions from the client'.";
/// For labelling someone a poor performer.
const POOR_PERFORMER: &str = "Describe results against the goals you agreed, and the support planned, such as 'two of the four milestones were met'.";
/// For slang about getting it wrong.
const WENT_WRONG: &str = "Say what went wrong in neutral words, such as 'the figures on slide four were out of date'.";
/// For "dropped the ball".
const SLIPPED: &str = "Name the task that slipped and why, such as 'the follow-up email was not sent after the meeting'.";

/// The words and phrases the check looks for, in lower case with single spaces, each with its
/// suggestion. Inflections are listed one by one, because only whole words match.
const RULES: &[(&str, &str)] = &[
    ("always", SPECIFIC_OCCASIONS),
    ("never", SPECIFIC_OCCASIONS),
    ("every time", SPECIFIC_OCCASIONS),
    ("careless", MISSED_STEP),
    ("carelessly", MISSED_STEP),
    ("carelessness", MISSED_STEP),
    ("lazy", LAZY),
    ("lazily", LAZY),
    ("laziness", LAZY),
    ("sloppy", SLOPPY),
    ("sloppily", SLOPPY),
    ("sloppiness", SLOPPY),
    ("incompetent", SKILL_TO_BUILD),
    ("incompetently", SKILL_TO_BUILD),
    ("incompetence", SKILL_TO_BUILD),
    ("useless", USELESS),
    ("hopeless", HOPELESS),
    ("hopelessly", HOPELESS),
    ("stupid", DECISION_AT_THE_TIME),
    ("stupidity", DECISION_AT_THE_TIME),
    ("idiotic", DECISION_AT_THE_TIME),
    ("idiot", DECISION_AT_THE_TIME),
    ("clueless", MISSING_KNOWLEDGE),
    ("unreliable", COMMITMENTS),
    ("can't be trusted", COMMITMENTS),
    ("cannot be trusted", COMMITMENTS),
    ("typical", THIS_EVENT),
    ("as usual", THIS_EVENT),
    ("should have known", HINDSIGHT),
    ("a failure", A_FAILURE),
    ("is a failure", A_FAILURE),
    ("disaster", DISASTER),
    ("blame", BLAME),
    ("blamed", BLAME),
    ("blaming", BLAME),
    ("fault", FAULT),
    ("negligent", NEGLIGENT),
    ("negligently", NEGLIGENT),
    ("negligence", NEGLIGENT),
    ("irresponsible", IRRESPONSIBLE),
    ("irresponsibly", IRRESPONSIBLE),
    ("weak", WEAK),
    ("poor performer", POOR_PERFORMER),
    ("messed up", WENT_WRONG),
    ("screwed up", WENT_WRONG),
    ("dropped the ball", SLIPPED),
];

/// Whether `c` is an apostrophe, straight or typographic.
fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Whether `c` can be part of a word: a letter, a digit or an apostrophe.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_apostrophe(c)
}

/// One word of the text being checked.
struct Word {
    /// Byte offset where the word starts in the text (always on a character boundary).
    start: usize,
    /// Byte offset just past the word's end (always on a character boundary).
    end: usize,
    /// The word in lower case, with typographic apostrophes made straight, for comparing.
    folded: String,
}

/// Splits `text` into words, in order. Apostrophes at either end of a word are left out of it,
/// so a word in quotation marks is still found.
fn words(text: &str) -> Vec<Word> {
    let mut found = Vec::new();
    let mut start: Option<usize> = None;
    for (index, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (start, is_word_char(c)) {
            (None, true) => start = Some(index),
            (Some(from), false) => {
                start = None;
                let run = &text[from..index];
                let leading = run.len() - run.trim_start_matches(is_apostrophe).len();
                let trimmed = run.trim_start_matches(is_apostrophe).trim_end_matches(is_apostrophe);
                if trimmed.is_empty() {
                    continue;
                }
                let folded = trimmed.chars().flat_map(char::to_lowercase).map(|c| if is_apostrophe(c) { '\'' } else { c }).collect();
                found.push(Word { start: from + leading, end: from + leading + trimmed.len(), folded });
            }
            _ => {}
        }
    }
    found
}

/// The rules by the first word of their phrase, so each word of a text is compared only with the
/// phrases that could start there (plan pages check every summary on every view).
static RULES_BY_FIRST_WORD: std::sync::LazyLock<std::collections::HashMap<&'static str, Vec<(&'static str, &'static str)>>> = std::sync::LazyLock::new(|| {
    let mut by_first_word: std::collections::HashMap<&'static str, Vec<(&'static str, &'static str)>> = std::collections::HashMap::new();
    for &(phrase, suggestion) in RULES {
        if let Some(first) = phrase.split_whitespace().next() {
            by_first_word.entry(first).or_default().push((phrase, suggestion));
        }
    }
    by_first_word
});

/// How many words of `phrase` match the text's words from `at` onwards, if the whole phrase
/// matches there: the words must be equal, and only white space may separate them in the text.
fn match_len(text: &str, words: &[Word], at: usize, phrase: &str) -> Option<usize> {
    let mut count = 0;
    for (offset, expected) in phrase.split_whitespace().enumerate() {
        let word = words.get(at + offset)?;
        if word.folded != expected {
            return None;
        }
        if offset > 0 {
            let gap = &text[words[at + offset - 1].end..word.start];
            if !gap.chars().all(char::is_whitespace) {
                return None;
            }
        }
        count += 1;
    }
    (count > 0).then_some(count)
}

/// Finds judging words in `text`, in order of appearance, each phrase reported once per
/// occurrence.
///
/// Where two listed phrases start at the same word, the longer one is reported ("is a failure"
/// rather than "a failure"), and the words it covers are not checked again. An empty text, or one
/// without judging words, gives an empty list.
pub fn check(text: &str) -> Vec<Finding> {
    let words = words(text);
    let mut findings = Vec::new();
    let mut at = 0;
    while at < words.len() {
        let candidates = RULES_BY_FIRST_WORD.get(words[at].folded.as_str()).map_or(&[][..], Vec::as_slice);
        let longest = candidates.iter().filter_map(|&(phrase, suggestion)| match_len(text, &words, at, phrase).map(|len| (len, suggestion))).max_by_key(|&(len, _)| len);
        match longest {
            Some((len, suggestion)) => {
                let last = &words[at + len - 1];
                findings.push(Finding { phrase: text[words[at].start..last.end].to_string(), suggestion });
                at += len;
            }
            None => at += 1,
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// The suggestion listed for `phrase`.
    fn suggestion(phrase: &str) -> &'static str {
        RULES.iter().find(|(listed, _)| *listed == phrase).map(|&(_, suggestion)| suggestion).expect("phrase is listed")
    }

    /// The phrases found in `text`, as written.
    fn phrases(text: &str) -> Vec<String> {
        check(text).into_iter().map(|finding| finding.phrase).collect()
    }

    #[test]
    fn rules_are_lower_case_single_spaced_unique_and_have_suggestions() {
        let mut seen = HashSet::new();
        for &(phrase, suggestion) in RULES {
            assert_eq!(phrase, phrase.to_lowercase(), "{phrase} is not lower case");
            assert_eq!(phrase, phrase.split_whitespace().collect::<Vec<_>>().join(" "), "{phrase} is not single-spaced");
            assert!(seen.insert(phrase), "{phrase} is listed twice");
            assert!(!suggestion.is_empty() && suggestion.ends_with('.'), "{phrase} needs a suggestion ending with a full stop");
        }
    }

    #[test]
    fn every_rule_finds_itself() {
        for &(phrase, suggestion) in RULES {
            let text = format!("They said: {phrase}.");
            let findings = check(&text);
            assert_eq!(findings.len(), 1, "{phrase}");
            assert_eq!(findings[0].phrase, phrase);
            assert_eq!(findings[0].suggestion, suggestion);
        }
    }

    #[test]
    fn finds_careless_and_never_with_their_suggestions_in_original_case() {
        let findings = check("It was careless. Never again, we said.");
        assert_eq!(
            findings,
            vec![Finding { phrase: "careless".to_string(), suggestion: suggestion("careless") }, Finding { phrase: "Never".to_string(), suggestion: suggestion("never") },]
        );
        assert_eq!(findings[0].suggestion, "Name the step that was missed, such as 'the data check was skipped'.");
        assert_eq!(findings[1].suggestion, "Describe the specific occasions instead, such as 'in the last two demos'.");
        assert_eq!(phrases("CARELESS"), ["CARELESS"]);
    }

    #[test]
    fn matches_whole_words_only() {
        assert!(check("Nevertheless, the demo went ahead.").is_empty());
        assert!(check("We run blameless reviews.").is_empty());
        assert!(check("The hand-over was faultless.").is_empty());
        assert!(check("Everyone has a weakness.").is_empty());
        assert!(check("They climbed Everest last year.").is_empty());
        assert!(check("Typically the build takes an hour.").is_empty());
    }

    #[test]
    fn an_inflection_is_reported_as_itself() {
        let findings = check("This was carelessness.");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].phrase, "carelessness");
        assert_eq!(findings[0].suggestion, suggestion("carelessness"));
        assert_eq!(phrases("They worked carelessly."), ["carelessly"]);
    }

    #[test]
    fn phrases_match_across_any_white_space() {
        let findings = check("They dropped   the ball on Friday.");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].phrase, "dropped   the ball");
        assert_eq!(findings[0].suggestion, suggestion("dropped the ball"));
        assert_eq!(phrases("It messed\nup the\tplan"), ["messed\nup"]);
        assert!(check("They dropped the-ball.").is_empty());
    }

    #[test]
    fn every_time_matches_but_everytime_does_not() {
        assert_eq!(phrases("It happens every time."), ["every time"]);
        assert_eq!(phrases("Every Time!"), ["Every Time"]);
        assert!(check("It happens everytime.").is_empty());
        assert!(check("Everything is on time.").is_empty());
    }

    #[test]
    fn the_longest_phrase_starting_at_a_word_wins_and_is_reported_once() {
        let findings = check("He is a failure.");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].phrase, "is a failure");
        assert_eq!(phrases("She felt like a failure."), ["a failure"]);
        assert!(check("The failure was in the cache.").is_empty());
    }

    #[test]
    fn apostrophes_belong_to_words_but_quotation_marks_do_not() {
        assert_eq!(phrases("He can't be trusted."), ["can't be trusted"]);
        assert_eq!(phrases("He can\u{2019}t be trusted."), ["can\u{2019}t be trusted"]);
        assert_eq!(phrases("They called it 'lazy'."), ["lazy"]);
        assert_eq!(phrases("Don't blame them."), ["blame"]);
        assert!(check("It wasn't anyone's doing.").is_empty());
    }

    #[test]
    fn an_empty_text_gives_nothing() {
        assert!(check("").is_empty());
        assert!(check("   \n\t ").is_empty());
        assert!(check("'''").is_empty());
    }

    #[test]
    fn non_ascii_text_works() {
        assert_eq!(phrases("Zoë was careless 🙃"), ["careless"]);
        assert_eq!(phrases("🙃careless🙃"), ["careless"]);
        assert_eq!(phrases("Zoë's fault, naïvely said"), ["fault"]);
        assert!(check("Ünïcödé ✨ text — with dashes… and “quotes”").is_empty());
        // Characters whose lower case is longer than themselves must not upset the offsets.
        assert_eq!(phrases("İ was lazy"), ["lazy"]);
    }

    #[test]
    fn findings_follow_the_order_of_the_text() {
        assert_eq!(phrases("As usual they were sloppy, and you always blame the tools; a disaster."), ["As usual", "sloppy", "always", "blame", "disaster"]);
        assert_eq!(phrases("lazy lazy"), ["lazy", "lazy"]);
    }
}
