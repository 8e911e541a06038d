//! Table-driven tests of the plain-text classifier on short pages written for the purpose.

use crate::clean_text;

const EN_1: &str =
    "The two ministers met in the capital on Tuesday and agreed to extend the grain \
    corridor for another year, according to a statement released by the foreign ministry after \
    the talks ended late in the evening.";
const EN_2: &str = "Officials said that the deal, which had been in doubt for weeks, would allow \
    shipments to continue through the winter, and that both sides would meet again in March to \
    review how it was working.";
const EN_3: &str =
    "“We have done what we promised,” the minister told reporters. “Now it is up to \
    the companies to use the opportunity, and we expect the first ships to leave next week.”";

struct Case {
    name: &'static str,
    input: String,
    keep: &'static [&'static str],
    drop: &'static [&'static str],
}

fn page(parts: &[&str]) -> String {
    parts.join("\n\n")
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "share bar, ads and teasers after You May Also Like",
            input: page(&[
                "Share",
                "Ministers agree to extend the grain corridor",
                EN_1,
                "Advertisement",
                EN_2,
                "Talks continue",
                EN_3,
                "You May Also Like",
                "Markets",
                "Iran launched a massive attack of more than 300 missiles and drones toward \
                 Israel late Saturday, a stunning assault that put the...",
                "Editor's Pick",
                "The central bank raised its key rate by half a point on Thursday, saying that \
                 inflation had been higher than it expected for most of the year and that it \
                 was ready to do more if prices kept rising.",
                "Copyright © 2024 Example Media",
            ]),
            keep: &[
                "Ministers agree to extend",
                "agreed to extend the grain",
                "shipments to continue",
                "Talks continue",
                "We have done what we promised",
            ],
            drop: &[
                "Share\n",
                "Advertisement",
                "You May Also Like",
                "Markets",
                "Iran launched",
                "Editor's Pick",
                "central bank raised",
                "Copyright",
            ],
        },
        Case {
            name: "comment section that reads like prose",
            input: page(&[
                EN_1,
                EN_2,
                EN_3,
                "Leave a Reply",
                "Your email address will not be published. Required fields are marked *",
                "I think the ministers are right about this, and it is about time that they \
                 did something for the farmers who have been waiting for this decision since \
                 the spring, when the prices were at their lowest.",
                "This site uses Akismet to reduce spam. Learn how your comment data is processed.",
            ]),
            keep: &[
                "agreed to extend",
                "shipments to continue",
                "done what we promised",
            ],
            drop: &[
                "Leave a Reply",
                "Your email address",
                "I think the ministers",
                "Akismet",
            ],
        },
        Case {
            name: "tag cloud, newsletter pitch and cookie note",
            input: page(&[
                "We use cookies to improve your experience. By continuing you accept our cookie \
                 policy.",
                EN_1,
                EN_2,
                "Sign up for our newsletter to get the best stories in your inbox every morning.",
                "Grain Corridor Black Sea Grain Exports Ukraine Russia Turkey Grain Deal \
                 Shipping Black Sea Ports World News",
            ]),
            keep: &["agreed to extend", "shipments to continue"],
            drop: &["cookies", "newsletter", "Grain Corridor Black Sea"],
        },
        Case {
            name: "German article under a menu",
            input: page(&[
                "Startseite",
                "Politik",
                "Wirtschaft",
                "Sport",
                "Minister einigen sich auf Verlängerung des Getreidekorridors",
                "Die beiden Minister trafen sich am Dienstag in der Hauptstadt und einigten sich \
                 darauf, den Getreidekorridor um ein weiteres Jahr zu verlängern, wie das \
                 Außenministerium nach dem Ende der Gespräche mitteilte.",
                "Nach Angaben von Beamten soll die Vereinbarung, die seit Wochen in Frage stand, \
                 die Lieferungen auch im Winter ermöglichen. Beide Seiten wollen sich im März \
                 erneut treffen, um die Umsetzung zu prüfen.",
                "Impressum",
                "Datenschutz",
            ]),
            keep: &[
                "Minister einigen sich",
                "Die beiden Minister trafen",
                "Nach Angaben von Beamten",
            ],
            drop: &["Startseite", "Politik", "Impressum", "Datenschutz"],
        },
        Case {
            name: "French and Russian articles keep their paragraphs",
            input: page(&[
                "Partager",
                "Les deux ministres se sont rencontrés mardi dans la capitale et ont décidé de \
                 prolonger le corridor céréalier d'une année, selon un communiqué publié par le \
                 ministère des affaires étrangères à la fin des discussions.",
                "Selon les responsables, l'accord, qui était en doute depuis des semaines, \
                 permettra aux livraisons de continuer pendant l'hiver, et les deux parties se \
                 retrouveront en mars pour faire le point.",
            ]),
            keep: &["Les deux ministres", "Selon les responsables"],
            drop: &[],
        },
        Case {
            name: "Russian article",
            input: page(&[
                "Министры двух стран встретились во вторник в столице и договорились продлить \
                 зерновой коридор ещё на один год, говорится в заявлении министерства \
                 иностранных дел, опубликованном после окончания переговоров.",
                "По словам чиновников, соглашение, которое несколько недель было под вопросом, \
                 позволит продолжить поставки зимой, а в марте стороны снова встретятся, чтобы \
                 оценить его работу.",
                "Реклама",
            ]),
            keep: &["Министры двух стран", "По словам чиновников"],
            drop: &[],
        },
        Case {
            name: "a language without a stop-word list keeps its paragraphs",
            input: page(&[
                "Kedua menteri bertemu di ibu kota pada hari Selasa dan sepakat untuk \
                 memperpanjang koridor gandum selama satu tahun lagi, menurut pernyataan yang \
                 dirilis oleh kementerian luar negeri setelah pembicaraan berakhir.",
                "Para pejabat mengatakan bahwa kesepakatan itu, yang telah diragukan selama \
                 berminggu-minggu, akan memungkinkan pengiriman berlanjut sepanjang musim \
                 dingin, dan kedua pihak akan bertemu lagi pada bulan Maret.",
            ]),
            keep: &["Kedua menteri bertemu", "Para pejabat mengatakan"],
            drop: &[],
        },
        Case {
            name: "a short note is kept whole",
            input: "The ministers met. They agreed.".to_owned(),
            keep: &["The ministers met. They agreed."],
            drop: &[],
        },
        Case {
            name: "bullet lists and subheadings inside the article",
            input: page(&[
                EN_1,
                "What was agreed",
                "• Shipments continue through the winter;\n• Inspections move to Istanbul;\n\
                 • A review in March.",
                EN_2,
                EN_3,
            ]),
            keep: &[
                "What was agreed",
                "• Shipments continue through the winter;",
                "• Inspections move to Istanbul;",
                "• A review in March.",
            ],
            drop: &[],
        },
    ]
}

