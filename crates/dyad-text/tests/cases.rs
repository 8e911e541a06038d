//! Table-driven sentence-splitting cases, invariants, a generated-input loop and the seed
//! articles (invariants only; their text is not ours to copy into tests).
#![allow(clippy::unwrap_used)]

use dyad_core::Span;
use dyad_text::{default_splitter, Splitter, TableError};

/// (input, expected sentences). Inputs are written for these tests in news style.
const CASES: &[(&str, &[&str])] = &[
    // --- Basics ---
    ("", &[]),
    ("   \t  ", &[]),
    ("\n\n\n", &[]),
    ("Talks resumed on Monday.", &["Talks resumed on Monday."]),
    (
        "Talks resumed on Monday. Both sides called them useful.",
        &["Talks resumed on Monday.", "Both sides called them useful."],
    ),
    (
        "  Leading and trailing spaces are trimmed.   ",
        &["Leading and trailing spaces are trimmed."],
    ),
    (
        "One.  Two.   Three.",
        &["One.", "Two.", "Three."],
    ),
    (
        "The ministry declined to comment",
        &["The ministry declined to comment"],
    ),
    // --- Lines, headlines, blank lines ---
    (
        "Moscow and Beijing sign energy pact\nThe deal covers gas and oil.",
        &["Moscow and Beijing sign energy pact", "The deal covers gas and oil."],
    ),
    (
        "First paragraph ends here.\n\n\nSecond paragraph starts here.",
        &["First paragraph ends here.", "Second paragraph starts here."],
    ),
    (
        "A line without a stop\nanother line in lower case",
        &["A line without a stop", "another line in lower case"],
    ),
    (
        "Windows line endings.\r\nStill split.\r\n",
        &["Windows line endings.", "Still split."],
    ),
    (
        "Old Mac line endings.\rStill split.",
        &["Old Mac line endings.", "Still split."],
    ),
    (
        "The talks ended with Mr.\nPutin left early.",
        &["The talks ended with Mr.", "Putin left early."],
    ),
    (
        "Separator\u{2028}line breaks too\u{2029}and paragraphs",
        &["Separator", "line breaks too", "and paragraphs"],
    ),
    (
        "   \n  Indented line.  \n",
        &["Indented line."],
    ),
    // --- Bullets ---
    (
        "• Trade rose 5 percent\n• Exports fell",
        &["Trade rose 5 percent", "Exports fell"],
    ),
    (
        "- First item.\n- Second item.",
        &["First item.", "Second item."],
    ),
    (
        "* Starred item\n– En dash item\n— Em dash item",
        &["Starred item", "En dash item", "Em dash item"],
    ),
    (
        "▪ Square bullet\n‣ Triangle bullet\n◦ White bullet\n● Black circle\n· Middle dot",
        &["Square bullet", "Triangle bullet", "White bullet", "Black circle", "Middle dot"],
    ),
    (
        "•No space after the bullet.",
        &["No space after the bullet."],
    ),
    (
        "-5 degrees was the low.",
        &["-5 degrees was the low."],
    ),
    (
        "  •   Indented bullet. It has two sentences.",
        &["Indented bullet.", "It has two sentences."],
    ),
    (
        "•\n- \n*",
        &["*"],
    ),
    (
        "The rate is 3 - 4 percent. Rates - not prices - rose.",
        &["The rate is 3 - 4 percent.", "Rates - not prices - rose."],
    ),
    // --- Numbered list prefixes ---
    (
        "1. The first point is cost.\n2. The second is time.",
        &["1. The first point is cost.", "2. The second is time."],
    ),
    (
        "12. Sanctions remain in force.",
        &["12. Sanctions remain in force."],
    ),
    (
        "A. Background\nB. Findings",
        &["A. Background", "B. Findings"],
    ),
    (
        "IV. Conclusions follow.",
        &["IV. Conclusions follow."],
    ),
    (
        "He listed two reasons. 1. The cost was high.",
        &["He listed two reasons.", "1. The cost was high."],
    ),
    // --- Titles ---
    (
        "Mr. Putin arrived in Beijing on Tuesday.",
        &["Mr. Putin arrived in Beijing on Tuesday."],
    ),
    (
        "Talks between Mrs. May and Ms. Sturgeon ended.",
        &["Talks between Mrs. May and Ms. Sturgeon ended."],
    ),
    (
        "Dr. Li and Prof. Ivanova presented the study. It was well received.",
        &["Dr. Li and Prof. Ivanova presented the study.", "It was well received."],
    ),
    (
        "Gen. Gerasimov met Lt. Col. Smith and Maj. Brown.",
        &["Gen. Gerasimov met Lt. Col. Smith and Maj. Brown."],
    ),
    (
        "Capt. Ortiz, Sgt. Kim and Adm. Nakamura were present.",
        &["Capt. Ortiz, Sgt. Kim and Adm. Nakamura were present."],
    ),
    (
        "Cmdr. Lee briefed Sen. Warner and Rep. Jones.",
        &["Cmdr. Lee briefed Sen. Warner and Rep. Jones."],
    ),
    (
        "Gov. Newsom and Pres. Macron spoke by phone.",
        &["Gov. Newsom and Pres. Macron spoke by phone."],
    ),
    (
        "The Rev. Thomas and the Hon. Judge Patel attended.",
        &["The Rev. Thomas and the Hon. Judge Patel attended."],
    ),
    (
        "Amb. Nebenzia and Sec. Blinken disagreed.",
        &["Amb. Nebenzia and Sec. Blinken disagreed."],
    ),
    (
        "Supt. Grant and Insp. Novak led the inquiry.",
        &["Supt. Grant and Insp. Novak led the inquiry."],
    ),
    (
        "Brig. Gen. Okafor commanded the unit.",
        &["Brig. Gen. Okafor commanded the unit."],
    ),
    (
        "Fr. Kowalski blessed the crowd.",
        &["Fr. Kowalski blessed the crowd."],
    ),
    (
        "MR. PUTIN SAID NOTHING. THE TALKS ENDED.",
        &["MR. PUTIN SAID NOTHING.", "THE TALKS ENDED."],
    ),
    (
        "The former ex-Gen. Petrov spoke.",
        &["The former ex-Gen. Petrov spoke."],
    ),
    (
        "(Dr. Chen declined to comment.) The lab closed.",
        &["(Dr. Chen declined to comment.)", "The lab closed."],
    ),
    // --- Saint, suffixes ---
    (
        "The forum was held in St. Petersburg last week.",
        &["The forum was held in St. Petersburg last week."],
    ),
    (
        "He lives on Main St. The house is old.",
        &["He lives on Main St.", "The house is old."],
    ),
    (
        "A speech by Martin Luther King Jr. He spoke of dreams.",
        &["A speech by Martin Luther King Jr.", "He spoke of dreams."],
    ),
    (
        "Robert Smith Jr. Named to the board last year, he resigned.",
        &["Robert Smith Jr. Named to the board last year, he resigned."],
    ),
    (
        "John Smith Sr. and his son attended.",
        &["John Smith Sr. and his son attended."],
    ),
    // --- Numbers after abbreviations ---
    (
        "He is the No. 2 official in the ministry.",
        &["He is the No. 2 official in the ministry."],
    ),
    (
        "Resolutions Nos. 3 and 4 passed.",
        &["Resolutions Nos. 3 and 4 passed."],
    ),
    (
        "Under Art. 5 of the treaty, allies must respond.",
        &["Under Art. 5 of the treaty, allies must respond."],
    ),
    (
        "See Vol. 2, pp. 12-15 and p. 4 of the report.",
        &["See Vol. 2, pp. 12-15 and p. 4 of the report."],
    ),
    (
        "The chart in Fig. 3 and the text of Ch. 7 differ.",
        &["The chart in Fig. 3 and the text of Ch. 7 differ."],
    ),
    (
        "Sec. 4 and Para. 3 set the limits.",
        &["Sec. 4 and Para. 3 set the limits."],
    ),
    (
        "Was the answer yes? The answer was No. The vote failed.",
        &["Was the answer yes?", "The answer was No.", "The vote failed."],
    ),
    (
        "The law, in Vol. II of the code, applies.",
        &["The law, in Vol. II of the code, applies."],
    ),
    (
        "He said No. I asked again.",
        &["He said No.", "I asked again."],
    ),
    (
        "Prices rose to Rs. 500 per unit.",
        &["Prices rose to Rs. 500 per unit."],
    ),
    // --- Months ---
    (
        "The summit opens Jan. 5 in Geneva.",
        &["The summit opens Jan. 5 in Geneva."],
    ),
    (
        "Talks on Feb. 10 and Aug. 21 failed.",
        &["Talks on Feb. 10 and Aug. 21 failed."],
    ),
    (
        "Since Sept. 3 and until Oct. 1, flights stopped.",
        &["Since Sept. 3 and until Oct. 1, flights stopped."],
    ),
    (
        "The vote on Nov. 7 and the holiday on Dec. 25 were moved.",
        &["The vote on Nov. 7 and the holiday on Dec. 25 were moved."],
    ),
    (
        "The deadline is Sept. 30. The ministry agreed.",
        &["The deadline is Sept. 30.", "The ministry agreed."],
    ),
    (
        "ON JAN. 5 THE TALKS BEGAN.",
        &["ON JAN. 5 THE TALKS BEGAN."],
    ),
    // --- Dotted acronyms ---
    (
        "He lives in the U.S. The president said nothing.",
        &["He lives in the U.S.", "The president said nothing."],
    ),
    (
        "The U.S. President said talks would go on.",
        &["The U.S. President said talks would go on."],
    ),
    (
        "Relations with the U.K. remain tense.",
        &["Relations with the U.K. remain tense."],
    ),
    (
        "The U.N. Security Council met. It adopted a text.",
        &["The U.N. Security Council met.", "It adopted a text."],
    ),
    (
        "Ties with the E.U. But trade with Asia grew.",
        &["Ties with the E.U.", "But trade with Asia grew."],
    ),
    (
        "The U.S.S.R. collapsed in 1991.",
        &["The U.S.S.R. collapsed in 1991."],
    ),
    (
        "Oil went to the U.S. However, gas went to Europe.",
        &["Oil went to the U.S.", "However, gas went to Europe."],
    ),
    (
        "He moved to Washington, D.C. Meanwhile, his family stayed.",
        &["He moved to Washington, D.C.", "Meanwhile, his family stayed."],
    ),
    (
        "Exports to the U.S. Russia said would fall.",
        &["Exports to the U.S. Russia said would fall."],
    ),
    (
        "The U.S. 7th Fleet sailed on.",
        &["The U.S. 7th Fleet sailed on."],
    ),
    (
        "She holds a Ph.D. The thesis was on trade.",
        &["She holds a Ph.D.", "The thesis was on trade."],
    ),
    (
        "Anti-U.S. Protests spread.",
        &["Anti-U.S. Protests spread."],
    ),
    (
        "They met in the U.A.E. They signed a deal.",
        &["They met in the U.A.E.", "They signed a deal."],
    ),
    (
        "It's the U.S. It's not Russia.",
        &["It's the U.S.", "It's not Russia."],
    ),
    (
        "The plant is in Kenosha, Wis. The union objected.",
        &["The plant is in Kenosha, Wis.", "The union objected."],
    ),
    (
        "Sen. Feinstein (D-Calif.) Senator Cruz (R-Tex.) and others voted.",
        &["Sen. Feinstein (D-Calif.) Senator Cruz (R-Tex.) and others voted."],
    ),
    (
        "Wm. Wrigley Jr. Co. said sales rose.",
        &["Wm. Wrigley Jr. Co. said sales rose."],
    ),
    (
        "“I grew up in the U.S.” Russia was far away, he said.",
        &["“I grew up in the U.S.”", "Russia was far away, he said."],
    ),
    // --- Lowercase abbreviations ---
    (
        "The meeting starts at 9 a.m. and ends at 5 p.m. on Friday.",
        &["The meeting starts at 9 a.m. and ends at 5 p.m. on Friday."],
    ),
    (
        "The blast occurred at 5 p.m. Police said two people died.",
        &["The blast occurred at 5 p.m. Police said two people died."],
    ),
    (
        "The blast occurred at 5 p.m. The police said two people died.",
        &["The blast occurred at 5 p.m.", "The police said two people died."],
    ),
    (
        "Trading opens at 10a.m. Moscow time.",
        &["Trading opens at 10a.m. Moscow time."],
    ),
    (
        "Energy deals, e.g. Power of Siberia, were signed.",
        &["Energy deals, e.g. Power of Siberia, were signed."],
    ),
    (
        "The bloc, i.e. Russia and its allies, objected.",
        &["The bloc, i.e. Russia and its allies, objected."],
    ),
    (
        "They discussed oil, gas, grain etc. The list was long.",
        &["They discussed oil, gas, grain etc.", "The list was long."],
    ),
    (
        "They discussed oil, gas, grain, etc. and little else.",
        &["They discussed oil, gas, grain, etc. and little else."],
    ),
    (
        "The case Smith vs. Jones ended. Russia vs. Ukraine did not.",
        &["The case Smith vs. Jones ended.", "Russia vs. Ukraine did not."],
    ),
    (
        "The plant makes approx. 40 million tons a year.",
        &["The plant makes approx. 40 million tons a year."],
    ),
    (
        "See Smith et al. for details.",
        &["See Smith et al. for details."],
    ),
    // --- Company suffixes ---
    (
        "Apple Inc. Chief Executive Tim Cook visited.",
        &["Apple Inc. Chief Executive Tim Cook visited."],
    ),
    (
        "He joined Acme Corp. The firm makes tools.",
        &["He joined Acme Corp.", "The firm makes tools."],
    ),
    (
        "Shares of Gazprom Neft Ltd. fell while Rosneft Co. rose.",
        &["Shares of Gazprom Neft Ltd. fell while Rosneft Co. rose."],
    ),
    (
        "Warner Bros. Discovery cut jobs.",
        &["Warner Bros. Discovery cut jobs."],
    ),
    (
        "The bank is Barclays plc. Its shares fell.",
        &["The bank is Barclays plc.", "Its shares fell."],
    ),
    (
        "Sales at Acme Inc. said to be weak.",
        &["Sales at Acme Inc. said to be weak."],
    ),
    // --- Decimals, money, URLs, e-mail ---
    (
        "Trade reached $3.4 billion, up 1.6% on the year.",
        &["Trade reached $3.4 billion, up 1.6% on the year."],
    ),
    (
        "Growth was 3.4 percent. Inflation was 29.9 percent.",
        &["Growth was 3.4 percent.", "Inflation was 29.9 percent."],
    ),
    (
        "Version v2.0 replaced 10.5.3 at 12.30 local time.",
        &["Version v2.0 replaced 10.5.3 at 12.30 local time."],
    ),
    (
        "Read more on cnn.com or www.example.org/a.b today.",
        &["Read more on cnn.com or www.example.org/a.b today."],
    ),
    (
        "Write to a.b@c.com for details. Replies take a day.",
        &["Write to a.b@c.com for details.", "Replies take a day."],
    ),
    (
        "Details are on example.org. Russia did not comment.",
        &["Details are on example.org.", "Russia did not comment."],
    ),
    (
        "Trade rose to $108.5 bn. The target is $200 bn.",
        &["Trade rose to $108.5 bn.", "The target is $200 bn."],
    ),
    (
        "It cost $5. $10 was the asking price.",
        &["It cost $5.", "$10 was the asking price."],
    ),
    (
        "The index fell 0.5%. Bonds rallied.",
        &["The index fell 0.5%.", "Bonds rallied."],
    ),
    (
        "Pi is about 3.14159 and e is about 2.718.",
        &["Pi is about 3.14159 and e is about 2.718."],
    ),
    // --- Initials ---
    (
        "George W. Bush met Vladimir Putin in 2001.",
        &["George W. Bush met Vladimir Putin in 2001."],
    ),
    (
        "J. R. R. Tolkien wrote the book.",
        &["J. R. R. Tolkien wrote the book."],
    ),
    (
        "F. Scott Fitzgerald wrote it. J.K. Rowling did not.",
        &["F. Scott Fitzgerald wrote it.", "J.K. Rowling did not."],
    ),
    (
        "They chose plan B. Russia agreed.",
        &["They chose plan B. Russia agreed."],
    ),
    (
        "They chose plan B. Then Russia agreed.",
        &["They chose plan B.", "Then Russia agreed."],
    ),
    (
        "Malcolm X. He changed his name.",
        &["Malcolm X.", "He changed his name."],
    ),
    (
        "It was World War I. The war ended in 1918.",
        &["It was World War I.", "The war ended in 1918."],
    ),
    (
        "Henry VIII. He had six wives.",
        &["Henry VIII.", "He had six wives."],
    ),
    (
        "The A-10 jet and the U.S. A-10 fleet.",
        &["The A-10 jet and the U.S. A-10 fleet."],
    ),
    // --- Quotes ---
    (
        "He said: “Russia is open.” Then he left.",
        &["He said: “Russia is open.”", "Then he left."],
    ),
    (
        "“It is not enough”, Mr. Putin told reporters.",
        &["“It is not enough”, Mr. Putin told reporters."],
    ),
    (
        "“It is not enough.”, he added.",
        &["“It is not enough.”, he added."],
    ),
    (
        "He spoke of the war in Ukraine.” The talks ended.",
        &["He spoke of the war in Ukraine.”", "The talks ended."],
    ),
    (
        "He said \"We will respond.\" The ministry agreed.",
        &["He said \"We will respond.\"", "The ministry agreed."],
    ),
    (
        "She called it 'a mistake.' Others disagreed.",
        &["She called it 'a mistake.'", "Others disagreed."],
    ),
    (
        "He said ‘never.’ Then he left.",
        &["He said ‘never.’", "Then he left."],
    ),
    (
        "«Russia is ready.» The Kremlin confirmed.",
        &["«Russia is ready.»", "The Kremlin confirmed."],
    ),
    (
        "The minister left. “We will return,” he said.",
        &["The minister left.", "“We will return,” he said."],
    ),
    (
        "The minister left. \"We will return,\" he said.",
        &["The minister left.", "\"We will return,\" he said."],
    ),
    (
        "He called it “the U.S. problem.” The aide nodded.",
        &["He called it “the U.S. problem.”", "The aide nodded."],
    ),
    (
        "He said “fine.” he then left.",
        &["He said “fine.” he then left."],
    ),
    (
        "\"Why?\" he asked. \"Because,\" she said.",
        &["\"Why?\" he asked.", "\"Because,\" she said."],
    ),
    (
        "He cited the “Mr.” title.",
        &["He cited the “Mr.” title."],
    ),
    // --- Brackets ---
    (
        "Costs rose. (See below.) Next, prices fell.",
        &["Costs rose.", "(See below.)", "Next, prices fell."],
    ),
    (
        "Revenue grew (approx.) in line with forecasts.",
        &["Revenue grew (approx.) in line with forecasts."],
    ),
    (
        "The talks stalled [officials said.] Then they resumed.",
        &["The talks stalled [officials said.]", "Then they resumed."],
    ),
    (
        "The ruble fell. (The central bank intervened.)",
        &["The ruble fell.", "(The central bank intervened.)"],
    ),
    // --- Question and exclamation marks ---
    (
        "Will talks resume? Officials would not say.",
        &["Will talks resume?", "Officials would not say."],
    ),
    (
        "Yahoo! said it would cut jobs.",
        &["Yahoo! said it would cut jobs."],
    ),
    (
        "What now?! Nobody knows!! The end.",
        &["What now?!", "Nobody knows!!", "The end."],
    ),
    (
        "Really?? 2024 will tell.",
        &["Really??", "2024 will tell."],
    ),
    (
        "Is it over? “No,” he said.",
        &["Is it over?", "“No,” he said."],
    ),
    (
        "Is it over? (Not yet.)",
        &["Is it over?", "(Not yet.)"],
    ),
    (
        "Stop! now, he said.",
        &["Stop! now, he said."],
    ),
    (
        "Why? Почему? Because.",
        &["Why?", "Почему?", "Because."],
    ),
    // --- Ellipses ---
    (
        "He paused... Then he went on.",
        &["He paused...", "Then he went on."],
    ),
    (
        "He paused… Then he went on.",
        &["He paused…", "Then he went on."],
    ),
    (
        "It was not only <…> but also a matter of trust.",
        &["It was not only <…> but also a matter of trust."],
    ),
    (
        "We will... cooperate, he said.",
        &["We will... cooperate, he said."],
    ),
    (
        "The treaty [...] Russia will honour it.",
        &["The treaty [...] Russia will honour it."],
    ),
    (
        "We agreed ... Russia will supply gas.",
        &["We agreed ... Russia will supply gas."],
    ),
    (
        "We agreed ... The rest is secret.",
        &["We agreed ...", "The rest is secret."],
    ),
    (
        "…and so it ended.",
        &["…and so it ended."],
    ),
    (
        "Wait.......... What happened?",
        &["Wait..........", "What happened?"],
    ),
    (
        ". . . and then silence.",
        &[". . . and then silence."],
    ),
    // --- Lowercase continuation ---
    (
        "The deal is worth 3 bln. rubles over ten years.",
        &["The deal is worth 3 bln. rubles over ten years."],
    ),
    (
        "They met in Jan. and again in March.",
        &["They met in Jan. and again in March."],
    ),
    // --- Unicode whitespace ---
    (
        "Putin spoke.\u{a0}“Russia remains open,” he said.",
        &["Putin spoke.", "“Russia remains open,” he said."],
    ),
    (
        "Talks ended.\u{2009}The delegates left.\u{202f}Nobody spoke.",
        &["Talks ended.", "The delegates left.", "Nobody spoke."],
    ),
    (
        "\u{a0}\u{3000}Wide spaces around.\u{3000}\u{a0}",
        &["Wide spaces around."],
    ),
    (
        "\u{feff}A byte-order mark starts this line.",
        &["A byte-order mark starts this line."],
    ),
    (
        "Zero width.\u{200b}Next sentence.",
        &["Zero width.", "Next sentence."],
    ),
    // --- Sentence starts: digits, quotes, non-Latin ---
    (
        "The treaty was signed in 1949. 2019 marks 70 years.",
        &["The treaty was signed in 1949.", "2019 marks 70 years."],
    ),
    (
        "The visit was brief. Россия и Китай подписали соглашение.",
        &["The visit was brief.", "Россия и Китай подписали соглашение."],
    ),
    (
        "Athens responded. Η κυβέρνηση διαφωνεί.",
        &["Athens responded.", "Η κυβέρνηση διαφωνεί."],
    ),
    (
        "The text was in Chinese. 中国和俄罗斯签署了协议。",
        &["The text was in Chinese.", "中国和俄罗斯签署了协议。"],
    ),
    (
        "中国和俄罗斯签署了协议。双方同意合作！会谈何时继续？",
        &["中国和俄罗斯签署了协议。", "双方同意合作！", "会谈何时继续？"],
    ),
    (
        "“好。”他说。",
        &["“好。”", "他说。"],
    ),
    (
        "The talks ended. ¿Qué pasará? Nadie sabe.",
        &["The talks ended.", "¿Qué pasará?", "Nadie sabe."],
    ),
    // --- Ordinals and numbers at the end ---
    (
        "The vote was held on June 5. The next day, talks began.",
        &["The vote was held on June 5.", "The next day, talks began."],
    ),
    (
        "The court ruled 5-4. Both sides appealed.",
        &["The court ruled 5-4.", "Both sides appealed."],
    ),
    (
        "It was the 1990s. Oil was cheap.",
        &["It was the 1990s.", "Oil was cheap."],
    ),
    // --- Colons, semicolons, dashes ---
    (
        "He said: Russia is ready; China agreed — and talks went on.",
        &["He said: Russia is ready; China agreed — and talks went on."],
    ),
    (
        "The deal – worth billions – was signed.",
        &["The deal – worth billions – was signed."],
    ),
    (
        "Talks ended. — Reuters",
        &["Talks ended. — Reuters"],
    ),
    // --- Mixed paragraphs ---
    (
        "Mr. Xi met Mr. Putin on Jan. 5. They signed No. 3 of the 30 deals. Trade hit $108.5 bn. in 2019.",
        &[
            "Mr. Xi met Mr. Putin on Jan. 5.",
            "They signed No. 3 of the 30 deals.",
            "Trade hit $108.5 bn. in 2019.",
        ],
    ),
    (
        "Headline: Russia, China deepen ties\n\n• Deals signed: 30\n• Trade: $108 bn\n\nThe U.S. Treasury said on Friday that it was watching. It did not elaborate.",
        &[
            "Headline: Russia, China deepen ties",
            "Deals signed: 30",
            "Trade: $108 bn",
            "The U.S. Treasury said on Friday that it was watching.",
            "It did not elaborate.",
        ],
    ),
    (
        "Dr. A. Ivanov of St. Petersburg State Univ. said at 3 p.m. on Sept. 3 that No. 2 reactor was safe. He added that U.S. and E.U. monitors agreed.",
        &[
            "Dr. A. Ivanov of St. Petersburg State Univ. said at 3 p.m. on Sept. 3 that No. 2 reactor was safe.",
            "He added that U.S. and E.U. monitors agreed.",
        ],
    ),
    // --- Odd punctuation ---
    ("...", &["..."]),
    ("!!!", &["!!!"]),
    ("? The", &["? The"]),
    (".\n.\n.", &[".", ".", "."]),
    ("A.B.C.", &["A.B.C."]),
    ("word . Next word", &["word .", "Next word"]),
    ("Hello.World", &["Hello.World"]),
    ("End.\"", &["End.\""]),
];

