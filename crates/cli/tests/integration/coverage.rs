//! Every endpoint the five vendor docs name has a client method, and every such method has a
//! caller in the product (a vendor's port adapter, the desk, the app's commands or this CLI).
//! An endpoint the desk never calls is one the practice cannot use at all; this test is what
//! keeps `frontdesk admin` (the caller of last resort) complete. There is no exception list.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn docs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/vendor-docs")
}

/// `{id}`, `{patientId}` and the doc's typo `{patientId]` are all one placeholder; a query
/// string is not part of the path.
fn normalise(path: &str) -> String {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let mut out = String::new();
    let mut in_placeholder = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_placeholder = true;
                out.push_str("{}");
            }
            '}' | ']' if in_placeholder => in_placeholder = false,
            _ if in_placeholder => {}
            _ => out.push(c),
        }
    }
    out
}

/// The endpoints a doc names, as (method, normalised path). Three shapes are read:
/// `METHOD /path` anywhere in a line (CXone's headings, Nextech's, WellHive's sequence
/// diagrams), `| METHOD | `/path` |` table rows (Zoom), and `curl --request METHOD` followed by
/// a `--url 'https://host/path?…'` line (NexHealth). Absolute URLs after a method are examples
/// or the OAuth servers, not API endpoints, and are skipped; Zoom's `curl -X` examples repeat
/// its table.
fn doc_endpoints(text: &str) -> BTreeSet<(String, String)> {
    let mut found = BTreeSet::new();
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let cleaned = line.replace("<br>", " ").replace(['|', '`'], " ");
        let tokens: Vec<&str> = cleaned.split_whitespace().collect();
        for (j, t) in tokens.iter().enumerate() {
            if !METHODS.contains(t) {
                continue;
            }
            if let Some(next) = tokens.get(j + 1)
                && next.starts_with('/')
            {
                found.insert(((*t).to_owned(), normalise(next)));
            }
            // A URL on the curl line itself is an auth server's (WellHive's token example).
            let url_follows = tokens.get(j + 1).is_none_or(|n| *n == "\\");
            if j > 0 && tokens[j - 1] == "--request" && url_follows {
                let url = lines.get(i + 1).and_then(|l| {
                    let l = l
                        .trim()
                        .strip_prefix("--url")?
                        .trim()
                        .trim_matches(['\'', '"']);
                    let after_scheme = l.split_once("://")?.1;
                    Some(after_scheme[after_scheme.find('/')?..].to_owned())
                });
                let url = url.unwrap_or_else(|| panic!("curl without --url: {line}"));
                found.insert(((*t).to_owned(), normalise(&url)));
            }
        }
    }
    found
}

/// Client methods and the (method, path) pairs their bodies build, from the source text:
/// every `Call::get("/…"` (and post/patch/put/delete) between one `pub async fn` and the next.
fn client_methods(src: &str) -> BTreeMap<(String, String), Vec<String>> {
    let mut map: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for chunk in src.split("pub async fn ").skip(1) {
        let name: String = chunk
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let body = chunk.split("#[cfg(test)]").next().unwrap();
        for (i, _) in body.match_indices("Call::") {
            let rest = &body[i + "Call::".len()..];
            let verb: String = rest.chars().take_while(char::is_ascii_lowercase).collect();
            let rest = rest[verb.len()..].trim_start_matches('(').trim_start();
            let Some(lit) = rest.strip_prefix('"') else {
                continue;
            };
            let path = &lit[..lit.find('"').unwrap()];
            map.entry((verb.to_ascii_uppercase(), normalise(path)))
                .or_default()
                .push(name.clone());
        }
    }
    map
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        // Tests do not count as callers: a method only a test calls is still unused.
        if name == "tests" || name == "tests.rs" {
            continue;
        }
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// Product code that may call a vendor client: the vendor's own port adapter (`ports.rs`),
/// and everything outside crates/vendors except the sandbox (a simulated vendor, whose
/// handlers share names with client methods but call nothing).
fn caller_sources() -> Vec<(PathBuf, String)> {
    let root = root();
    let mut files = Vec::new();
    for dir in [
        "crates/core/src",
        "crates/desk/src",
        "crates/store/src",
        "crates/cli/src",
        "src-tauri/src",
    ] {
        rust_files(&root.join(dir), &mut files);
    }
    for v in ["cxone", "zoom", "nexhealth", "nextech", "wellhive"] {
        files.push(root.join(format!("crates/vendors/src/{v}/ports.rs")));
    }
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            // Inline test modules sit at the end of a file by this codebase's convention.
            let text = text.split("#[cfg(test)]").next().unwrap().to_owned();
            (p, text)
        })
        .collect()
}