#[test]
fn classifier_table() {
    for case in cases() {
        let got = clean_text(&case.input);
        let text = format!("{}\n", got.text);
        for k in case.keep {
            assert!(text.contains(k), "{}: {k:?} kept in\n{text}", case.name);
        }
        for d in case.drop {
            assert!(
                !text.contains(d),
                "{}: {d:?} dropped from\n{text}",
                case.name
            );
        }
    }
}

#[test]
fn headline_skips_site_chrome_and_category_labels() {
    let input = page(&[
        "Connect with us",
        "Hi, what are you looking for?",
        "Latest News",
        "Trade and Energy",
        "Ministers agree to extend the grain corridor for a year",
        EN_1,
        EN_2,
    ]);
    let got = clean_text(&input);
    assert_eq!(
        got.title.as_deref(),
        Some("Ministers agree to extend the grain corridor for a year")
    );
    assert!(got
        .text
        .starts_with("Ministers agree to extend the grain corridor for a year\n\n"));
    assert!(!got.text.contains("Trade and Energy"));
}

#[test]
fn layout_is_kept() {
    let got = clean_text(&page(&["Share", EN_1, "• one item;\n• two items;", EN_2]));
    assert!(
        got.text.contains("\n\n• one item;\n• two items;\n\n"),
        "{}",
        got.text
    );
    assert!(!got.text.starts_with("Share"));
}

#[test]
fn empty_input() {
    let got = clean_text("");
    assert_eq!(got.text, "");
    assert_eq!(got.title, None);
}

/// An article sentence for texts built in tests.
const GRAIN: &str = "The agriculture ministers of the two countries signed a five-year grain \
                     supply agreement in the capital on Tuesday, officials said, ending months of \
                     talks.";

#[test]
fn trim_extracted_drops_chrome_and_cuts_the_tail() {
    let para = format!("{GRAIN} ");
    let long = para.repeat(8);
    let disclaimer = format!("Disclaimer: {}", para.repeat(8));
    let text = format!(
        "{long}\n\nShare on Facebook\n\n{para}\n\n{disclaimer}\n\n{long}\n\n{long}\n\n\
         Related articles\n\nFarmers protest over fuel prices"
    );
    let out = super::trim_extracted(&text);
    assert!(out.starts_with(long.trim()), "{out}");
    assert_eq!(out.matches("five-year grain").count(), 25, "{out}");
    assert!(!out.contains("Share on Facebook"), "{out}");
    assert!(!out.contains("Disclaimer"), "{out}");
    assert!(!out.contains("Related articles"), "{out}");
    assert!(!out.contains("Farmers protest"), "{out}");
}