fn texts<'a>(text: &'a str, spans: &[Span]) -> Vec<&'a str> {
    spans.iter().map(|s| &text[s.start..s.end]).collect()
}

#[test]
fn table_cases() {
    assert!(CASES.len() >= 120, "only {} cases", CASES.len());
    let splitter = Splitter::new();
    let mut failures = Vec::new();
    for (input, expected) in CASES {
        let spans = splitter.split(input);
        check_invariants(input, &spans);
        let got = texts(input, &spans);
        if got != *expected {
            failures.push(format!(
                "input:    {input:?}\nexpected: {expected:?}\ngot:      {got:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n\n")
    );
}

/// Unicode whitespace as the splitter sees it.
fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}')
}

fn check_invariants(text: &str, spans: &[Span]) {
    let mut last_end = 0;
    for span in spans {
        assert!(span.start < span.end, "empty span {span:?} in {text:?}");
        assert!(
            span.start >= last_end,
            "overlap or disorder at {span:?} in {text:?}"
        );
        assert!(
            span.end <= text.len(),
            "span {span:?} past the end of {text:?}"
        );
        assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "span {span:?} not on char boundaries in {text:?}"
        );
        let s = &text[span.start..span.end];
        assert!(!s.starts_with(is_space), "leading space in {s:?}");
        assert!(!s.ends_with(is_space), "trailing space in {s:?}");
        assert!(
            !s.contains(['\n', '\r', '\u{2028}', '\u{2029}', '\u{85}']),
            "line break inside {s:?}"
        );
        last_end = span.end;
    }
}

