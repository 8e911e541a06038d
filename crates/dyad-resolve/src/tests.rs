use super::*;

fn side<'a>(code: &'a str, country: &'a str, name: &'a str) -> Option<Side<'a>> {
    Some(Side {
        code: Some(code),
        country: Some(country),
        name,
    })
}

fn facts<'a>(
    source: Option<Side<'a>>,
    target: Option<Side<'a>>,
    cameo: &'a str,
    date: &str,
    object: Option<&'a str>,
) -> MentionFacts<'a> {
    MentionFacts {
        source,
        target,
        cameo,
        date: date.parse().ok(),
        object,
        negated: false,
    }
}

#[test]
fn embedded_rules_parse_and_say_what_they_should() {
    let r = MergeRules::default();
    assert_eq!(r.window(), 2);
    assert!(r.is_mutual("057") && r.is_mutual("0461") && !r.is_mutual("042"));
    assert_eq!(r.family("046"), "040");
    assert_eq!(r.family("0571"), "057");
    assert_eq!(r.family("042"), "042");
    assert_eq!(r.reciprocal("042"), Some("043"));
    assert_eq!(r.reciprocal("043"), Some("042"));
    assert_eq!(r.reciprocal("057"), None);
}

#[test]
fn bad_rules_name_the_line() {
    let e = MergeRules::parse("[mutual]\n57\n", "x.txt").unwrap_err();
    assert_eq!(
        e.to_string(),
        "x.txt:2: \"57\" is not a three-digit CAMEO code (write 057, not 57 or 0571)"
    );
    let e = MergeRules::parse("[window]\ntwo\n", "x.txt").unwrap_err();
    assert!(e.to_string().starts_with("x.txt:2: window must be"), "{e}");
    assert!(MergeRules::parse("[colour]\nred\n", "x").is_err());
    assert!(MergeRules::parse("[reciprocal]\n042\n", "x").is_err());
}

#[test]
fn mutual_acts_have_unordered_dyads_at_country_level() {
    let r = MergeRules::default();
    let putin = side("RUSGOV", "RUS", "Vladimir Putin");
    let china = side("CHN", "CHN", "China");
    let one = r
        .key(&facts(putin, china, "057", "2019-06-05", None))
        .unwrap();
    let other = r
        .key(&facts(
            china,
            side("RUS", "RUS", "Russia"),
            "057",
            "2019-06-05",
            None,
        ))
        .unwrap();
    assert_eq!((one.a.as_str(), one.b.as_str()), ("CHN", "RUS"));
    assert!(one.flipped && !other.flipped && one.mutual);
    assert_eq!(
        (&one.a, &one.b, &one.family),
        (&other.a, &other.b, &other.family)
    );
    // A visit is directed: the reverse is another dyad.
    let visit = r
        .key(&facts(putin, china, "042", "2019-06-05", None))
        .unwrap();
    assert_eq!((visit.a.as_str(), visit.b.as_str()), ("RUS", "CHN"));
    assert!(!visit.flipped && !visit.mutual);
}

#[test]
fn unknown_and_missing_actors_have_keys_of_their_own() {
    let wagner = Some(Side {
        code: None,
        country: None,
        name: "Wagner Group",
    });
    assert_eq!(actor_key(wagner), "~wagner group");
    assert_eq!(actor_key(None), "");
    let igo = Some(Side {
        code: Some("IGOUNO"),
        country: None,
        name: "UN",
    });
    assert_eq!(actor_key(igo), "IGOUNO");
    let nato = Some(Side {
        code: Some("IGONATMIL"),
        country: Some("IGO"),
        name: "NATO",
    });
    assert_eq!(actor_key(nato), "IGONAT");
}

#[test]
fn roles_tell_a_government_from_a_company_of_one_country() {
    assert_eq!(role("RUSGOV"), Some("GOV"));
    assert_eq!(role("IGONATMIL"), Some("MIL"));
    assert_eq!(role("IGONAT"), None);
    assert!(roles_compatible(Some("RUS"), Some("RUSGOV")));
    assert!(roles_compatible(None, Some("RUSBUS")));
    assert!(roles_compatible(Some("RUSGOVMIL"), Some("RUSGOV")));
    assert!(!roles_compatible(Some("RUSBUS"), Some("RUSGOV")));
}