#[test]
fn trim_extracted_drops_a_second_copy_but_not_repeated_lines() {
    let p = |n: usize| {
        format!(
            "Paragraph {n}: the agriculture ministers of the two countries met again on \
             Tuesday to settle prices and quotas for grain, officials said."
        )
    };
    let article = format!("Grain deal\n\n{}\n\n{}\n\n{}", p(1), p(2), p(3));
    // The same article twice (mobile and desktop layout), and a note under every table.
    let caption = "Prices are given in euros per tonne, as agreed by both ministries.";
    let text = format!(
        "{article}\n\n{caption}\n\n{}\n\n{caption}\n\n{}\n\n{article}",
        p(4),
        p(5)
    );
    let out = super::trim_extracted(&text);
    for n in 1..=5 {
        assert_eq!(out.matches(&format!("Paragraph {n}:")).count(), 1, "{out}");
    }
    assert_eq!(out.matches(caption).count(), 2, "{out}");
}

#[test]
fn placeholder_text_and_learn_more_links_go() {
    let para = GRAIN;
    let text = format!(
        "{para}\n\nLorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod \
         tempor incididunt ut labore et dolore magna aliqua.\n\nLearn more\n\n{para}"
    );
    let out = super::trim_extracted(&text);
    assert_eq!(out.matches("five-year grain").count(), 2, "{out}");
    assert!(!out.contains("Lorem"), "{out}");
    assert!(!out.contains("Learn more"), "{out}");
}

#[test]
fn a_table_of_contents_goes_and_its_headings_stay() {
    let para = |n: usize| {
        format!(
            "Part {n}: the agriculture ministers of the two countries met again on Tuesday to \
             settle prices and quotas for grain, officials said."
        )
    };
    let text = format!(
        "Table of Contents\n\n1. Prices\n\n2. Quotas\n\n3. Shipping\n\n{}\n\nPrices\n\n{}\n\n\
         Quotas\n\n{}\n\nShipping\n\n{}",
        para(0),
        para(1),
        para(2),
        para(3)
    );
    let out = super::trim_extracted(&text);
    assert!(!out.contains("Table of Contents"), "{out}");
    assert!(!out.contains("1. Prices"), "{out}");
    for h in ["Prices", "Quotas", "Shipping"] {
        assert_eq!(out.matches(&format!("\n{h}\n")).count(), 1, "{out}");
    }
    // Without a contents heading a run of repeated labels (pros and cons, specs) stays.
    let specs = "Weight\n\nColour\n\nSize\n\nWeight\n\nColour\n\nSize";
    assert_eq!(super::trim_extracted(specs).matches("Weight").count(), 2);
}

#[test]
fn true_runs_are_maximal_and_in_order() {
    let runs = |f: &[bool]| super::true_runs(f).collect::<Vec<_>>();
    assert_eq!(runs(&[]), vec![]);
    assert_eq!(runs(&[false, false]), vec![]);
    assert_eq!(
        runs(&[true, true, false, true, false, false, true]),
        vec![(0, 2), (3, 4), (6, 7)]
    );
}

#[test]
fn trim_extracted_drops_captions_ending_in_a_photo_credit() {
    let long = format!("{GRAIN} ").repeat(6);
    let text = format!(
        "{long}\n\nThe ministers shake hands after the signing. Credit: Anna Berg\n\n\
         Grain silos outside the port. | Photo by Lee Park\n\n{long}\n\n\
         The harbour at dawn (Photo: Getty Images)\n\n\
         A barge on the river. Photo by: 'Sam Roe'.\n\n\
         Farmers were offered credit by the state bank, officials said.\n\n\
         Photography has changed how the ministry reports its harvests.\n\n{long}"
    );
    let out = super::trim_extracted(&text);
    assert!(!out.contains("Anna Berg"), "{out}");
    assert!(!out.contains("Lee Park"), "{out}");
    assert!(!out.contains("Getty"), "{out}");
    assert!(!out.contains("Sam Roe"), "{out}");
    // Sentences that mention credit or photos stay.
    assert!(out.contains("offered credit by the state bank"), "{out}");
    assert!(out.contains("Photography has changed"), "{out}");
    assert_eq!(out.matches("five-year grain").count(), 18, "{out}");
}