#[test]
fn sentences_are_numbered_and_match_spans() {
    let s = Splitter::new();
    let text = "One. Two. Three.";
    let sentences = s.sentences(text);
    assert_eq!(sentences.len(), 3);
    for (i, sentence) in sentences.iter().enumerate() {
        assert_eq!(sentence.index as usize, i);
    }
    assert_eq!(sentences[1].text(text), "Two.");
    assert_eq!(
        sentences.iter().map(|s| s.span).collect::<Vec<_>>(),
        s.split(text)
    );
}

#[test]
fn split_into_clears_and_reuses_the_buffer() {
    let s = default_splitter();
    let mut out = Vec::with_capacity(16);
    s.split_into("A first text. With two sentences.", &mut out);
    assert_eq!(out.len(), 2);
    let capacity = out.capacity();
    s.split_into("Only one here.", &mut out);
    assert_eq!(out, vec![Span { start: 0, end: 14 }]);
    assert_eq!(out.capacity(), capacity);
    s.split_into("", &mut out);
    assert!(out.is_empty());
}

#[test]
fn default_and_new_agree() {
    let text = "Mr. Putin met Gen. Li in the U.S. The talks ended.";
    assert_eq!(
        Splitter::default().split(text),
        default_splitter().split(text)
    );
    assert_eq!(default_splitter().split(text).len(), 2);
}

