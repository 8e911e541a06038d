//! Table-driven cases for `find_quantities`: every field of every figure is checked.

use dyad_core::Qualifier::{self, About, Almost, Exact, LessThan, MoreThan, UpTo};
use dyad_recognise::find_quantities;

/// (text, value, max, unit, per, qualifier, measure)
type Exp = (
    &'static str,
    f64,
    Option<f64>,
    &'static str,
    Option<&'static str>,
    Qualifier,
    Option<&'static str>,
);

const N: Option<&str> = None;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

#[rustfmt::skip]
const POSITIVE: &[(&str, &[Exp])] = &[
    // From the brief (real news)
    ("we have exceeded this mark, with mutual trade reaching $108 billion",
        &[("$108 billion", 108e9, None, "USD", N, Exact, Some("mutual trade"))]),
    ("You and I set a goal to reach $100 billion in trade last year",
        &[("$100 billion", 100e9, None, "USD", N, Exact, Some("trade"))]),
    ("an agricultural holding company in the Primorye Territory with an investment of 10 billion rubles",
        &[("10 billion rubles", 10e9, None, "RUB", N, Exact, Some("investment"))]),
    ("A sizeable share in this plant – almost 30 percent (29.9 percent) belongs to China",
        &[("30 percent", 30.0, None, "percent", N, Almost, N),
          ("29.9 percent", 29.9, None, "percent", N, Exact, N)]),
    ("already exceeding 3.4 percent",
        &[("3.4 percent", 3.4, None, "percent", N, MoreThan, N)]),
    ("It’s around 40 million tons [per year]",
        &[("40 million tons", 40e6, None, "t", Some("year"), About, N)]),
    ("their leaders signed more than 30 deals on infrastructure",
        &[("30 deals", 30.0, None, "count", N, MoreThan, Some("deals"))]),
    ("surpassing a target of $240 billion ahead of schedule",
        &[("$240 billion", 240e9, None, "USD", N, Exact, Some("target"))]),
    ("Bilateral trade increased by more than a quarter year-on-year in 2023 from 2022",
        &[("a quarter", 0.25, None, "fraction", N, MoreThan, Some("Bilateral trade"))]),
    ("has only grown about 1.6% between January and July",
        &[("1.6%", 1.6, None, "percent", N, About, N)]),
    ("$3 billion in new nuclear energy cooperation projects, a $1 billion industrial investment fund",
        &[("$3 billion", 3e9, None, "USD", N, Exact, Some("new nuclear energy cooperation projects")),
          ("$1 billion", 1e9, None, "USD", N, Exact, Some("industrial investment fund"))]),
    ("Russia massed more than 100,000 troops near Ukraine",
        &[("100,000 troops", 100000.0, None, "count", N, MoreThan, Some("troops"))]),
    ("supplies of 38 bcm of gas a year",
        &[("38 bcm", 38e9, None, "m3", Some("year"), Exact, Some("supplies"))]),
    // Money: symbols
    ("The deal is worth $5m.", &[("$5m", 5e6, None, "USD", N, Exact, Some("deal"))]),
    ("a fund of US$2.5 billion", &[("US$2.5 billion", 2.5e9, None, "USD", N, Exact, Some("fund"))]),
    ("Exports rose to €12 billion", &[("€12 billion", 12e9, None, "EUR", N, Exact, Some("Exports"))]),
    ("The bank lent £300 million to the firm", &[("£300 million", 300e6, None, "GBP", N, Exact, N)]),
    ("It costs ¥1,200 per unit", &[("¥1,200", 1200.0, None, "JPY", N, Exact, N)]),
    ("pensions rose to ₽20,000", &[("₽20,000", 20000.0, None, "RUB", N, Exact, Some("pensions"))]),
    ("a contract worth ₹500 crore", &[("₹500 crore", 5e9, None, "INR", N, Exact, Some("contract"))]),
    ("India paid Rs 4,000 crore for the jets", &[("Rs 4,000 crore", 4e10, None, "INR", N, Exact, N)]),
    ("a $5bn loan", &[("$5bn", 5e9, None, "USD", N, Exact, Some("loan"))]),
    ("about $1.2 trillion of debt", &[("$1.2 trillion", 1.2e12, None, "USD", N, About, Some("debt"))]),
    ("a $250,000 grant", &[("$250,000", 250000.0, None, "USD", N, Exact, Some("grant"))]),
    ("raised $30k online", &[("$30k", 30000.0, None, "USD", N, Exact, N)]),
    ("investments of $3 tn", &[("$3 tn", 3e12, None, "USD", N, Exact, Some("investments"))]),
    ("a USD 5 billion facility", &[("USD 5 billion", 5e9, None, "USD", N, Exact, Some("facility"))]),
    ("RMB 100 billion in loans", &[("RMB 100 billion", 100e9, None, "CNY", N, Exact, Some("loans"))]),
    ("a HK$3 billion bond", &[("HK$3 billion", 3e9, None, "HKD", N, Exact, Some("bond"))]),
    ("up to $50 billion", &[("$50 billion", 50e9, None, "USD", N, UpTo, N)]),
    ("less than $1 billion", &[("$1 billion", 1e9, None, "USD", N, LessThan, N)]),
    ("nearly $2 billion", &[("$2 billion", 2e9, None, "USD", N, Almost, N)]),
    ("over $10 billion", &[("$10 billion", 10e9, None, "USD", N, MoreThan, N)]),
    ("some $40 billion", &[("$40 billion", 40e9, None, "USD", N, About, N)]),
    ("roughly $7 billion", &[("$7 billion", 7e9, None, "USD", N, About, N)]),
    ("approximately $9 million", &[("$9 million", 9e6, None, "USD", N, About, N)]),
    ("at least $3 billion", &[("$3 billion", 3e9, None, "USD", N, MoreThan, N)]),
    ("as much as $6 billion", &[("$6 billion", 6e9, None, "USD", N, UpTo, N)]),
    ("in excess of $1 billion", &[("$1 billion", 1e9, None, "USD", N, MoreThan, N)]),
    ("close to $90 billion", &[("$90 billion", 90e9, None, "USD", N, Almost, N)]),
    ("an estimated $4 billion deal", &[("$4 billion", 4e9, None, "USD", N, About, Some("deal"))]),
    // Money: names and codes after the number
    ("5 billion dollars in aid", &[("5 billion dollars", 5e9, None, "USD", N, Exact, Some("aid"))]),
    ("a 300 million dlrs loan", &[("300 million dlrs", 300e6, None, "USD", N, Exact, Some("loan"))]),
    ("worth 20 billion US dollars", &[("20 billion US dollars", 20e9, None, "USD", N, Exact, N)]),
    ("worth 20 billion U.S. dollars", &[("20 billion U.S. dollars", 20e9, None, "USD", N, Exact, N)]),
    ("10 billion roubles", &[("10 billion roubles", 10e9, None, "RUB", N, Exact, N)]),
    ("2 trillion rubles of spending", &[("2 trillion rubles", 2e12, None, "RUB", N, Exact, Some("spending"))]),
    ("10 billion RUB", &[("10 billion RUB", 10e9, None, "RUB", N, Exact, N)]),
    ("500 million yuan", &[("500 million yuan", 500e6, None, "CNY", N, Exact, N)]),
    ("1.5 trillion renminbi", &[("1.5 trillion renminbi", 1.5e12, None, "CNY", N, Exact, N)]),
    ("20 billion CNY", &[("20 billion CNY", 20e9, None, "CNY", N, Exact, N)]),
    ("40 million euros", &[("40 million euros", 40e6, None, "EUR", N, Exact, N)]),
    ("3 billion pounds sterling", &[("3 billion pounds sterling", 3e9, None, "GBP", N, Exact, N)]),
    ("100 billion yen", &[("100 billion yen", 100e9, None, "JPY", N, Exact, N)]),
    ("50,000 rupees", &[("50,000 rupees", 50000.0, None, "INR", N, Exact, N)]),
    ("200 million Belarusian rubles", &[("200 million Belarusian rubles", 200e6, None, "BYN", N, Exact, N)]),
    ("15 billion hryvnias", &[("15 billion hryvnias", 15e9, None, "UAH", N, Exact, N)]),
    ("a billion dollars", &[("a billion dollars", 1e9, None, "USD", N, Exact, N)]),
    ("two billion euros", &[("two billion euros", 2e9, None, "EUR", N, Exact, N)]),
    ("one million dollars", &[("one million dollars", 1e6, None, "USD", N, Exact, N)]),
    ("5 mln euros", &[("5 mln euros", 5e6, None, "EUR", N, Exact, N)]),
    ("30bn roubles", &[("30bn roubles", 30e9, None, "RUB", N, Exact, N)]),
    ("5m euros", &[("5m euros", 5e6, None, "EUR", N, Exact, N)]),
    ("$2 billion a year", &[("$2 billion", 2e9, None, "USD", Some("year"), Exact, N)]),
    ("$500 million annually", &[("$500 million", 500e6, None, "USD", Some("year"), Exact, N)]),
    ("$20 billion per annum", &[("$20 billion", 20e9, None, "USD", Some("year"), Exact, N)]),
    ("$1 million a day", &[("$1 million", 1e6, None, "USD", Some("day"), Exact, N)]),
    ("$3 billion a month", &[("$3 billion", 3e9, None, "USD", Some("month"), Exact, N)]),
    ("trade of $100 billion", &[("$100 billion", 100e9, None, "USD", N, Exact, Some("trade"))]),
    ("turnover stood at $65 billion", &[("$65 billion", 65e9, None, "USD", N, Exact, Some("turnover"))]),
    ("the trade turnover reached $5 billion in the first quarter",
        &[("$5 billion", 5e9, None, "USD", N, Exact, Some("trade turnover"))]),
    ("Chinese investment amounted to $2 billion", &[("$2 billion", 2e9, None, "USD", N, Exact, Some("Chinese investment"))]),
    // Ranges
    ("$3–5 billion", &[("$3–5 billion", 3e9, Some(5e9), "USD", N, Exact, N)]),
    ("$3-5 billion", &[("$3-5 billion", 3e9, Some(5e9), "USD", N, Exact, N)]),
    ("between 3 and 5 percent", &[("3 and 5 percent", 3.0, Some(5.0), "percent", N, Exact, N)]),
    ("growth of 3-4 percent", &[("3-4 percent", 3.0, Some(4.0), "percent", N, Exact, Some("growth"))]),
    ("$3 billion to $5 billion", &[("$3 billion to $5 billion", 3e9, Some(5e9), "USD", N, Exact, N)]),
    ("3 to 5 million tons", &[("3 to 5 million tons", 3e6, Some(5e6), "t", N, Exact, N)]),
    ("between 10,000 and 20,000 troops", &[("10,000 and 20,000 troops", 10000.0, Some(20000.0), "count", N, Exact, Some("troops"))]),
    ("between $1 billion and $2 billion", &[("$1 billion and $2 billion", 1e9, Some(2e9), "USD", N, Exact, N)]),
    ("rose from 3 to 5 percent",
        &[("3", 3.0, None, "percent", N, Exact, N),
          ("5 percent", 5.0, None, "percent", N, Exact, N)]),
    // Percentages
    ("a 29.9 percent stake", &[("29.9 percent", 29.9, None, "percent", N, Exact, Some("stake"))]),
    ("inflation was 7.5 per cent", &[("7.5 per cent", 7.5, None, "percent", N, Exact, Some("inflation"))]),
    ("GDP grew 3.4%", &[("3.4%", 3.4, None, "percent", N, Exact, Some("GDP"))]),
    ("up 5 pct", &[("5 pct", 5.0, None, "percent", N, Exact, N)]),
    ("rates rose by 2 percentage points", &[("2 percentage points", 2.0, None, "percentage_point", N, Exact, Some("rates"))]),
    ("30 percent of the shares", &[("30 percent", 30.0, None, "percent", N, Exact, Some("shares"))]),
    ("one percent", &[("one percent", 1.0, None, "percent", N, Exact, N)]),
    ("fifty percent of exports", &[("fifty percent", 50.0, None, "percent", N, Exact, Some("exports"))]),
    ("twenty-five percent", &[("twenty-five percent", 25.0, None, "percent", N, Exact, N)]),
    ("below 2%", &[("2%", 2.0, None, "percent", N, LessThan, N)]),
    ("under 10 percent", &[("10 percent", 10.0, None, "percent", N, LessThan, N)]),
    ("above 4 percent", &[("4 percent", 4.0, None, "percent", N, MoreThan, N)]),
    ("growth exceeding 3 percent", &[("3 percent", 3.0, None, "percent", N, MoreThan, Some("growth"))]),
    ("In 2023, inflation hit 12.7%", &[("12.7%", 12.7, None, "percent", N, Exact, Some("inflation"))]),
    ("a 10 percent increase in trade", &[("10 percent", 10.0, None, "percent", N, Exact, Some("increase"))]),
    // Fractions
    ("fell by half", &[("half", 0.5, None, "fraction", N, Exact, N)]),
    ("more than half of exports", &[("half", 0.5, None, "fraction", N, MoreThan, Some("exports"))]),
    ("a third of the population", &[("a third", 1.0 / 3.0, None, "fraction", N, Exact, Some("population"))]),
    ("two-thirds of the budget", &[("two-thirds", 2.0 / 3.0, None, "fraction", N, Exact, Some("budget"))]),
    ("two thirds of voters", &[("two thirds", 2.0 / 3.0, None, "fraction", N, Exact, Some("voters"))]),
    ("three quarters of the oil", &[("three quarters", 0.75, None, "fraction", N, Exact, Some("oil"))]),
    ("one-fifth of imports", &[("one-fifth", 0.2, None, "fraction", N, Exact, Some("imports"))]),
    ("nearly a quarter of GDP", &[("a quarter", 0.25, None, "fraction", N, Almost, Some("GDP"))]),
    ("output dropped by a tenth.", &[("a tenth", 0.1, None, "fraction", N, Exact, Some("output"))]),
    // Tonnes, barrels, gas, distances, power
    ("50 million tons of grain", &[("50 million tons", 50e6, None, "t", N, Exact, Some("grain"))]),
    ("exports of 1.2 million tonnes", &[("1.2 million tonnes", 1.2e6, None, "t", N, Exact, Some("exports"))]),
    ("30 million metric tons", &[("30 million metric tons", 30e6, None, "t", N, Exact, N)]),
    ("500,000 barrels per day", &[("500,000 barrels", 500000.0, None, "bbl", Some("day"), Exact, N)]),
    ("output of 9.5 million bpd", &[("9.5 million bpd", 9.5e6, None, "bbl", Some("day"), Exact, Some("output"))]),
    ("1.5 million b/d", &[("1.5 million b/d", 1.5e6, None, "bbl", Some("day"), Exact, N)]),
    ("a 100 million barrel reserve", &[("100 million barrel", 100e6, None, "bbl", N, Exact, Some("reserve"))]),
    ("55 bcm a year", &[("55 bcm", 55e9, None, "m3", Some("year"), Exact, N)]),
    ("10 billion cubic metres of gas", &[("10 billion cubic metres", 10e9, None, "m3", N, Exact, Some("gas"))]),
    ("5 billion cubic meters annually", &[("5 billion cubic meters", 5e9, None, "m3", Some("year"), Exact, N)]),
    ("a 1,000 km pipeline", &[("1,000 km", 1000.0, None, "km", N, Exact, Some("pipeline"))]),
    ("some 500 kilometres", &[("500 kilometres", 500.0, None, "km", N, About, N)]),
    ("30km from the border", &[("30km", 30.0, None, "km", N, Exact, N)]),
    ("200 miles", &[("200 miles", 200.0, None, "mi", N, Exact, N)]),
    ("a 1,200 MW plant", &[("1,200 MW", 1.2e9, None, "W", N, Exact, Some("plant"))]),
    ("4.8 gigawatts of capacity", &[("4.8 gigawatts", 4.8e9, None, "W", N, Exact, Some("capacity"))]),
    ("20 TWh", &[("20 TWh", 20e12, None, "Wh", N, Exact, N)]),
    ("3,000 hectares", &[("3,000 hectares", 3000.0, None, "ha", N, Exact, N)]),
    // Counts
    ("300 troops", &[("300 troops", 300.0, None, "count", N, Exact, Some("troops"))]),
    ("signed 30 agreements", &[("30 agreements", 30.0, None, "count", N, Exact, Some("agreements"))]),
    ("delivered two units", &[("two units", 2.0, None, "count", N, Exact, Some("units"))]),
    ("about 1,500 people were killed", &[("1,500 people", 1500.0, None, "count", N, About, Some("people"))]),
    ("40 Russian companies", &[("40 Russian companies", 40.0, None, "count", N, Exact, Some("Russian companies"))]),
    ("thirty deals", &[("thirty deals", 30.0, None, "count", N, Exact, Some("deals"))]),
    ("a dozen agreements", &[("a dozen agreements", 12.0, None, "count", N, Exact, Some("agreements"))]),
    ("two hundred soldiers", &[("two hundred soldiers", 200.0, None, "count", N, Exact, Some("soldiers"))]),
    ("5 million people", &[("5 million people", 5e6, None, "count", N, Exact, Some("people"))]),
    ("up to 12 warships", &[("12 warships", 12.0, None, "count", N, UpTo, Some("warships"))]),
    ("fewer than 20 journalists", &[("20 journalists", 20.0, None, "count", N, LessThan, Some("journalists"))]),
    ("leaders of 20 countries", &[("20 countries", 20.0, None, "count", N, Exact, Some("countries"))]),
    ("launched 100k drones", &[("100k drones", 100000.0, None, "count", N, Exact, Some("drones"))]),
    ("2,000 tons", &[("2,000 tons", 2000.0, None, "t", N, Exact, N)]),
    ("more than 2,000 tanks", &[("2,000 tanks", 2000.0, None, "count", N, MoreThan, Some("tanks"))]),
    ("Nearly 4 million Ukrainians fled", &[("4 million Ukrainians", 4e6, None, "count", N, Almost, Some("Ukrainians"))]),
    ("a loan of 500 billion South Korean won", &[("500 billion South Korean won", 500e9, None, "KRW", N, Exact, Some("loan"))]),
    ("5 m3 of water", &[("5 m3", 5.0, None, "m3", N, Exact, Some("water"))]),
    // Several figures in one sentence
    ("Trade rose 5% to $60 billion, with 20 projects under way",
        &[("5%", 5.0, None, "percent", N, Exact, Some("Trade")),
          ("$60 billion", 60e9, None, "USD", N, Exact, N),
          ("20 projects", 20.0, None, "count", N, Exact, Some("projects"))]),
    ("Oil exports of 2 million bpd earned $100 million a day",
        &[("2 million bpd", 2e6, None, "bbl", Some("day"), Exact, Some("Oil exports")),
          ("$100 million", 100e6, None, "USD", Some("day"), Exact, N)]),
    // Determiners and possessives before the figure, compounds before a link
    ("companies are participating at Russia’s $27 billion LNG plant in Yamal",
        &[("$27 billion", 27e9, None, "USD", N, Exact, Some("LNG plant"))]),
    ("is projected to reach the $100 billion target",
        &[("$100 billion", 100e9, None, "USD", N, Exact, Some("target"))]),
    ("Russia-China trade to reach record $100 billion by year-end",
        &[("$100 billion", 100e9, None, "USD", N, Exact, Some("Russia-China trade"))]),
];

