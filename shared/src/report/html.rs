//! One self-contained HTML report for every plugin (no external resources): a header with
//! the run's facts, an optional headline card (doctor's grade), cards of plain lines, the
//! plugin's own tables (doctor's sections, certs' certificates) and the findings with a
//! severity filter. Every text goes through [`markup`].

use super::Run;
use super::escape::markup;
use std::fmt::Write as _;

/// A big headline: doctor's grade and score.
#[derive(Debug, Clone, Default)]
pub struct Headline {
    /// The big text (a grade).
    pub badge: String,
    /// CSS class of the badge: `good`, `fair` or `bad`.
    pub tone: &'static str,
    /// Next to it, large (`62/100`).
    pub value: String,
    /// Lines under the value.
    pub lines: Vec<String>,
}

/// A table of the plugin's own.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Element id (for tests and links).
    pub id: String,
    /// Column headers.
    pub headers: Vec<String>,
    /// Rows of plain text (escaped here).
    pub rows: Vec<Vec<String>>,
}

/// What the page shows beside the findings.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// The headline card.
    pub headline: Option<Headline>,
    /// Cards, each of plain lines; the first element becomes the card's id.
    pub cards: Vec<(String, Vec<String>)>,
    /// The plugin's tables, before the findings.
    pub tables: Vec<Table>,
    /// Pictures (id, inline SVG) after the cards: alerts' heat map and timelines. The SVG is
    /// the plugin's own markup; every text in it must already have gone through [`markup`].
    pub figures: Vec<(String, String)>,
}