#[test]
fn custom_tables_replace_the_builtin_ones() {
    let tables = "# custom\ntitle Herr\nacronym z.B.\nopener Die Er\n";
    let s = Splitter::from_tables(tables).unwrap();
    let text = "Herr. Schmidt kam. Mr. Smith ging. Das war z.B. Die Regel.";
    assert_eq!(
        texts(text, &s.split(text)),
        vec![
            "Herr. Schmidt kam.",
            "Mr.",
            "Smith ging.",
            "Das war z.B.",
            "Die Regel."
        ]
    );
    // No tables at all: every word's period before a capital splits; initials never do.
    let bare = Splitter::from_tables("").unwrap();
    let text = "Mr. Smith met George W. Bush.";
    assert_eq!(
        texts(text, &bare.split(text)),
        vec!["Mr.", "Smith met George W. Bush."]
    );
}

#[test]
fn table_errors_name_the_line() {
    let err = Splitter::from_tables("title Mr\n\n# c\nnoun Cat\n").unwrap_err();
    assert_eq!(err.line(), 4);
    assert!(matches!(err, TableError::UnknownCategory { .. }));
    assert!(
        err.to_string()
            .starts_with("line 4: unknown category `noun`"),
        "{err}"
    );

    let err = Splitter::from_tables("title Mr\nopener\n").unwrap_err();
    assert!(
        matches!(err, TableError::NoEntries { line: 2, .. }),
        "{err:?}"
    );

    let err = Splitter::from_tables("opener It's\n").unwrap_err();
    assert!(
        matches!(err, TableError::BadEntry { line: 1, .. }),
        "{err:?}"
    );

    let err = Splitter::from_tables("title .\n").unwrap_err();
    assert!(
        matches!(err, TableError::BadEntry { line: 1, .. }),
        "{err:?}"
    );

    let long = format!("acronym {}\n", "x".repeat(40));
    let err = Splitter::from_tables(&long).unwrap_err();
    assert!(
        matches!(err, TableError::BadEntry { line: 1, .. }),
        "{err:?}"
    );

    let err = Splitter::from_tables("title Sec\nnumber Vol\nnumber Sec.\n").unwrap_err();
    assert_eq!(
        err,
        TableError::Conflict {
            line: 3,
            entry: "Sec.".to_owned(),
            previous: "title",
            previous_line: 1
        }
    );
    assert!(err.to_string().contains("line 3"), "{err}");

    // Duplicates in one category are harmless.
    assert!(Splitter::from_tables("title Mr Mr.\ntitle Mr\n").is_ok());
}