#[rustfmt::skip]
const NEGATIVE: &[&str] = &[
    "The talks were held in 2022.",
    "Relations have grown since 1996.",
    "He will visit on June 5th.",
    "The summit opened on 5 June in Beijing.",
    "The meeting began at 10:30 local time.",
    "They marked the 70th anniversary of relations.",
    "The third stage of the project began.",
    "India bought the S-400 system.",
    "The G20 summit was held in Delhi.",
    "They will attend this year’s Group of 20 summit in Hangzhou.",
    "China leads in 5G networks.",
    "The Covid-19 pandemic hit trade.",
    "Pakistan flies F-16 jets and Su-35 fighters.",
    "Reactor No. 2 was shut down.",
    "Russia is one of the largest suppliers.",
    "They planned one year ahead.",
    "The two leaders met in Moscow.",
    "The two countries signed a treaty.",
    "Both sides agreed to talk.",
    "The visit lasted two weeks.",
    "Relations go back 70 years.",
    "See page 12 for details.",
    "Article 5 of the treaty applies.",
    "The Nord Stream 2 pipeline was damaged.",
    "Boeing 737 jets were grounded.",
    "The talks, on 12/05/2023, ended.",
    "The 1990s were difficult.",
    "It happened in the first quarter.",
    "He spoke for the third time.",
    "The two met on Monday.",
    "He was a third party in the dispute.",
    "They held talks at 9am.",
    "The three presidents attended.",
    "They ranked it 3 of 10.",
    "The score was 2 to 1.",
    "Putin and Xi met in Beijing.",
    "The 2022-2023 season ended.",
    "It is one thing to talk.",
    "Resolution 2231 was adopted.",
    "The half-hour meeting ended.",
    "The plan runs three times longer.",
    "Since May 9 the parade has been held.",
    "It was a two-day visit.",
    "A 20-member delegation arrived.",
    "The meeting starts at 10 p.m. tomorrow.",
    "The talks covered the period between 2014 and 2022.",
    "China upholds the one-China policy.",
    "Two-way trade is growing.",
    "",
];