const STYLE: &str = "body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:0;color:#1d2430;background:#f6f7f9}
header{background:#1d2430;color:#fff;padding:18px 28px} header h1{margin:0;font-size:20px} header p{margin:4px 0 0;color:#b9c2d0}
main{padding:20px 28px;max-width:1400px} .card{background:#fff;border-radius:8px;padding:16px 20px;margin-bottom:18px;box-shadow:0 1px 2px #0002}
.score{display:flex;gap:28px;align-items:center} .badge{font-size:54px;font-weight:700;min-width:80px;text-align:center;border-radius:8px;color:#fff}
.good{background:#2e8540} .fair{background:#d38b00} .bad{background:#c0392b}
table{border-collapse:collapse;width:100%} th,td{text-align:left;padding:6px 10px;border-bottom:1px solid #e4e7ec;vertical-align:top}
th{font-size:12px;text-transform:uppercase;color:#5b6576} .sev{font-weight:600;border-radius:4px;padding:1px 6px;font-size:12px}
.critical .sev{background:#fde2df;color:#a5281b} .warning .sev{background:#fff1cc;color:#8a5a00} .info .sev{background:#ddeefc;color:#1f5f99}
.hint{color:#5b6576} code{font-size:12px} label{margin-right:14px} .muted{color:#5b6576}";

fn table(h: &mut String, t: &Table) {
    let _ = write!(
        h,
        "<div class=\"card\"><table id=\"{}\"><tr>",
        markup(&t.id)
    );
    for c in &t.headers {
        let _ = write!(h, "<th>{}</th>", markup(c));
    }
    h.push_str("</tr>\n");
    for r in &t.rows {
        h.push_str("<tr>");
        for c in r {
            let _ = write!(h, "<td>{}</td>", markup(c));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</table></div>\n");
}

/// Renders the page of `run`.
pub fn render<X>(run: &Run<'_, X>, page: &Page) -> String {
    let f = run.facts;
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>kubectl {plugin}: {ctx}</title>\n<style>\n{STYLE}\n</style></head><body>\n\
<header><h1>kubectl {plugin}</h1><p>context <b>{ctx}</b> &middot; {srv} &middot; namespace {ns} &middot; {at} &middot; {dur}s</p></header>\n<main>\n",
        plugin = markup(run.plugin),
        ctx = markup(&f.context),
        srv = markup(&f.server),
        ns = markup(&f.namespace),
        at = markup(&f.generated_at),
        dur = f.duration_seconds,
    );
    if let Some(hl) = &page.headline {
        let _ = write!(
            h,
            "<div class=\"card score\"><div class=\"badge {}\" id=\"grade\">{}</div><div><div style=\"font-size:28px;font-weight:600\" id=\"overall\">{}</div>",
            hl.tone,
            markup(&hl.badge),
            markup(&hl.value)
        );
        for l in &hl.lines {
            let _ = write!(h, "<div class=\"muted\">{}</div>", markup(l));
        }
        h.push_str("</div></div>\n");
    }
    for u in run.unchecked {
        let _ = writeln!(
            h,
            "<div class=\"card\"><b>Not checked:</b> {}</div>",
            markup(&u.sentence())
        );
    }
    for (id, lines) in &page.cards {
        let _ = write!(h, "<div class=\"card muted\" id=\"{}\">", markup(id));
        let body: Vec<String> = lines.iter().map(|l| markup(l)).collect();
        h.push_str(&body.join("<br>"));
        h.push_str("</div>\n");
    }
    for (id, svg) in &page.figures {
        let _ = writeln!(h, "<div class=\"card\" id=\"{}\">{svg}</div>", markup(id));
    }
    for t in &page.tables {
        table(&mut h, t);
    }
    h.push_str("<div class=\"card\"><div style=\"margin-bottom:10px\">");
    for sev in ["critical", "warning", "info"] {
        let _ = write!(
            h,
            "<label><input type=\"checkbox\" checked data-sev=\"{sev}\"> {sev}</label>"
        );
    }
    h.push_str("</div><table id=\"findings\"><tr><th>Severity</th><th>Check</th><th>Object</th><th>Message</th></tr>\n");
    for x in run.findings {
        let object = match &x.location {
            Some(l) => format!("{}:{}:{}", l.file, l.line, l.column),
            None => x.object_path(),
        };
        let _ = writeln!(
            h,
            "<tr class=\"{sev}\"><td><span class=\"sev\">{sev}</span></td><td><code>{}</code></td><td>{}</td><td>{}<div class=\"hint\">{}</div></td></tr>",
            markup(&x.check),
            markup(&object),
            markup(&x.message),
            markup(&x.hint),
            sev = x.severity.as_str()
        );
    }
    if run.findings.is_empty() {
        h.push_str("<tr><td colspan=\"4\">No problems found.</td></tr>\n");
    }
    h.push_str(
        "</table></div></main>\n<script>document.querySelectorAll('input[data-sev]').forEach(function(cb){cb.addEventListener('change',function(){\
document.querySelectorAll('#findings tr.'+cb.dataset.sev).forEach(function(r){r.style.display=cb.checked?'':'none';});});});</script>\n</body></html>\n",
    );
    h
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::*;

    #[test]
    fn everything_is_escaped_and_nothing_is_fetched() {
        let page = Page {
            headline: Some(Headline {
                badge: "E".into(),
                tone: "bad",
                value: "55/100".into(),
                lines: vec!["<script>".into()],
            }),
            cards: vec![("coverage".into(), vec!["scored over: nodes".into()])],
            tables: vec![Table {
                id: "sections".into(),
                headers: vec!["Section".into()],
                rows: vec![vec!["a<b".into()]],
            }],
            ..Default::default()
        };
        let html = fixture::with_run("doctor", |run| render(run, &page));
        assert!(
            !html.contains("http://") && !html.contains("src=\""),
            "self-contained"
        );
        assert!(html.contains("id=\"grade\">E</div>"));
        assert!(html.contains("&lt;script&gt;") && html.contains("<td>a&lt;b</td>"));
        assert!(html.contains("<td><code>node-not-ready</code></td><td>Node/n1</td>"));
        assert!(html.contains("<td>deploy/web.yaml:12:16</td>"));
        assert!(html.contains("<b>Not checked:</b> section pods"));
        assert!(!html.contains('\u{7}'));
    }
}