#[test]
fn odd_inputs_keep_the_invariants() {
    let s = Splitter::new();
    let dots = ".".repeat(100_000);
    let dots_words = "a. ".repeat(20_000);
    let long_token = format!("{}. The end.", "x".repeat(10_000));
    let long_dotted = "a.".repeat(50_000);
    let opens = format!("End. {}The", "(".repeat(1000));
    let inputs: Vec<&str> = vec![
        "",
        " ",
        "\u{a0}\u{2009}\u{202f}\u{3000}",
        "\n\r\n\u{2028}\u{2029}\u{85}\u{0b}\u{0c}",
        ".",
        "?",
        "!",
        "…",
        "。",
        "\"",
        "”",
        "(",
        ")",
        "•",
        "-",
        "- ",
        "* * *",
        "1.",
        "A.",
        ". A",
        "?! ?! ?!",
        "Mr.",
        "Mr. ",
        "U.S. ",
        "a\u{0301}. É\u{0301}",
        "🙂. 🙂! 🙂? The 🙂.",
        "\u{feff}",
        "\u{200b}.\u{200b}",
        "x.\u{a0}",
        "ﬁ. ǅ. ß. İ.",
        "Ω. ω. Ж. ж.",
        "؟ مرحبا. שלום. नमस्ते। 안녕하세요. 안녕!",
        "\u{0}\u{1}. \u{7f}.",
        "“”‘’«»„‚‹›",
        "(.) [.] {.} <.>",
        &dots,
        &dots_words,
        &long_token,
        &long_dotted,
        &opens,
    ];
    for input in inputs {
        let spans = s.split(input);
        check_invariants(input, &spans);
    }
}

