//! Alertmanager v2: its version and configuration (`/api/v2/status`, for the inhibit
//! rules and the routing tree with its receivers), silences (`/api/v2/silences`) and the alerts it holds now (`/api/v2/alerts`,
//! with their silenced and inhibited state). Matchers are parsed in Alertmanager's own
//! syntax (`name="value"`, `=~`, `!=`, `!~`, old `source_match`/`source_match_re` maps).

use crate::model::{
    ActiveAlert, AlertmanagerState, InhibitRule, Labels, Matcher, Route, Routing, Silence,
};
use shared::error::Error;
use shared::prometheus::Client;

async fn json(client: &Client, path: &str) -> Result<serde_json::Value, Error> {
    let a = client.get(path).await?;
    if a.status == 401 || a.status == 403 {
        return Err(Error::Denied {
            message: format!("Alertmanager answered {} to {path}", a.status),
            context: String::new(),
        });
    }
    serde_json::from_str(&a.body).map_err(|_| Error::Unreachable {
        message: format!(
            "{path}: HTTP {} and not an Alertmanager v2 answer",
            a.status
        ),
        hint: "give --alertmanager the base URL of Alertmanager (it serves /api/v2)".into(),
    })
}

/// Reads everything the analyses use.
pub async fn read(client: &Client) -> Result<AlertmanagerState, Error> {
    let status = json(client, "/api/v2/status").await?;
    let silences = json(client, "/api/v2/silences").await?;
    let alerts = json(client, "/api/v2/alerts").await?;
    Ok(AlertmanagerState {
        version: status["versionInfo"]["version"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
        inhibit_rules: inhibit_rules(status["config"]["original"].as_str().unwrap_or_default()),
        routing: routing(status["config"]["original"].as_str().unwrap_or_default()),
        silences: parse_silences(&silences),
        alerts: parse_alerts(&alerts),
    })
}

fn string(v: &serde_json::Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

fn labels(v: &serde_json::Value) -> Labels {
    v.as_object()
        .map(|m| m.iter().map(|(k, v)| (k.clone(), string(v))).collect())
        .unwrap_or_default()
}

/// Silences from `/api/v2/silences`.
pub fn parse_silences(v: &serde_json::Value) -> Vec<Silence> {
    v.as_array()
        .into_iter()
        .flatten()
        .map(|s| Silence {
            id: string(&s["id"]),
            matchers: s["matchers"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|m| Matcher {
                    name: string(&m["name"]),
                    value: string(&m["value"]),
                    is_regex: m["isRegex"].as_bool().unwrap_or(false),
                    is_equal: m["isEqual"].as_bool().unwrap_or(true),
                })
                .collect(),
            starts_at: string(&s["startsAt"]),
            ends_at: string(&s["endsAt"]),
            created_by: string(&s["createdBy"]),
            comment: string(&s["comment"]),
            state: string(&s["status"]["state"]),
        })
        .collect()
}

/// Alerts from `/api/v2/alerts`.
pub fn parse_alerts(v: &serde_json::Value) -> Vec<ActiveAlert> {
    v.as_array()
        .into_iter()
        .flatten()
        .map(|a| {
            let mut l = labels(&a["labels"]);
            let alertname = l.remove("alertname").unwrap_or_default();
            let ids = |k: &str| -> Vec<String> {
                a["status"][k]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(string)
                    .collect()
            };
            ActiveAlert {
                alertname,
                labels: l,
                state: string(&a["status"]["state"]),
                silenced_by: ids("silencedBy"),
                inhibited_by: ids("inhibitedBy"),
                starts_at: string(&a["startsAt"]),
            }
        })
        .collect()
}

/// One matcher in Alertmanager's string syntax: `name="value"`, `name=~"re"`, `name!=v`.
pub fn parse_matcher(text: &str) -> Option<Matcher> {
    let t = text
        .trim()
        .trim_start_matches('{')
        .trim_end_matches('}')
        .trim();
    let (pos, op) = ["=~", "!~", "!=", "="]
        .iter()
        .filter_map(|op| t.find(op).map(|p| (p, *op)))
        .min_by_key(|(p, op)| (*p, std::cmp::Reverse(op.len())))?;
    let name = t[..pos].trim().to_string();
    let raw = t[pos + op.len()..].trim();
    let value = raw
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .map(|v| v.replace("\\\"", "\"").replace("\\\\", "\\"))
        .unwrap_or_else(|| raw.to_string());
    if name.is_empty() {
        return None;
    }
    Some(Matcher {
        name,
        value,
        is_regex: op.contains('~'),
        is_equal: !op.starts_with('!'),
    })
}

fn matchers(rule: &serde_json::Value, new: &str, old: &str) -> Vec<Matcher> {
    let mut out: Vec<Matcher> = rule[new]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m.as_str().and_then(parse_matcher))
        .collect();
    for (key, is_regex) in [(old.to_string(), false), (format!("{old}_re"), true)] {
        if let Some(map) = rule[key.as_str()].as_object() {
            out.extend(map.iter().map(|(k, v)| Matcher {
                name: k.clone(),
                value: string(v),
                is_regex,
                is_equal: true,
            }));
        }
    }
    out
}

/// The `inhibit_rules` of an Alertmanager configuration (its YAML); none when it does not
/// parse.
pub fn inhibit_rules(config_yaml: &str) -> Vec<InhibitRule> {
    let Ok(cfg) = serde_saphyr::from_str::<serde_json::Value>(config_yaml) else {
        return Vec::new();
    };
    cfg["inhibit_rules"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| InhibitRule {
            source: matchers(r, "source_matchers", "source_match"),
            target: matchers(r, "target_matchers", "target_match"),
            equal: r["equal"]
                .as_array()
                .into_iter()
                .flatten()
                .map(string)
                .collect(),
        })
        .collect()
}

fn route(node: &serde_json::Value, parent_receiver: &str) -> Route {
    let receiver = node["receiver"]
        .as_str()
        .unwrap_or(parent_receiver)
        .to_string();
    Route {
        matchers: matchers(node, "matchers", "match"),
        continue_matching: node["continue"].as_bool().unwrap_or(false),
        routes: node["routes"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|c| route(c, &receiver))
            .collect(),
        receiver,
    }
}

/// The routing tree and receivers of an Alertmanager configuration (its YAML); `None` when
/// it does not parse or has no route.
pub fn routing(config_yaml: &str) -> Option<Routing> {
    let cfg = serde_saphyr::from_str::<serde_json::Value>(config_yaml).ok()?;
    let root = cfg.get("route").filter(|r| r.is_object())?;
    let receivers = cfg["receivers"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| {
            let name = r["name"].as_str()?.to_string();
            let kinds = r
                .as_object()
                .into_iter()
                .flatten()
                .filter_map(|(k, v)| {
                    let kind = k.strip_suffix("_configs")?;
                    v.as_array()
                        .is_some_and(|a| !a.is_empty())
                        .then(|| kind.to_string())
                })
                .collect();
            Some((name, kinds))
        })
        .collect();
    Some(Routing {
        root: route(root, ""),
        receivers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_routing_tree_inherits_receivers_and_knows_what_each_sends_to() {
        let r = routing(
            "route:\n  receiver: team\n  routes:\n  - matchers: ['severity=\"info\"']\n    receiver: blackhole\n  - match: {team: db}\n    continue: true\n    routes:\n    - match_re: {service: 'pg.*'}\nreceivers:\n- name: team\n  slack_configs: [{channel: '#t'}]\n  webhook_configs: [{url: 'http://x'}]\n- name: blackhole\n",
        )
        .expect("routing");
        assert_eq!(r.root.receiver, "team");
        assert_eq!(r.root.routes[0].receiver, "blackhole");
        assert_eq!(r.root.routes[1].matchers[0].name, "team");
        assert!(r.root.routes[1].continue_matching);
        assert_eq!(r.root.routes[1].routes[0].receiver, "team", "inherited");
        assert!(r.root.routes[1].routes[0].matchers[0].is_regex);
        assert_eq!(r.receivers["team"], vec!["slack", "webhook"]);
        assert!(r.receivers["blackhole"].is_empty());
        assert!(routing("not: [yaml").is_none());
    }

    #[test]
    fn matchers_parse_in_alertmanager_syntax() {
        let m = parse_matcher(r#"alertname="HighLatency""#).expect("test input");
        assert_eq!(
            (m.name.as_str(), m.value.as_str()),
            ("alertname", "HighLatency")
        );
        assert!(m.is_equal && !m.is_regex);
        let m = parse_matcher("severity=~crit.*").expect("test input");
        assert!(m.is_regex && m.is_equal);
        let m = parse_matcher(r#"{env!="dev"}"#).expect("test input");
        assert!(!m.is_equal && !m.is_regex);
        assert_eq!(m.value, "dev");
        let m = parse_matcher(r#"team!~"a|b""#).expect("test input");
        assert!(!m.is_equal && m.is_regex);
        assert!(parse_matcher("=x").is_none());
        assert!(parse_matcher("novalue").is_none());
    }

    #[test]
    fn inhibit_rules_are_read_in_both_syntaxes() {
        let cfg = "route: {receiver: x}\nreceivers: [{name: x}]\ninhibit_rules:\n- source_matchers: ['severity=\"critical\"']\n  target_matchers: ['severity=\"warning\"']\n  equal: [namespace]\n- source_match: {alertname: A}\n  target_match_re: {alertname: 'B|C'}\n";
        let r = inhibit_rules(cfg);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].equal, vec!["namespace"]);
        assert_eq!(r[0].source[0].value, "critical");
        assert_eq!(r[1].source[0].name, "alertname");
        assert!(r[1].target[0].is_regex);
        assert!(inhibit_rules("{{not yaml").is_empty());
    }

    #[test]
    fn silences_and_alerts_are_read_from_the_v2_shapes() {
        let s = serde_json::json!([{"id": "1", "matchers": [{"name": "alertname", "value": "A", "isRegex": false, "isEqual": true}],
            "startsAt": "2026-01-01T00:00:00Z", "endsAt": "2026-01-02T00:00:00Z", "createdBy": "me", "comment": "deploy", "status": {"state": "active"}}]);
        let s = parse_silences(&s);
        assert_eq!((s[0].state.as_str(), s[0].matchers.len()), ("active", 1));
        let a = serde_json::json!([{"labels": {"alertname": "A", "job": "x"}, "startsAt": "t",
            "status": {"state": "suppressed", "silencedBy": ["1"], "inhibitedBy": []}}]);
        let a = parse_alerts(&a);
        assert_eq!(a[0].alertname, "A");
        assert_eq!(a[0].silenced_by, vec!["1"]);
        assert!(!a[0].labels.contains_key("alertname"));
    }
}
