#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The API and the dashboard over HTTP: a real server on a random loopback port, a store built
//! by dyad's pipeline from articles written for these tests.

mod common;

use common::{get, get_json, HOSTILE};
use serde_json::Value;
use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::sync::OnceLock;

/// One store and server for every test in this file (the pipeline run is the slow part).
fn server() -> SocketAddr {
    static SERVER: OnceLock<(tempfile::TempDir, SocketAddr)> = OnceLock::new();
    SERVER
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let db = common::fixture_store(dir.path());
            let addr = common::spawn(&db);
            (dir, addr)
        })
        .1
}

fn spec() -> Value {
    serde_json::from_str(dyad_serve::OPENAPI).expect("openapi.json is JSON")
}

/// Follows a `$ref` within the spec.
fn resolve<'a>(spec: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.trim_start_matches("#/components/schemas/");
            &spec["components"]["schemas"][name]
        }
        None => schema,
    }
}

/// Checks `value` has every property `schema` requires, one level down into arrays of
/// objects and referenced schemas too. Returns what is missing.
fn missing(spec: &Value, schema: &Value, value: &Value, at: &str, out: &mut Vec<String>) {
    let schema = resolve(spec, schema);
    if let (Some(req), Some(obj)) = (
        schema.get("required").and_then(Value::as_array),
        value.as_object(),
    ) {
        for r in req.iter().filter_map(Value::as_str) {
            if !obj.contains_key(r) {
                out.push(format!("{at}.{r}"));
            }
        }
        if let Some(props) = schema.get("properties").and_then(Value::as_object) {
            for (name, sub) in props {
                if let Some(v) = obj.get(name) {
                    missing(spec, sub, v, &format!("{at}.{name}"), out);
                }
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), value.as_array()) {
        for (i, v) in arr.iter().enumerate().take(3) {
            missing(spec, items, v, &format!("{at}[{i}]"), out);
        }
    }
}

/// A valid value for each documented query parameter.
fn sample(name: &str) -> &'static str {
    match name {
        "source" | "a" | "partner" => "RUS",
        "target" | "b" => "CHN",
        "dyad" => "RUS,CHN",
        "since" => "2019",
        "until" => "2020-12-31",
        "code" => "057",
        "root" => "05",
        "plover" => "SUPPORT",
        "limit" | "top" => "10",
        "offset" => "0",
        "by" => "month",
        "q" => "Russia",
        "unit" => "USD",
        "measure" => "trade",
        other => panic!("no sample value for documented parameter {other}"),
    }
}

#[test]
fn every_documented_path_answers_200_with_its_documented_properties() {
    let addr = server();
    let spec = spec();
    let paths = spec["paths"].as_object().unwrap();
    assert!(paths.len() >= 9);
    for (path, item) in paths {
        let op = &item["get"];
        let url_path = path.replace("{id}", "pact-2019");
        let params: Vec<&Value> = op["parameters"]
            .as_array()
            .map(|a| a.iter().filter(|p| p["in"] == "query").collect())
            .unwrap_or_default();
        // Once with only the required parameters, once with every documented one.
        let required: Vec<String> = params
            .iter()
            .filter(|p| p["required"] == true)
            .map(|p| {
                format!(
                    "{}={}",
                    p["name"].as_str().unwrap(),
                    sample(p["name"].as_str().unwrap())
                )
            })
            .collect();
        let all: Vec<String> = params
            .iter()
            .map(|p| {
                format!(
                    "{}={}",
                    p["name"].as_str().unwrap(),
                    sample(p["name"].as_str().unwrap())
                )
            })
            .collect();
        let schema = &op["responses"]["200"]["content"]["application/json"]["schema"];
        assert!(!schema.is_null(), "{path}: no 200 JSON schema documented");
        for query in [required.join("&"), all.join("&")] {
            let url = if query.is_empty() {
                url_path.clone()
            } else {
                format!("{url_path}?{query}")
            };
            let (status, body) = get_json(addr, &url);
            assert_eq!(status, 200, "{url}: {body}");
            let mut out = Vec::new();
            missing(&spec, schema, &body, "$", &mut out);
            assert!(
                out.is_empty(),
                "{url}: undocumented shape, missing {out:?} in {body}"
            );
        }
        // Every documented error status is documented with the error shape.
        for (code, resp) in op["responses"].as_object().unwrap() {
            if code != "200" {
                assert_eq!(
                    resp["content"]["application/json"]["schema"]["$ref"],
                    "#/components/schemas/Error",
                    "{path} {code}"
                );
            }
        }
    }
}