/// A small deterministic xorshift generator, so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

#[test]
fn generated_inputs_keep_the_invariants() {
    const PIECES: &[&str] = &[
        "a",
        "The",
        "he",
        "Mr",
        "U.S",
        "p.m",
        "No",
        "Jan",
        "B",
        "St",
        "5",
        "3.4",
        "1",
        "x",
        "Россия",
        "中国",
        "é",
        "🙂",
        " ",
        "  ",
        "\u{a0}",
        "\u{2009}",
        "\u{202f}",
        "\u{3000}",
        "\u{200b}",
        "\u{feff}",
        "\n",
        "\r",
        "\r\n",
        "\u{2028}",
        ".",
        ".",
        ".",
        "...",
        "…",
        "?",
        "!",
        "?!",
        "。",
        "！",
        "？",
        "\"",
        "'",
        "“",
        "”",
        "‘",
        "’",
        "«",
        "»",
        "(",
        ")",
        "[",
        "]",
        "<",
        ">",
        "•",
        "- ",
        "* ",
        "— ",
        "–",
        ",",
        ";",
        ":",
        "$",
        "%",
        "@",
        "/",
        "-",
        "\u{0301}",
        "\t",
    ];
    let s = Splitter::new();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = Vec::new();
    let mut text = String::new();
    for _ in 0..20_000 {
        text.clear();
        let len = rng.next() % 40;
        for _ in 0..len {
            text.push_str(rng.pick(PIECES));
        }
        s.split_into(&text, &mut out);
        check_invariants(&text, &out);
        // Every alphanumeric character outside a bullet is covered by some sentence.
        let covered: usize = out
            .iter()
            .map(|sp| {
                text[sp.start..sp.end]
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .count()
            })
            .sum();
        let total = text.chars().filter(|c| c.is_alphanumeric()).count();
        assert_eq!(covered, total, "text lost from {text:?}: {out:?}");
    }
}

