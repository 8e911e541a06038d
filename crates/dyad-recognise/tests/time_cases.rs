//! Table-driven cases for `find_dates`: (sentence, document date or "", expected
//! (text, date) pairs in order). 2024-08-21 is a Wednesday, 2019-06-06 a Thursday,
//! 2016-06-24 a Friday.

use dyad_core::PartialDate;
use dyad_recognise::{find_dates, governing_date};

/// Document date used by most cases: Wednesday 21 August 2024.
const D: &str = "2024-08-21";

type Case = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

const CASES: &[Case] = &[
    // --- Sentences from real news ---
    ("On June 5th, Chinese President Xi Jinping and a delegation met with Russian President Vladimir Putin", "2019-06-06", &[("June 5th", "2019-06-05")]),
    ("Russian President Vladimir Putin on Wednesday hailed trade ties", D, &[("Wednesday", "2024-08-21")]),
    ("a surprise, ongoing military incursion by Ukrainian forces into the Russian border region of Kursk two weeks ago", D, &[("two weeks ago", "2024-08-07")]),
    ("Trade between China and Russia hit record highs last year", D, &[("last year", "2023")]),
    ("which began in 2022 with Russia's full-scale invasion", D, &[("2022", "2022")]),
    ("which began in 2022 with Russia's full-scale invasion", "", &[("2022", "2022")]),
    ("annual talks held since 1996", "", &[("1996", "1996")]),
    ("China last month hosted a top Ukrainian official", D, &[("last month", "2024-07")]),
    ("Putin is heading to China this weekend", "2016-06-24", &[("this weekend", "2016-06-25")]),
    ("And it has continued to grow in the first quarter of this year", "2019-06-06", &[("first quarter of this year", "2019-01")]),
    ("trade between the two countries declined previous year", "2016-06-25", &[("previous year", "2015")]),
    ("Bilateral trade increased by more than a quarter year-on-year in 2023 from 2022", D, &[("2023", "2023"), ("2022", "2022")]),
    ("between January and July this year", D, &[("January", "2024-01"), ("July this year", "2024-07")]),
    ("China's Foreign Ministry said Monday", D, &[("Monday", "2024-08-19")]),
    ("Last week, in response to a media inquiry", D, &[("Last week", "2024-08-12")]),
    ("to develop a 5G network in Russia in 2020", "2019-06-06", &[("2020", "2020")]),
    ("The third stage of the Yamal LNG plant opened in November, one year ahead of schedule", "2019-06-06", &[("November", "2018-11")]),
    // --- Absolute dates ---
    ("The treaty was signed on June 5, 2019 in Moscow", "", &[("June 5, 2019", "2019-06-05")]),
    ("The treaty was signed on 5 June 2019.", "", &[("5 June 2019", "2019-06-05")]),
    ("It was signed June 5th, 2019, officials said", "", &[("June 5th, 2019", "2019-06-05")]),
    ("The report dated 2019-06-05 says so", "", &[("2019-06-05", "2019-06-05")]),
    ("The leap-day report dated 2020-02-29 says so", "", &[("2020-02-29", "2020-02-29")]),
    ("Talks resumed in June 2019", "", &[("June 2019", "2019-06")]),
    ("Talks resumed in June of 2019", "", &[("June of 2019", "2019-06")]),
    ("The summit opened on Sept. 3, 2016 in Hangzhou", "", &[("Sept. 3, 2016", "2016-09-03")]),
    ("Sanctions took effect on Dec 25, 2020", "", &[("Dec 25, 2020", "2020-12-25")]),
    ("It was agreed on the 5th of June 2019", "", &[("5th of June 2019", "2019-06-05")]),
    ("The pact expired in May 2018", "", &[("May 2018", "2018-05")]),
    ("The parade on May 9, 2015 drew crowds", "", &[("May 9, 2015", "2015-05-09")]),
    ("MOSCOW, JUNE 5, 2019 (Reuters)", "", &[("JUNE 5, 2019", "2019-06-05")]),
    ("Prices rose from 2014 to 2016", "", &[("2014", "2014"), ("2016", "2016")]),
    ("Between 2015 and 2019, trade doubled", "", &[("2015", "2015"), ("2019", "2019")]),
    ("The deal runs until 2030", "", &[("2030", "2030")]),
    ("The plant should be finished by 2025", "", &[("2025", "2025")]),
    ("Output fell during 1999", "", &[("1999", "1999")]),
    ("In 2014, Russia annexed Crimea", "", &[("2014", "2014")]),
    ("The talks stalled in early 2022", "", &[("early 2022", "2022")]),
    ("The line should open by mid-2019", "", &[("mid-2019", "2019")]),
    ("They met again in late 2021", "", &[("late 2021", "2021")]),
    ("The pipeline will be done by the end of 2023", "", &[("end of 2023", "2023-12")]),
    ("Growth slowed in the first quarter of 2023", "", &[("first quarter of 2023", "2023-01")]),
    ("Growth slowed in the second quarter 2020", "", &[("second quarter 2020", "2020-04")]),
    ("Exports peaked in the final quarter of 2021", "", &[("final quarter of 2021", "2021-10")]),
    ("Talks were held in 2019 and 2021", "", &[("2019", "2019"), ("2021", "2021")]),
    ("The crisis of 2008 changed everything", "", &[("2008", "2008")]),
    ("Relations have improved since 2000", "", &[("2000", "2000")]),
    ("It was the largest deal since 1991's collapse", "", &[("1991", "1991")]),
    ("Sanctions imposed after 2014 remain", "", &[("2014", "2014")]),
    ("Sales from 2019-2021 rose", "", &[("2019", "2019"), ("2021", "2021")]),
    ("He served from June 2000 until May 2008", "", &[("June 2000", "2000-06"), ("May 2008", "2008-05")]),
    ("The ceasefire, agreed on 12 February 2015, broke down", "", &[("12 February 2015", "2015-02-12")]),
    ("The start of 2020 was hard", "", &[("start of 2020", "2020-01")]),
    ("The talks on Wednesday, June 5, 2019 ended", D, &[("Wednesday, June 5, 2019", "2019-06-05")]),
    ("The talks on Wednesday, June 5, 2019 ended", "", &[("Wednesday, June 5, 2019", "2019-06-05")]),
    // --- Month and day without a year ---
    ("The talks took place on 5 June", "2019-06-06", &[("5 June", "2019-06-05")]),
    ("The talks will take place on August 30", D, &[("August 30", "2024-08-30")]),
    ("The vote was held on December 12", D, &[("December 12", "2023-12-12")]),
    ("The leaders will meet on January 3", "2019-12-30", &[("January 3", "2020-01-03")]),
    ("The election is set for October 15", D, &[("October 15", "2024-10-15")]),
    ("Russia invaded on Feb. 24", D, &[("Feb. 24", "2024-02-24")]),
    ("Russia invaded on 24th February", D, &[("24th February", "2024-02-24")]),
    ("They met on June 5 last year", D, &[("June 5 last year", "2023-06-05")]),
    ("It was published on Feb 29", "2025-03-01", &[("Feb 29", "2024-02-29")]),
    ("The March 8 election was close", D, &[("March 8", "2024-03-08")]),
    ("Talks ran from June 5 to June 7, 2019", "", &[("June 5", "2019-06-05"), ("June 7, 2019", "2019-06-07")]),
    ("Talks ran from December 28 to January 2, 2020", "", &[("December 28", "2019-12-28"), ("January 2, 2020", "2020-01-02")]),
    ("Talks ran on 1st and 2nd of July", D, &[("2nd of July", "2024-07-02")]),
    ("The talks took place on June 5", "", &[]),
    // --- Month alone ---
    ("Prices rose in March", D, &[("March", "2024-03")]),
    ("Prices rose in November", D, &[("November", "2023-11")]),
    ("Prices rose in August", D, &[("August", "2024-08")]),
    ("Putin will visit in November", D, &[("November", "2024-11")]),
    ("The minister is due to visit in March", D, &[("March", "2025-03")]),
    ("The ministers are to meet in September", D, &[("September", "2024-09")]),
    ("The offensive began in May", D, &[("May", "2024-05")]),
    ("Fighting has continued since May", D, &[("May", "2024-05")]),
    ("they will march in May", D, &[("May", "2025-05")]),
    ("Talks resumed in early June", D, &[("early June", "2024-06")]),
    ("Talks resumed in mid-June", D, &[("mid-June", "2024-06")]),
    ("Talks collapsed in late September", D, &[("late September", "2023-09")]),
    ("The report was due by April", D, &[("April", "2024-04")]),
    ("They met last March", D, &[("last March", "2024-03")]),
    ("They met last September", D, &[("last September", "2023-09")]),
    ("They meet again next March", D, &[("next March", "2025-03")]),
    ("They meet again this December", D, &[("this December", "2024-12")]),
    ("Prices fell between November and February 2019", "", &[("November", "2018-11"), ("February 2019", "2019-02")]),
    ("Prices fell between April and May", D, &[("April", "2024-04"), ("May", "2024-05")]),
    ("It happened in March of last year", D, &[("March of last year", "2023-03")]),
    ("In June Russia said it would respond", D, &[("June", "2024-06")]),
    ("In January, Beijing hosted the talks", "2024-02-10", &[("January", "2024-01")]),
    ("The exercise was held in December", "2024-01-15", &[("December", "2023-12")]),
    ("The summit is to be held in October", D, &[("October", "2024-10")]),
    ("The summit is to be held in February", D, &[("February", "2025-02")]),
    ("Prices rose in March", "", &[]),
    // --- Weekdays ---
    ("The ministry said on Tuesday", D, &[("Tuesday", "2024-08-20")]),
    ("The ministry said on Thursday", D, &[("Thursday", "2024-08-15")]),
    ("The ministers will meet on Thursday", D, &[("Thursday", "2024-08-22")]),
    ("The envoy is due to arrive on Monday", D, &[("Monday", "2024-08-26")]),
    ("Putin plans to travel on Friday", D, &[("Friday", "2024-08-23")]),
    ("Wednesday's meeting was short", D, &[("Wednesday", "2024-08-21")]),
    ("Putin will speak on Wednesday", D, &[("Wednesday", "2024-08-21")]),
    ("They met last Wednesday", D, &[("last Wednesday", "2024-08-14")]),
    ("They meet next Wednesday", D, &[("next Wednesday", "2024-08-28")]),
    ("They meet next Monday", D, &[("next Monday", "2024-08-26")]),
    ("The strike came on Sunday", D, &[("Sunday", "2024-08-18")]),
    ("On Saturday, drones hit the depot", D, &[("Saturday", "2024-08-17")]),
    ("He'll visit on Friday", D, &[("Friday", "2024-08-23")]),
    ("The attack on Thursday, August 15 killed two", D, &[("Thursday, August 15", "2024-08-15")]),
    ("The ministry said on Tuesday", "2024-08", &[]),
    ("The ministry said on Tuesday", "", &[]),
    ("On Monday and Tuesday the envoys met", D, &[("Monday", "2024-08-19"), ("Tuesday", "2024-08-20")]),
    // --- Today, yesterday, tomorrow, this/last/next ---
    ("The talks open today", D, &[("today", "2024-08-21")]),
    ("The ministry said yesterday", D, &[("yesterday", "2024-08-20")]),
    ("Tomorrow the delegation flies home", D, &[("Tomorrow", "2024-08-22")]),
    ("The envoy arrives tonight", D, &[("tonight", "2024-08-21")]),
    ("There was shelling last night", D, &[("last night", "2024-08-20")]),
    ("He said this morning", D, &[("this morning", "2024-08-21")]),
    ("The envoys met this week", D, &[("this week", "2024-08-19")]),
    ("The envoys meet next week", D, &[("next week", "2024-08-26")]),
    ("Prices rose this month", D, &[("this month", "2024-08")]),
    ("Prices will rise next month", D, &[("next month", "2024-09")]),
    ("Growth slowed this year", D, &[("this year", "2024")]),
    ("Growth will recover next year", D, &[("next year", "2025")]),
    ("Prices rose last month", "2024-01-10", &[("last month", "2023-12")]),
    ("The envoys met last week", "2024-08-19", &[("last week", "2024-08-12")]),
    ("Fighting flared last weekend", D, &[("last weekend", "2024-08-17")]),
    ("Fighting flared this weekend", "2024-08-25", &[("this weekend", "2024-08-24")]),
    ("Protests are planned this weekend", "2016-06-25", &[("this weekend", "2016-06-25")]),
    ("Protests are planned next weekend", D, &[("next weekend", "2024-08-31")]),
    ("Output grew by 5% over the previous year", D, &[("previous year", "2023")]),
    ("Output grew previous month", D, &[("previous month", "2024-07")]),
    ("Trade fell last year", "2024-08", &[("last year", "2023")]),
    ("Trade fell last year", "2024", &[("last year", "2023")]),
    ("Trade fell last month", "2024", &[]),
    ("Trade fell last year", "", &[]),
    ("The envoy arrived yesterday", "", &[]),
    // --- Counting back ---
    ("The strike happened three days ago", D, &[("three days ago", "2024-08-18")]),
    ("The strike happened ten days ago", D, &[("ten days ago", "2024-08-11")]),
    ("The talks began 18 months ago", D, &[("18 months ago", "2023-02")]),
    ("The war began two and a half years ago", D, &[("two and a half years ago", "2022")]),
    ("The deal was signed a year ago", D, &[("a year ago", "2023")]),
    ("The deal was signed a week ago", D, &[("a week ago", "2024-08-14")]),
    ("The deal was signed six months ago", D, &[("six months ago", "2024-02")]),
    ("The deal was signed a year and a half ago", D, &[("a year and a half ago", "2023")]),
    ("The deal was signed 4 years ago", D, &[("4 years ago", "2020")]),
    ("The deal was signed an hour ago", D, &[]),
    ("Output rose 5% from a year earlier", D, &[("a year earlier", "2023")]),
    ("The strike happened two weeks ago", "", &[]),
    // --- Earlier/later this ..., edges of the year ---
    ("Prices rose earlier this month", D, &[("earlier this month", "2024-08")]),
    ("Prices rose earlier this year", D, &[("earlier this year", "2024")]),
    ("A vote is expected later this month", D, &[("later this month", "2024-08")]),
    ("A vote is expected later this year", D, &[("later this year", "2024")]),
    ("The envoys met earlier this week", D, &[("earlier this week", "2024-08-19")]),
    ("The deal should be signed by year-end", D, &[("year-end", "2024-12")]),
    ("The deal should be signed by the end of the year", D, &[("end of the year", "2024-12")]),
    ("The deal should be signed by the end of this year", D, &[("end of this year", "2024-12")]),
    ("The deal was signed at the end of last year", D, &[("end of last year", "2023-12")]),
    ("Prices have risen since the beginning of the year", D, &[("beginning of the year", "2024-01")]),
    ("A vote is due by the end of the month", D, &[("end of the month", "2024-08")]),
    // --- Quarters ---
    ("Profit fell in the fourth quarter of last year", D, &[("fourth quarter of last year", "2023-10")]),
    ("Profit rose in the third quarter", D, &[("third quarter", "2024-07")]),
    ("Profit rose in the fourth quarter", D, &[("fourth quarter", "2023-10")]),
    ("Profit should rise in the first quarter of next year", D, &[("first quarter of next year", "2025-01")]),
    ("Profit rose in the second quarter of the year", D, &[("second quarter of the year", "2024-04")]),
    // --- Several in one sentence ---
    ("Putin visited Beijing in May 2024 and will return next year", D, &[("May 2024", "2024-05"), ("next year", "2025")]),
    ("The deal, signed on March 3, was extended last week", D, &[("March 3", "2024-03-03"), ("last week", "2024-08-12")]),
    ("Trade rose 26% in 2023 after falling in 2022, the ministry said on Monday", D, &[("2023", "2023"), ("2022", "2022"), ("Monday", "2024-08-19")]),
    ("Since 2014, and again last year, talks failed", D, &[("2014", "2014"), ("last year", "2023")]),
    // --- Negatives ---
    ("Russia may sign the deal soon", D, &[]),
    ("Russia May Sign Deal With China", D, &[]),
    ("Theresa May met Putin", D, &[]),
    ("They joined a May Day rally", D, &[]),
    ("the march on Moscow began", D, &[]),
    ("Protesters march through the capital", D, &[]),
    ("The March on Washington drew thousands", D, &[]),
    ("Russia deployed 300 troops", D, &[]),
    ("It cost $2019 per unit", D, &[]),
    ("The meeting starts at 10:30", D, &[]),
    ("Call +7 495 2019 1234 for details", D, &[]),
    ("A crowd of 2000 people gathered", D, &[]),
    ("He won by 2000 votes", D, &[]),
    ("Some 2,019 soldiers were killed", D, &[]),
    ("The Second World War ended", D, &[]),
    ("Trade grew 5% year-on-year", D, &[]),
    ("The economy boomed in the 1990s", D, &[]),
    ("The fortress was built in 1850", D, &[]),
    ("The plan looks ahead to 2150", D, &[]),
    ("The Sunday Times reported the story", D, &[]),
    ("The Good Friday Agreement holds", D, &[]),
    ("Russia cut a quarter of the budget", D, &[]),
    ("Prices rose sharply in the last year", D, &[]),
    ("Years ago, the two sides were allies", D, &[]),
    ("It has been so for many years", D, &[]),
    ("The day after the vote was calm", D, &[]),
    ("The vote takes place every week", D, &[]),
    ("The pact gives Moscow 500 days", D, &[]),
    ("Room 1905 of the hotel was booked", D, &[]),
    ("Trump hosted him at Mar-a-Lago", D, &[]),
    ("The team lost in the quarter-final", D, &[]),
    ("They signed a one-year deal", D, &[]),
    ("Article 2019 of the code applies", D, &[]),
    ("It was a last-minute change", D, &[]),
    ("The base is next to the border", D, &[]),
    ("This time the talks failed", D, &[]),
    ("The invalid stamp read 2019-02-29", D, &[]),
    ("The ratio was 1.5 to 2019.5", D, &[]),
    ("Prices were up 12 percent on the week before", D, &[]),
    // The nearest tense marker decides: a future clause reported in the past
    ("Li will meet Golovchenko in Minsk, China’s Foreign Ministry said Monday", D, &[("Monday", "2024-08-19")]),
    ("Li will meet Golovchenko on Monday", D, &[("Monday", "2024-08-26")]),
];

