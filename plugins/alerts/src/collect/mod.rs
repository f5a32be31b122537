//! Reading the history (I/O): Prometheus' `ALERTS`, `ALERTS_FOR_STATE` and rules
//! ([`prometheus`]), Alertmanager's silences, alerts and inhibit rules ([`alertmanager`]),
//! or a file of Alertmanager webhook payloads ([`webhook`]) for teams without long
//! retention.

pub mod alertmanager;
pub mod prometheus;
pub mod webhook;