#[test]
fn seed_articles_keep_the_invariants() {
    let Some(path) = dyad_testdata::shared("seeds") else {
        return;
    };
    let entries = std::fs::read_dir(&path).unwrap();
    let dir = path.display();
    let mut paths: Vec<_> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no seed articles in {dir}");
    let s = default_splitter();
    let mut problems = Vec::new();
    let mut count = 0;
    for path in &paths {
        let text = std::fs::read_to_string(path)
            .unwrap()
            .replace('\u{a0}', " ");
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let spans = s.split(line);
            check_invariants(line, &spans);
            let sentences = texts(line, &spans);
            count += sentences.len();
            let last = sentences.len().saturating_sub(1);
            for (i, sentence) in sentences.iter().enumerate() {
                let at = format!("{}:{}", path.display(), n + 1);
                // Boundaries the splitter chose: every end but the line's last, every start but
                // the line's first (the line itself may start in lower case, e.g. "iPhone").
                if i < last {
                    for bad in ["Mr.", "Dr.", "No.", "St."] {
                        if sentence.ends_with(bad) {
                            problems.push(format!("{at}: sentence {i} ends with {bad:?}"));
                        }
                    }
                    let mut rev = sentence.chars().rev();
                    if let (Some('.'), Some(c), prev) = (rev.next(), rev.next(), rev.next()) {
                        if c.is_uppercase() && prev.is_none_or(char::is_whitespace) {
                            problems.push(format!("{at}: sentence {i} ends with an initial"));
                        }
                    }
                    let ends_well = sentence.ends_with(|c: char| {
                        matches!(
                            c,
                            '.' | '?' | '!' | '…' | '"' | '\'' | '”' | '’' | '»' | ')' | ']'
                        )
                    });
                    if !ends_well {
                        problems.push(format!("{at}: sentence {i} ends without punctuation"));
                    }
                }
                if i > 0 && sentence.starts_with(char::is_lowercase) {
                    problems.push(format!("{at}: sentence {i} starts in lower case"));
                }
            }
        }
    }
    assert!(count > 0);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