#[test]
fn trim_extracted_drops_a_byline_above_the_body_only() {
    let long = format!("{GRAIN} ").repeat(6);
    let text = format!(
        "Grain deal signed\n\nBy Anna Berg December 2, 2025\n\n{long}\n\n\
         By region\n\n{long}\n\nBy the end of the week, ministers had agreed.\n\n{long}"
    );
    let out = super::trim_extracted(&text);
    assert!(!out.contains("Anna Berg"), "{out}");
    assert!(out.starts_with("Grain deal signed"), "{out}");
    // Further down the same shape is a section heading, and a sentence is prose.
    assert!(out.contains("By region"), "{out}");
    assert!(out.contains("By the end of the week"), "{out}");
}

#[test]
fn trim_extracted_drops_engagement_counts() {
    let long = format!("{GRAIN} ").repeat(6);
    let text = format!("139 shares\n\n{long}\n\n3.0K Shares\n\n{long}\n\n2comments\n\n{long}\n\n12 views on the deal");
    let out = super::trim_extracted(&text);
    assert!(!out.contains("139"), "{out}");
    assert!(!out.contains("3.0K"), "{out}");
    assert!(!out.contains("2comments"), "{out}");
    assert!(out.contains("12 views on the deal"), "{out}");
}

#[test]
fn trim_extracted_drops_a_contents_heading_left_alone() {
    let long = format!("{GRAIN} ").repeat(6);
    let text = format!("Table of Contents\n\n{long}\n\nWhat the deal means\n\n{long}");
    let out = super::trim_extracted(&text);
    assert!(!out.contains("Table of Contents"), "{out}");
    assert!(out.contains("What the deal means"), "{out}");
    assert_eq!(out.matches("five-year grain").count(), 12, "{out}");
}

#[test]
fn trim_extracted_drops_editorial_stamps() {
    let long = format!("{GRAIN} ").repeat(6);
    let text = format!(
        "Last updated on September 16th, 2023\n\n{long}\n\nFact checked by Lee Park\n\n{long}\n\n\
         Updated one-year figures follow in the annex.\n\n{long}"
    );
    let out = super::trim_extracted(&text);
    assert!(!out.contains("Last updated"), "{out}");
    assert!(!out.contains("Lee Park"), "{out}");
    // "Updated" opening a sentence is prose.
    assert!(out.contains("Updated one-year figures"), "{out}");
}

#[test]
fn trim_extracted_drops_shop_buttons_and_author_labels() {
    let long = format!("{GRAIN} ").repeat(6);
    let text = format!(
        "{long}\n\nCheck Price at Amazon\n\n{long}\n\nAuthor\n\nFollow me\n\n\
         View author page\n\n{long}"
    );
    let out = super::trim_extracted(&text);
    assert!(!out.contains("Check Price"), "{out}");
    assert!(!out.contains("Author"), "{out}");
    assert!(!out.contains("author page"), "{out}");
    assert!(!out.contains("Follow"), "{out}");
    assert_eq!(out.matches("five-year grain").count(), 18, "{out}");
}

#[test]
fn trim_extracted_drops_agency_credits_but_not_headlines_naming_them() {
    let long = format!("{GRAIN} ").repeat(6);
    let text = format!(
        "{long}\n\nGetty Images / Tamsin Orrell\n\n{long}\n\nBrightLens/Getty Images\n\n{long}\n\n\
         Reuters wins grain reporting award\n\n{long}"
    );
    let out = super::trim_extracted(&text);
    assert!(!out.contains("Tamsin Orrell"), "{out}");
    assert!(!out.contains("BrightLens"), "{out}");
    assert!(out.contains("Reuters wins grain reporting award"), "{out}");
}

#[test]
fn trim_extracted_drops_an_author_bio_in_the_tail_only() {
    let long = format!("{GRAIN} ").repeat(6);
    let lead = "Anna Berg is a freelance writer covering farm trade, quoted in the talks.";
    let bio = "Lee Park is a veteran agriculture reporter who has covered grain markets for \
               a decade.";
    let product = "Graincheck is a handy price tracker that many traders use.";
    let text = format!("{lead}\n\n{long}\n\n{long}\n\n{long}\n\n{long}\n\n{product}\n\n{bio}");
    let out = super::trim_extracted(&text);
    assert!(!out.contains("Lee Park"), "{out}");
    // The same shape early on is article text, and a product is no author.
    assert!(out.contains("Anna Berg"), "{out}");
    assert!(out.contains("Graincheck"), "{out}");
}

#[test]
fn trim_extracted_drops_image_source_lines() {
    let long = format!("{GRAIN} ").repeat(6);
    let text = format!(
        "{long}\n\nImage provided by the ministry.\n\n{long}\n\nPhoto courtesy Lee Park\n\n{long}"
    );
    let out = super::trim_extracted(&text);
    assert!(!out.contains("Image provided"), "{out}");
    assert!(!out.contains("Photo courtesy"), "{out}");
    assert_eq!(out.matches("five-year grain").count(), 18, "{out}");
}