#[test]
fn every_served_api_path_is_in_the_spec_and_nothing_else_is_served() {
    let spec = spec();
    let documented: BTreeSet<String> = spec["paths"].as_object().unwrap().keys().cloned().collect();
    let served: BTreeSet<String> = dyad_serve::api::paths()
        .into_iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        served, documented,
        "the router's API table and openapi.json differ"
    );
    let addr = server();
    for path in ["/api/nope", "/api/events/1", "/api", "/api/documents/"] {
        let (status, body) = get_json(addr, path);
        assert_eq!(status, 404, "{path}: {body}");
        assert!(
            body["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{path}: {body}"
        );
    }
}

#[test]
fn bad_parameters_are_400_with_a_json_message() {
    let addr = server();
    for path in [
        "/api/events?since=notadate",
        "/api/events?until=2019-13-01",
        "/api/events?since=2021&until=2020",
        "/api/events?limit=-1",
        "/api/events?limit=0",
        "/api/events?limit=abc",
        "/api/events?limit=100000",
        "/api/events?offset=-3",
        "/api/events?code=5x",
        "/api/events?root=057",
        "/api/events?dyad=RUS",
        "/api/events?dyad=RUS,%3Cb%3E",
        "/api/events?source=R",
        "/api/events?plover=AG%20REE",
        "/api/events?colour=red",
        "/api/events?limit=1&limit=2",
        "/api/timeline?a=RUS&b=CHN&by=fortnight",
        "/api/timeline?a=RUS",
        "/api/timeline",
        "/api/search",
        "/api/search?q=",
        "/api/search?q=x&limit=1000",
        "/api/quantities?unit=%3Cscript%3E",
        "/api/quantities?dyad=RUS;CHN",
        "/api/actors?top=0",
        "/api/actors?partner=%22%3E",
        "/api/stats?verbose=1",
        "/api/documents?offset=x",
        "/api/documents/pact-2019?x=1",
    ] {
        let (status, body) = get_json(addr, path);
        assert_eq!(status, 400, "{path}: {body}");
        let msg = body["error"].as_str().unwrap_or("");
        assert!(msg.len() > 10, "{path}: unhelpful message {body}");
    }
    // The message names the parameter and what is accepted.
    let (_, body) = get_json(addr, "/api/timeline?a=RUS&b=CHN&by=fortnight");
    assert!(
        body["error"]
            .as_str()
            .unwrap()
            .contains("day, week, month or year"),
        "{body}"
    );
    // Pages answer 400 too, as pages.
    for path in [
        "/dyad/RUS/%3Cb%3E",
        "/search?limit=-1",
        "/explain?date=soon&s=x",
        "/?x=1",
        "/dyad?a=RUS",
    ] {
        let (status, ctype, body) = get(addr, path);
        assert_eq!(status, 400, "{path}: {body}");
        assert!(ctype.starts_with("text/html"), "{path}: {ctype}");
        assert!(!body.contains("<b>"), "{path}: unescaped input in {body}");
    }
}

#[test]
fn unknown_documents_and_paths_are_404() {
    let addr = server();
    let (status, body) = get_json(addr, "/api/documents/no-such-doc");
    assert_eq!(status, 404, "{body}");
    assert!(body["error"].as_str().unwrap().contains("no-such-doc"));
    for path in ["/doc/no-such-doc", "/nowhere", "/doc/%3Cscript%3E"] {
        let (status, ctype, body) = get(addr, path);
        assert_eq!(status, 404, "{path}");
        assert!(ctype.starts_with("text/html"));
        assert!(!body.contains("<script>"), "{path}: {body}");
    }
}