fn describe(f: &dyad_recognise::Figure) -> String {
    format!(
        "({:?}, {}, {:?}, {:?}, {:?}, {:?}, {:?})",
        f.text, f.value, f.max, f.unit, f.per, f.qualifier, f.measure
    )
}

#[test]
fn positive_cases() {
    let mut failures = Vec::new();
    for (sentence, expected) in POSITIVE {
        let got = find_quantities(sentence);
        let ok = got.len() == expected.len()
            && got.iter().zip(expected.iter()).all(|(g, e)| {
                g.text == e.0
                    && close(g.value, e.1)
                    && match (g.max, e.2) {
                        (Some(a), Some(b)) => close(a, b),
                        (None, None) => true,
                        _ => false,
                    }
                    && g.unit == e.3
                    && g.per.as_deref() == e.4
                    && g.qualifier == e.5
                    && g.measure.as_deref() == e.6
                    && sentence[g.start..g.end] == *g.text
            });
        if !ok {
            let got: Vec<String> = got.iter().map(describe).collect();
            failures.push(format!(
                "{sentence:?}\n   want {expected:?}\n   got  {got:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn negative_cases() {
    let mut failures = Vec::new();
    for sentence in NEGATIVE {
        let got = find_quantities(sentence);
        if !got.is_empty() {
            let got: Vec<String> = got.iter().map(describe).collect();
            failures.push(format!("{sentence:?}: {got:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn enough_cases() {
    assert!(POSITIVE.len() + NEGATIVE.len() >= 150);
    assert!(NEGATIVE.len() >= 25);
}

/// Every prefix and suffix of every case (cut at character boundaries) scans without a panic:
/// figures cut off at a sentence's end ("between $3 and") are the shapes real text ends in.
#[test]
fn truncated_sentences_never_panic() {
    let sentences = POSITIVE.iter().map(|c| c.0).chain(NEGATIVE.iter().copied());
    let mut scanned = 0;
    for s in sentences {
        for (i, _) in s.char_indices().chain([(s.len(), ' ')]) {
            let _ = find_quantities(&s[..i]);
            let _ = find_quantities(&s[i..]);
            scanned += 2;
        }
    }
    assert!(scanned > 1000);
}
