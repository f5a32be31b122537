//! Pure Kubernetes rules, shared by every plugin that judges manifests or live objects
//! (`kubectl doctor`'s audit today, `kubectl lint` next): functions of API types, no I/O,
//! each rule with a stable id, a severity, a title and a hint ([`pod_spec::RULES`]).

pub mod pod_spec;