/// A caller of `vendor`'s `method`: a call in that vendor's port adapter, or in a product
/// file that names the vendor (method names such as `patient` recur across vendors and
/// domain types, so the file must at least be about this vendor).
fn callers(vendor: &str, method: &str, sources: &[(PathBuf, String)]) -> Vec<PathBuf> {
    // Method-call syntax, or the fully qualified `CxoneClient::send_reminder(self, …)` the
    // ports use where a port trait has a method of the same name.
    let call = format!(".{method}(");
    let qualified = format!("Client::{method}(");
    let ports = format!("vendors/src/{vendor}/ports.rs");
    sources
        .iter()
        .filter(|(p, text)| {
            let p_str = p.to_string_lossy().replace('\\', "/");
            let in_vendors = p_str.contains("crates/vendors/");
            let ours = if in_vendors {
                p_str.ends_with(&ports)
            } else {
                text.to_ascii_lowercase().contains(vendor)
            };
            ours && (text.contains(&call) || text.contains(&qualified))
        })
        .map(|(p, _)| p.clone())
        .collect()
}

/// (doc file, client directory, endpoints counted by hand in the doc). Nextech's doc spells the
/// encounter search three ways (`/{patientId]/encounters/search` in its table, `/1000/encounters`
/// and `/1000/encounter` in examples); the client implements the table's
/// `/{patientId}/encounters/search`, which is the one counted (the examples are absolute URLs).
/// CXone's, Nextech's and WellHive's OAuth token/authorize URLs are the auth servers', not the
/// API's, and are covered by each vendor's `auth.rs`.
const VENDORS: [(&str, &str, usize); 5] = [
    ("cxone-healthcare.md", "cxone", 10),
    ("nexhealth-synchronizer.md", "nexhealth", 8),
    ("nextech-ehr.md", "nextech", 3),
    ("wellhive-care-navigation.md", "wellhive", 14),
    ("zoom-healthcare.md", "zoom", 15),
];

#[test]
fn every_doc_endpoint_has_a_client_method_and_a_caller() {
    let sources = caller_sources();
    let mut problems = Vec::new();
    for (doc, vendor, expected) in VENDORS {
        let text = std::fs::read_to_string(docs().join(doc))
            .unwrap_or_else(|e| panic!("{doc}: {e} (the docs live in ../shared/vendor-docs)"));
        let endpoints = doc_endpoints(&text);
        assert_eq!(
            endpoints.len(),
            expected,
            "{doc}: the extractor found {endpoints:?}"
        );
        let client_src =
            std::fs::read_to_string(root().join(format!("crates/vendors/src/{vendor}/client.rs")))
                .unwrap();
        let methods = client_methods(&client_src);
        for (verb, path) in &endpoints {
            let Some(names) = methods.get(&(verb.clone(), path.clone())) else {
                problems.push(format!("{vendor}: {verb} {path}: no client method"));
                continue;
            };
            if names
                .iter()
                .all(|m| callers(vendor, m, &sources).is_empty())
            {
                problems.push(format!(
                    "{vendor}: {verb} {path}: client method {names:?} has no caller outside tests"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "uncovered:\n{}", problems.join("\n"));
}

#[test]
fn the_extractor_reads_each_doc_shape() {
    let sample = "GET /patients/{id}\n| PATCH | `/a/{x}/b` | Update |\n\
                  c->>n: X<br>- POST /drive-times -\nGET https://example.com/skip\n\
                  curl --request GET \\\n--url 'https://h.example/providers?x=1' \\\n\
                  GET /{patientId]/encounters/search\n";
    let got: Vec<_> = doc_endpoints(sample).into_iter().collect();
    let want = [
        ("GET", "/patients/{}"),
        ("GET", "/providers"),
        ("GET", "/{}/encounters/search"),
        ("PATCH", "/a/{}/b"),
        ("POST", "/drive-times"),
    ];
    let want: Vec<_> = want
        .iter()
        .map(|(m, p)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    let mut want = want;
    want.sort();
    assert_eq!(got, want);
}