#[test]
fn time_cases() {
    let mut failures = Vec::new();
    for (sentence, doc, want) in CASES {
        let doc_date = if doc.is_empty() {
            None
        } else {
            Some(doc.parse::<PartialDate>().expect("valid document date"))
        };
        let got = find_dates(sentence, doc_date);
        for t in &got {
            assert_eq!(&sentence[t.start..t.end], t.text, "offsets in {sentence:?}");
        }
        let got: Vec<(String, String)> = got
            .iter()
            .map(|t| (t.text.clone(), t.date.to_string()))
            .collect();
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        if got != want {
            failures.push(format!(
                "{sentence:?} (doc {doc:?}):\n   got  {got:?}\n   want {want:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn enough_cases() {
    assert!(CASES.len() >= 150, "{}", CASES.len());
    let negatives = CASES.iter().filter(|c| c.2.is_empty()).count();
    assert!(negatives >= 25, "{negatives}");
}

#[test]
fn precision_follows_expression() {
    use dyad_core::DatePrecision;
    let doc = "2024-08-21".parse::<PartialDate>().ok();
    let got = find_dates(
        "Two weeks ago, last month and last year, and in June 2019",
        doc,
    );
    let p: Vec<DatePrecision> = got.iter().map(|t| t.date.precision()).collect();
    assert_eq!(
        p,
        [
            DatePrecision::Day,
            DatePrecision::Month,
            DatePrecision::Year,
            DatePrecision::Month
        ]
    );
}

#[test]
fn fast_path_and_non_ascii() {
    assert!(find_dates("Moscow and Beijing signed a pact", None).is_empty());
    let got = find_dates("Le président a parlé — «in 2019» — à Pékin", None);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].text, "2019");
}

/// Rough throughput on typical sentences: `cargo test --release -p dyad-recognise
/// --test time_cases -- --ignored --nocapture`.
#[test]
#[ignore]
fn throughput() {
    let doc = "2024-08-21".parse::<PartialDate>().ok();
    let sentences: Vec<&str> = CASES.iter().map(|c| c.0).collect();
    let extra = [
        "Russian President Vladimir Putin hailed trade ties with China as the two countries deepen cooperation",
        "The ministry did not comment on the report, which cited unnamed officials familiar with the matter",
        "Beijing has repeatedly called for a ceasefire and peace talks between the two sides",
    ];
    let n = 200_000;
    let start = std::time::Instant::now();
    let mut found = 0usize;
    for i in 0..n {
        let s = if i % 2 == 0 {
            extra[i % 3]
        } else {
            sentences[i % sentences.len()]
        };
        found += find_dates(std::hint::black_box(s), doc).len();
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{n} sentences in {secs:.3}s: {:.0}/s ({found} dates)",
        n as f64 / secs
    );
}

/// Which stated date governs an act: (sentence, the act's trigger word, its object if any,
/// the phrase expected to date it or "" for none).
#[rustfmt::skip]
const GOVERNING: &[(&str, &str, &str, &str)] = &[
    ("On June 5th, Xi met Putin in the Kremlin", "met", "", "June 5th"),
    ("Last week, in response to a question, the ministry called on all parties to talk", "called", "", "Last week"),
    ("Putin traveled to Beijing after trade declined previous year", "traveled", "", ""),
    ("Trade grew 31 percent this year, said Putin during a meeting with Xi", "meeting", "", ""),
    ("Trade grew 31 percent this year, said Putin during a meeting with Xi", "grew", "", "this year"),
    ("It is the first visit since the incursion by Ukrainian forces two weeks ago", "visit", "", ""),
    ("It is the first visit since the incursion by Ukrainian forces two weeks ago", "incursion", "", "two weeks ago"),
    ("Huawei signed a deal with MTS to develop a 5G network in 2020", "signed", "a deal", ""),
    ("Huawei signed a deal with MTS in 2019 to develop a network in 2020", "signed", "a deal", "2019"),
    ("Putin is heading to China this weekend to meet Xi", "meet", "", "this weekend"),
    ("Putin traveled to eastern Ukraine on Monday", "traveled", "", "Monday"),
    ("Li will meet Golovchenko in Minsk, the ministry said Monday", "meet", "", ""),
    ("The deal, signed in 2014, which Russia broke in 2022, stands", "signed", "", "2014"),
    ("They agreed on a plan for 2030; talks resume in May", "agreed", "a plan for 2030", ""),
];

#[test]
fn the_date_of_an_act_is_the_one_its_clause_states() {
    let doc = D.parse::<PartialDate>().ok();
    let mut failures = Vec::new();
    for (sentence, trigger, object, want) in GOVERNING {
        let dates = find_dates(sentence, doc);
        let at = |w: &str| {
            let a = sentence.find(w).expect("the word is in the sentence");
            (a, a + w.len())
        };
        let exclude = (!object.is_empty()).then(|| at(object));
        let got =
            governing_date(sentence, &dates, at(trigger), exclude).map_or("", |d| d.text.as_str());
        if got != *want {
            failures.push(format!(
                "{sentence:?} / {trigger:?}: got {got:?}, want {want:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every prefix and suffix of every case (cut at character boundaries) scans without a panic.
#[test]
fn truncated_sentences_never_panic() {
    let doc = D.parse::<PartialDate>().ok();
    let mut scanned = 0;
    for (s, ..) in CASES {
        for (i, _) in s.char_indices().chain([(s.len(), ' ')]) {
            for part in [&s[..i], &s[i..]] {
                let dates = find_dates(part, doc);
                // A governing date is one of those found, whatever the anchor.
                if let Some(d) = governing_date(part, &dates, (0, part.len().min(1)), None) {
                    assert!(dates.contains(d));
                }
                scanned += 1;
            }
        }
    }
    assert!(scanned > 1000);
}

/// Document dates from the top of a scraped page: (page text, expected date or "" for none).
#[rustfmt::skip]
const DATELINES: &[(&str, &str)] = &[
    ("MOSCOW, June 5, 2019 (Reuters) - Russia and China signed a pact on Wednesday.", "2019-06-05"),
    ("BEIJING, Aug. 21, 2024 — Premier Li Qiang arrived in Moscow on Tuesday for talks.", "2024-08-21"),
    ("Share\n\nPutin meets Xi\n\n21 August 2024\n\nPutin met Xi in Beijing.", "2024-08-21"),
    ("Putin meets Xi\nPublished 12:30 GMT, Aug. 21, 2024\nPutin met Xi.", "2024-08-21"),
    ("Putin meets Xi\nUpdated September 2, 2024\nPublished August 21, 2024\nText.", "2024-08-21"),
    ("Putin meets Xi\nUpdated September 2, 2024\nText of the article.", "2024-09-02"),
    ("Putin meets Xi\nJune 2019\nText.", "2019-06"),
    ("Putin meets Xi\n\nOn June 5th, Xi met Putin in the Kremlin and the two leaders signed two joint statements on strategic stability.", ""),
    ("A long first paragraph that mentions a date, 5 June 2019, in the middle of a sentence about many other things.", ""),
    ("Putin meets Xi\nText.\nCopyright © 2024 Example News", ""),
    ("", ""),
];

#[test]
fn document_dates_from_the_text() {
    let mut failures = Vec::new();
    for (text, want) in DATELINES {
        let got = dyad_recognise::dateline_date(text)
            .map(|d| d.to_string())
            .unwrap_or_default();
        if got != *want {
            failures.push(format!("{text:?}: got {got:?}, want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
