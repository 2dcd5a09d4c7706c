//! The README's endpoint table is the public contract of the server functions: every endpoint in
//! `src/api` appears in it with every field it takes, and the table is one unbroken table.

use std::path::Path;

/// One server function as declared in the source: its endpoint and its fields.
#[derive(Debug)]
struct Endpoint {
    path: String,
    fields: Vec<String>,
}

/// The wire name of one field: lists are posted as `name[N]`.
fn field_name(name: &str, kind: &str) -> String {
    if kind.contains("Vec<") { format!("{}[N]", name.trim()) } else { name.trim().to_owned() }
}

/// The fields of a form struct in `src/model/forms.rs`, which a server function takes flattened.
fn form_fields(forms: &str, form: &str) -> Vec<String> {
    let body = forms.split(&format!("pub struct {form} {{")).nth(1).unwrap_or_else(|| panic!("{form} is in model/forms.rs"));
    let body = &body[..body.find("\n}").expect("the struct ends")];
    body.lines().filter_map(|line| line.trim().strip_prefix("pub ")).filter_map(|field| field.split_once(':')).map(|(name, kind)| field_name(name, kind)).collect()
}

fn endpoints() -> Vec<Endpoint> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let forms = std::fs::read_to_string(root.join("src/model/forms.rs")).unwrap();
    let api = root.join("src/api");
    let mut endpoints = Vec::new();
    for entry in std::fs::read_dir(api).unwrap() {
        let source = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let mut rest = source.as_str();
        while let Some(at) = rest.find("#[server(prefix") {
            rest = &rest[at..];
            let endpoint = rest.split("endpoint = \"").nth(1).and_then(|tail| tail.split('"').next()).expect("every server function names its endpoint");
            let signature = &rest[rest.find("pub async fn").expect("a server function follows its attribute")..];
            let arguments = &signature[signature.find('(').unwrap() + 1..signature.find(") ->").unwrap()];
            let mut fields = Vec::new();
            for (name, kind) in arguments.split(',').filter_map(|argument| argument.split_once(':')) {
                match name.trim().strip_prefix("#[server(flatten)]") {
                    Some(_) => fields.extend(form_fields(&forms, kind.trim())),
                    None => fields.push(field_name(name, kind)),
                }
            }
            endpoints.push(Endpoint { path: format!("/api/{endpoint}"), fields });
            rest = &rest[1..];
        }
    }
    endpoints
}

#[test]
fn every_server_function_and_field_is_in_the_readme_table() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let lines: Vec<&str> = readme.lines().collect();
    let header = lines.iter().position(|line| *line == "| endpoint | who | fields |").expect("the endpoint table");
    let table: Vec<&str> = lines[header..].iter().take_while(|line| line.starts_with('|')).copied().collect();
    let found = endpoints();
    assert!(found.len() > 40, "the scan found the server functions: {found:?}");
    let mut missing = Vec::new();
    for endpoint in &found {
        let Some(row) = table.iter().find(|row| row.starts_with(&format!("| `{}` |", endpoint.path))) else {
            missing.push(format!("{} (no row)", endpoint.path));
            continue;
        };
        for field in &endpoint.fields {
            if !row.contains(&format!("`{field}`")) {
                missing.push(format!("{}: `{field}`", endpoint.path));
            }
        }
    }
    assert!(missing.is_empty(), "missing from the README's endpoint table: {missing:#?}");
    let listed = table.iter().filter(|row| row.starts_with("| `/api/")).count();
    assert_eq!(listed, found.len(), "the table lists exactly the server functions, in one unbroken table");
}