#[test]
fn negated_mentions_are_no_events() {
    let r = MergeRules::default();
    let mut f = facts(side("RUS", "RUS", "Russia"), None, "057", "2020", None);
    f.negated = true;
    assert_eq!(r.key(&f), None);
}

#[test]
fn partial_dates_cover_their_span() {
    let d = |s: &str| DayRange::of(s.parse().unwrap());
    let june = d("2019-06");
    assert_eq!(june.hi - june.lo, 29);
    assert_eq!(d("2019-06-01").lo, june.lo);
    assert_eq!(d("2019-06-30").hi, june.hi);
    let dec = d("2019-12");
    assert_eq!(dec.hi - dec.lo, 30);
    assert_eq!(d("2020").hi - d("2020").lo, 365, "a leap year");
    assert!(d("2019-06-05").near(d("2019-06-07"), 2));
    assert!(!d("2019-06-05").near(d("2019-06-08"), 2));
    assert!(d("2019-06-05").near(june, 0));
    assert!(!d("2019-07-03").near(june, 2));
    assert!(d("2019-07-02").near(june, 2));
}

#[test]
fn objects_tell_agreements_apart_by_their_specific_words() {
    let r = MergeRules::default();
    let gas = r.object_words("a gas supply agreement");
    let pipelines = r.object_words("the Gas Pipelines deal");
    let moon = r.object_words("an agreement on a joint lunar research station");
    let thirty = r.object_words("30 agreements");
    assert_eq!(gas, ["gas", "supply"]);
    assert_eq!(pipelines, ["gas", "pipeline"]);
    assert!(thirty.is_empty(), "{thirty:?}");
    assert!(objects_compatible(&gas, &pipelines));
    assert!(!objects_compatible(&gas, &moon));
    assert!(
        objects_compatible(&gas, &thirty),
        "an unspecific object merges"
    );
}

fn mention(
    id: i64,
    cameo: &str,
    source: &str,
    flipped: bool,
    date: &str,
    doc: &str,
) -> MentionSummary {
    let date: Option<PartialDate> = date.parse().ok();
    MentionSummary {
        id,
        cameo: cameo.to_owned(),
        source: Some((Some(source.to_owned()), source.to_owned())),
        target: Some((Some("CHN".to_owned()), "China".to_owned())),
        flipped,
        date,
        precision: date.map_or(DatePrecision::Document, |d| d.precision()),
        doc_id: doc.to_owned(),
        doc_date: "2019-06-06".parse().ok(),
        sentence_index: id as u32,
        outlet: doc.to_owned(),
    }
}

#[test]
fn summaries_take_the_best_supported_code_side_and_date() {
    let ms = [
        mention(1, "046", "RUSGOV", false, "2019-06", "a"),
        mention(2, "040", "RUSGOV", false, "2019-06-05", "a"),
        mention(3, "046", "RUS", false, "2019-06-05", "b"),
        mention(4, "040", "RUSGOV", false, "2019-06-06", "b"),
    ];
    let s = summarise(&ms).unwrap();
    assert_eq!(s.cameo, "046", "2 against 2: the more specific code");
    assert_eq!(s.source.as_ref().unwrap().0.as_deref(), Some("RUSGOV"));
    assert_eq!(s.date.map(|d| d.to_string()).as_deref(), Some("2019-06-05"));
    assert_eq!(s.precision, DatePrecision::Day);
    assert_eq!((s.mentions, s.articles, s.sources), (4, 2, 2));
    assert_eq!(s.first_mention, 1);
    assert!(summarise(&[]).is_none());
}

#[test]
fn flipped_mentions_count_for_the_side_they_name() {
    // A mutual act named target-first: its target is the event's source.
    let mut m = mention(2, "057", "CHN", true, "2019-06-05", "b");
    m.target = Some((Some("RUSGOV".to_owned()), "Vladimir Putin".to_owned()));
    let ms = [
        mention(1, "057", "RUS", false, "2019-06-05", "a"),
        m.clone(),
        {
            let mut m3 = m;
            m3.id = 3;
            m3.sentence_index = 3;
            m3
        },
    ];
    let s = summarise(&ms).unwrap();
    assert_eq!(s.source.unwrap().0.as_deref(), Some("RUSGOV"));
    assert_eq!(s.target.unwrap().0.as_deref(), Some("CHN"));
}