#[test]
fn oversized_bodies_are_413() {
    let addr = server();
    let big = format!("s={}", "x".repeat(dyad_serve::BODY_LIMIT + 1));
    for path in ["/explain", "/api/events", "/"] {
        let resp = common::agent()
            .post(&format!("http://{addr}{path}"))
            .header("content-type", "application/x-www-form-urlencoded")
            .send(big.as_str())
            .unwrap();
        assert_eq!(resp.status().as_u16(), 413, "{path}");
    }
    // A body within the limit is read.
    let mut resp = common::agent()
        .post(&format!("http://{addr}/explain"))
        .header("content-type", "application/x-www-form-urlencoded")
        .send("s=Russia+and+China+signed+an+agreement.&date=2019-06-05")
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    assert!(resp.body_mut().read_to_string().unwrap().contains("057"));
}

#[test]
fn events_filter_and_page() {
    let addr = server();
    let total = |q: &str| -> u64 {
        let (status, body) = get_json(addr, &format!("/api/events?{q}"));
        assert_eq!(status, 200, "{q}: {body}");
        body["total"].as_u64().unwrap()
    };
    assert_eq!(total("dyad=RUS,CHN"), 4);
    assert_eq!(total("dyad=chn,rus"), 4);
    assert_eq!(total("code=057"), 2);
    assert_eq!(total("code=057&dyad=RUS,CHN"), 1);
    assert_eq!(total("root=11"), 2);
    assert_eq!(total("plover=ACCUSE"), 2);
    assert_eq!(total("source=CHN&root=11"), 1);
    assert_eq!(total("since=2020&until=2020"), 2);
    assert_eq!(total("dyad=RUSGOV,CHNGOV"), 1);
    let (_, page) = get_json(addr, "/api/events?dyad=RUS,CHN&limit=1&offset=1");
    assert_eq!(page["limit"], 1);
    assert_eq!(page["offset"], 1);
    assert_eq!(page["total"], 4);
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["cameo"], "040");
    assert_eq!(items[0]["reports"][0]["trigger"], "met");
    let (_, tl) = get_json(addr, "/api/timeline?a=RUS&b=CHN&by=year");
    let periods: Vec<&str> = tl["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["period"].as_str().unwrap())
        .collect();
    assert_eq!(periods, ["2019", "2020", "2020"]);
    let (_, q) = get_json(addr, "/api/quantities?dyad=RUS,CHN&unit=USD&measure=trade");
    assert_eq!(q["items"][0]["text"], "$108 billion");
    let (_, a) = get_json(addr, "/api/actors?partner=POL");
    assert_eq!(a["items"][0]["a"], "POL");
    assert_eq!(a["items"][0]["b"], "UKR");
    let (_, docs) = get_json(addr, "/api/documents?limit=2&offset=1");
    assert_eq!(docs["total"], 3);
    assert_eq!(docs["items"].as_array().unwrap().len(), 2);
    // Ids with a slash are one percent-encoded segment.
    let (status, d) = get_json(addr, "/api/documents/hostile%2F1");
    assert_eq!(status, 200);
    assert_eq!(d["id"], "hostile/1");
}

/// True when `html` holds no raw tag from the hostile fixture.
fn clean(html: &str) -> bool {
    !html.contains(HOSTILE) && !html.contains("<b>bold</b>") && !html.contains("<script")
}

#[test]
fn article_text_is_escaped_on_every_page() {
    let addr = server();
    let escaped = "&lt;script&gt;alert(1)&lt;/script&gt;";
    for (path, must_show) in [
        ("/", false),
        ("/dyad/RUS/CHN", true),
        ("/doc/hostile%2F1", true),
        ("/search?q=alert", true),
        ("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", true),
        (
            "/explain?s=%3Cscript%3Ealert(1)%3C%2Fscript%3E+Russia+accused+China.",
            true,
        ),
    ] {
        let (status, ctype, body) = get(addr, path);
        assert_eq!(status, 200, "{path}");
        assert!(ctype.starts_with("text/html"), "{path}: {ctype}");
        assert!(clean(&body), "{path}: unescaped article text in\n{body}");
        if must_show {
            assert!(
                body.contains(escaped),
                "{path}: the hostile text is not shown escaped"
            );
        }
    }
    // Behind the escaping, the browser is told to run no script at all.
    let resp = common::agent()
        .get(&format!("http://{addr}/doc/hostile%2F1"))
        .call()
        .unwrap();
    let csp = resp.headers().get("content-security-policy").unwrap();
    assert!(csp.to_str().unwrap().starts_with("default-src 'none'"));
    assert_eq!(
        resp.headers().get("x-content-type-options").unwrap(),
        "nosniff"
    );
    let (_, _, doc) = get(addr, "/doc/hostile%2F1");
    assert!(
        doc.contains(
            "<title>&lt;script&gt;alert(1)&lt;/script&gt; Russia &amp; China · dyad</title>"
        ),
        "{doc}"
    );
    assert!(doc.contains("&quot;&lt;b&gt;bold&lt;/b&gt;&quot;"), "{doc}");
}

#[test]
fn dyad_page_shows_chart_agreements_figures_and_marked_reports() {
    let addr = server();
    let (status, _, html) = get(addr, "/dyad/RUS/CHN");
    assert_eq!(status, 200);
    assert!(
        html.contains("<section id=\"timeline\" class=\"chart\"><svg"),
        "no inline chart"
    );
    assert!(!html.contains("<?xml"));
    assert!(html.contains("<tr class=\"agreement\">"));
    assert!(html.contains("an agreement on energy cooperation"));
    assert!(html.contains("<tr class=\"figure\">"));
    assert!(
        html.contains("<mark class=\"quantity\">$108 billion</mark>"),
        "{html}"
    );
    assert_eq!(html.matches("<tr class=\"event\">").count(), 4);
    assert!(html.contains("<mark class=\"source\">Russia</mark> and <mark class=\"target\">China</mark> <mark class=\"trigger\""), "{html}");
    assert!(html.contains("href=\"/doc/pact-2019#s0\""));
    assert!(html.contains("href=\"/doc/hostile%2F1#s1\""));
    // The picker redirects to the page.
    let resp = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .new_agent()
        .get(&format!("http://{addr}/dyad?a=rus&b=chn"))
        .call()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 303);
    assert_eq!(resp.headers().get("location").unwrap(), "/dyad/RUS/CHN");
}

#[test]
fn doc_page_marks_triggers_and_figures_in_place() {
    let addr = server();
    let (status, _, html) = get(addr, "/doc/pact-2019");
    assert_eq!(status, 200);
    assert!(html.contains("<h1>Russia and China sign energy pact</h1>"));
    assert!(html.contains("id=\"s0\""));
    assert!(
        html.contains("<mark class=\"trigger\" title=\"057 RUS→CHN · verbs/"),
        "{html}"
    );
    assert!(
        html.contains("<mark class=\"quantity\" title=\"108 billion USD"),
        "{html}"
    );
    assert!(html.contains("<mark class=\"source\">Russian President Vladimir Putin</mark> <mark class=\"trigger\""), "{html}");
}

#[test]
fn home_search_and_explain_pages() {
    let addr = server();
    let (_, _, home) = get(addr, "/");
    assert!(home.contains("<section id=\"stats\">"));
    assert!(home.contains("href=\"/dyad/CHN/RUS\""), "{home}");
    assert_eq!(home.matches("<tr class=\"event\">").count(), 6);
    let (_, _, search) = get(addr, "/search?q=energy");
    assert!(search.contains("<li class=\"hit\">"));
    assert!(search.contains("<mark>energy</mark>"), "{search}");
    let (_, _, none) = get(addr, "/search?q=Russia-China");
    assert!(none.contains("result"));
    let (status, _, ex) = get(
        addr,
        "/explain?s=Russia+and+China+signed+an+agreement+on+energy.&date=2019-06-05",
    );
    assert_eq!(status, 200);
    // A signing is reciprocal: one event each way.
    assert!(ex.contains("<h2>Events: 2</h2>"), "{ex}");
    assert!(ex.contains("<code>057</code>"));
    assert!(ex.contains("<mark class=\"trigger\""));
    let (status, _, form) = get(addr, "/explain");
    assert_eq!(status, 200);
    assert!(form.contains("<textarea name=\"s\""));
}

#[test]
fn concurrent_requests_are_served() {
    let addr = server();
    let threads: Vec<_> = (0..8)
        .map(|i| {
            std::thread::spawn(move || {
                for j in 0..10 {
                    let path = match (i + j) % 4 {
                        0 => "/api/events?dyad=RUS,CHN",
                        1 => "/dyad/RUS/CHN",
                        2 => "/api/stats",
                        _ => "/doc/pact-2019",
                    };
                    assert_eq!(get(addr, path).0, 200, "{path}");
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
}
