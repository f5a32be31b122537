# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_kubectl_slo_global_optspecs
    string join \n kubeconfig= context= cluster= user= n/namespace= A/all-namespaces l/selector= field-selector= request-timeout= as= as-group= insecure-skip-tls-verify v/v= o/output= no-headers color= h/help V/version
end

function __fish_kubectl_slo_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_kubectl_slo_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_kubectl_slo_using_subcommand
    set -l cmd (__fish_kubectl_slo_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c kubectl-slo -n "__fish_kubectl_slo_needs_command" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-slo -n "__fish_kubectl_slo_needs_command" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_needs_command" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_needs_command" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_needs_command" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_needs_command" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_needs_command" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_needs_command" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_needs_command" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_needs_command" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_needs_command" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_needs_command" -s o -l output -d 'Output format' -r -f -a "table\t'kubectl\'s table look'
wide\t'The table with more columns (hints)'
json\t'The suite\'s versioned JSON envelope'
yaml\t'The same as YAML'
junit\t'JUnit XML (validate)'
sarif\t'SARIF 2.1.0 (validate)'
markdown\t'Markdown (validate, report)'"
complete -c kubectl-slo -n "__fish_kubectl_slo_needs_command" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-slo -n "__fish_kubectl_slo_needs_command" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-slo -n "__fish_kubectl_slo_needs_command" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-slo -n "__fish_kubectl_slo_needs_command" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-slo -n "__fish_kubectl_slo_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-slo -n "__fish_kubectl_slo_needs_command" -s V -l version -d 'Print version'
complete -c kubectl-slo -n "__fish_kubectl_slo_needs_command" -f -a "generate" -d 'Write Prometheus rules (or a PrometheusRule) for the SLOs in FILE(s)'
complete -c kubectl-slo -n "__fish_kubectl_slo_needs_command" -f -a "validate" -d 'Check SLO files: objectives, windows, PromQL, duplicates (file:line:col findings)'
complete -c kubectl-slo -n "__fish_kubectl_slo_needs_command" -f -a "test" -d 'Prove with promtool that the generated rules page, ticket and stay quiet as they should'
complete -c kubectl-slo -n "__fish_kubectl_slo_needs_command" -f -a "report" -d 'Error budgets from live Prometheus: SLI, budget left, burn rates, months'
complete -c kubectl-slo -n "__fish_kubectl_slo_needs_command" -f -a "apply" -d 'Server-side-apply the rules as a prometheus-operator PrometheusRule (refused when the cluster has no such CRD)'
complete -c kubectl-slo -n "__fish_kubectl_slo_needs_command" -f -a "convert" -d 'Write SLOs of any format the suite reads (Sloth, Pyrra, OpenSLO, ours) as ours'
complete -c kubectl-slo -n "__fish_kubectl_slo_needs_command" -f -a "checks" -d 'List the checks `validate` and `report` raise'
complete -c kubectl-slo -n "__fish_kubectl_slo_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand generate" -l rule-style -d 'Whose rule and label names to emit (sloth: Sloth v0.16\'s, so its dashboards keep working)' -r -f -a "sre-toolkit\t'`slo_id`, `slo_service`, `slo_name`, `slo_window`, `slo_tier`'
sloth\t'Sloth v0.16\'s: `sloth_id`, `sloth_service`, `sloth_slo`, `sloth_window`, `sloth_severity`, and its group names'
pyrra\t'Pyrra\'s: error ratios as `<metric>:burnrate<window>`, `pyrra_objective`, `pyrra_window` (seconds), `pyrra_availability`, `pyrra_requests:rate5m` and `pyrra_errors:rate5m`, every series labelled `slo` with the SLO\'s name'"
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand generate" -l prefix -d 'Prefix of the recording rules\' names' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand generate" -l emit -d 'What to write' -r -f -a "rules\t'A Prometheus rule file'
prometheus-rule\t'A prometheus-operator PrometheusRule object'
grafana\t'A Grafana dashboard per SLO (JSON; several need --out-dir)'"
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand generate" -l name -d 'The PrometheusRule\'s name (default: slo-<first SLO\'s service>)' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand generate" -l out-dir -d 'With --emit grafana: write one dashboard per SLO into this directory (`<service>-<name>.json`)' -r -F
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand generate" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand generate" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand generate" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand generate" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand generate" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand generate" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand generate" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand generate" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand generate" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand generate" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand generate" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand generate" -s o -l output -d 'Output format' -r -f -a "table\t'kubectl\'s table look'
wide\t'The table with more columns (hints)'
json\t'The suite\'s versioned JSON envelope'
yaml\t'The same as YAML'
junit\t'JUnit XML (validate)'
sarif\t'SARIF 2.1.0 (validate)'
markdown\t'Markdown (validate, report)'"
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand generate" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand generate" -l inhibit-rules -d 'Write the Alertmanager inhibit_rules (a page silences its ticket) instead of rules'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand generate" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand generate" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand generate" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand generate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand validate" -l fail-on -d 'Exit 1 on findings at or above this severity' -r -f -a "critical\t'Any critical finding'
warning\t'Any warning or critical finding'
info\t'Any finding at all'
never\t'Never'"
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand validate" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand validate" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand validate" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand validate" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand validate" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand validate" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand validate" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand validate" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand validate" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand validate" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand validate" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand validate" -s o -l output -d 'Output format' -r -f -a "table\t'kubectl\'s table look'
wide\t'The table with more columns (hints)'
json\t'The suite\'s versioned JSON envelope'
yaml\t'The same as YAML'
junit\t'JUnit XML (validate)'
sarif\t'SARIF 2.1.0 (validate)'
markdown\t'Markdown (validate, report)'"
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand validate" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand validate" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand validate" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand validate" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand test" -l rule-style -d 'Whose rule and label names to emit (sloth: Sloth v0.16\'s, so its dashboards keep working)' -r -f -a "sre-toolkit\t'`slo_id`, `slo_service`, `slo_name`, `slo_window`, `slo_tier`'
sloth\t'Sloth v0.16\'s: `sloth_id`, `sloth_service`, `sloth_slo`, `sloth_window`, `sloth_severity`, and its group names'
pyrra\t'Pyrra\'s: error ratios as `<metric>:burnrate<window>`, `pyrra_objective`, `pyrra_window` (seconds), `pyrra_availability`, `pyrra_requests:rate5m` and `pyrra_errors:rate5m`, every series labelled `slo` with the SLO\'s name'"
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand test" -l prefix -d 'Prefix of the recording rules\' names' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand test" -l keep -d 'Keep the rules and the promtool test files in DIR' -r -F
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand test" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand test" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand test" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand test" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand test" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand test" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand test" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand test" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand test" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand test" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand test" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand test" -s o -l output -d 'Output format' -r -f -a "table\t'kubectl\'s table look'
wide\t'The table with more columns (hints)'
json\t'The suite\'s versioned JSON envelope'
yaml\t'The same as YAML'
junit\t'JUnit XML (validate)'
sarif\t'SARIF 2.1.0 (validate)'
markdown\t'Markdown (validate, report)'"
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand test" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand test" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand test" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand test" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand test" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand report" -l prometheus -d 'Prometheus (or Thanos, Mimir, VictoriaMetrics): http(s)://HOST:PORT[/PREFIX], or svc/NAME:PORT in -n\'s namespace, reached through the API server\'s service proxy. Commands that read a fleet take it several times as CLUSTER=URL' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand report" -l prometheus-token -d 'Bearer token for Prometheus' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand report" -l prometheus-basic-auth -d 'Basic auth for Prometheus, USER:PASSWORD' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand report" -l prometheus-ca -d 'Extra CA certificates (PEM) to verify an https Prometheus with' -r -F
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand report" -l at -d 'Report as of TIME (RFC 3339 or Unix seconds) instead of now' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand report" -l by-month -d 'Also each of the last N calendar months (UTC), the current one so far' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand report" -l fail-on -d 'Exit 1 when an SLO is at or above this: critical = budget spent, warning = burning or no data' -r -f -a "critical\t'Any critical finding'
warning\t'Any warning or critical finding'
info\t'Any finding at all'
never\t'Never'"
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand report" -l html -d 'Also write a self-contained HTML report (budget burn-down and burn-rate charts)' -r -F
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand report" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand report" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand report" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand report" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand report" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand report" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand report" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand report" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand report" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand report" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand report" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand report" -s o -l output -d 'Output format' -r -f -a "table\t'kubectl\'s table look'
wide\t'The table with more columns (hints)'
json\t'The suite\'s versioned JSON envelope'
yaml\t'The same as YAML'
junit\t'JUnit XML (validate)'
sarif\t'SARIF 2.1.0 (validate)'
markdown\t'Markdown (validate, report)'"
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand report" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand report" -l prometheus-insecure-skip-verify -d 'Do not verify the Prometheus server\'s certificate (insecure)'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand report" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand report" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand report" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand apply" -l rule-style -d 'Whose rule and label names to emit (sloth: Sloth v0.16\'s, so its dashboards keep working)' -r -f -a "sre-toolkit\t'`slo_id`, `slo_service`, `slo_name`, `slo_window`, `slo_tier`'
sloth\t'Sloth v0.16\'s: `sloth_id`, `sloth_service`, `sloth_slo`, `sloth_window`, `sloth_severity`, and its group names'
pyrra\t'Pyrra\'s: error ratios as `<metric>:burnrate<window>`, `pyrra_objective`, `pyrra_window` (seconds), `pyrra_availability`, `pyrra_requests:rate5m` and `pyrra_errors:rate5m`, every series labelled `slo` with the SLO\'s name'"
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand apply" -l prefix -d 'Prefix of the recording rules\' names' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand apply" -l name -d 'The PrometheusRule\'s name (default `slo-<service of the first SLO>`)' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand apply" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand apply" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand apply" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand apply" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand apply" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand apply" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand apply" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand apply" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand apply" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand apply" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand apply" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand apply" -s o -l output -d 'Output format' -r -f -a "table\t'kubectl\'s table look'
wide\t'The table with more columns (hints)'
json\t'The suite\'s versioned JSON envelope'
yaml\t'The same as YAML'
junit\t'JUnit XML (validate)'
sarif\t'SARIF 2.1.0 (validate)'
markdown\t'Markdown (validate, report)'"
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand apply" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand apply" -l dry-run -d 'Ask the API server to validate the object without saving it'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand apply" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand apply" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand apply" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand convert" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand convert" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand convert" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand convert" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand convert" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand convert" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand convert" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand convert" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand convert" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand convert" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand convert" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand convert" -s o -l output -d 'Output format' -r -f -a "table\t'kubectl\'s table look'
wide\t'The table with more columns (hints)'
json\t'The suite\'s versioned JSON envelope'
yaml\t'The same as YAML'
junit\t'JUnit XML (validate)'
sarif\t'SARIF 2.1.0 (validate)'
markdown\t'Markdown (validate, report)'"
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand convert" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand convert" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand convert" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand convert" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand convert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand checks" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand checks" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand checks" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand checks" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand checks" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand checks" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand checks" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand checks" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand checks" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand checks" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand checks" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand checks" -s o -l output -d 'Output format' -r -f -a "table\t'kubectl\'s table look'
wide\t'The table with more columns (hints)'
json\t'The suite\'s versioned JSON envelope'
yaml\t'The same as YAML'
junit\t'JUnit XML (validate)'
sarif\t'SARIF 2.1.0 (validate)'
markdown\t'Markdown (validate, report)'"
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand checks" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand checks" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand checks" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand checks" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand checks" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand help; and not __fish_seen_subcommand_from generate validate test report apply convert checks help" -f -a "generate" -d 'Write Prometheus rules (or a PrometheusRule) for the SLOs in FILE(s)'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand help; and not __fish_seen_subcommand_from generate validate test report apply convert checks help" -f -a "validate" -d 'Check SLO files: objectives, windows, PromQL, duplicates (file:line:col findings)'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand help; and not __fish_seen_subcommand_from generate validate test report apply convert checks help" -f -a "test" -d 'Prove with promtool that the generated rules page, ticket and stay quiet as they should'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand help; and not __fish_seen_subcommand_from generate validate test report apply convert checks help" -f -a "report" -d 'Error budgets from live Prometheus: SLI, budget left, burn rates, months'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand help; and not __fish_seen_subcommand_from generate validate test report apply convert checks help" -f -a "apply" -d 'Server-side-apply the rules as a prometheus-operator PrometheusRule (refused when the cluster has no such CRD)'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand help; and not __fish_seen_subcommand_from generate validate test report apply convert checks help" -f -a "convert" -d 'Write SLOs of any format the suite reads (Sloth, Pyrra, OpenSLO, ours) as ours'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand help; and not __fish_seen_subcommand_from generate validate test report apply convert checks help" -f -a "checks" -d 'List the checks `validate` and `report` raise'
complete -c kubectl-slo -n "__fish_kubectl_slo_using_subcommand help; and not __fish_seen_subcommand_from generate validate test report apply convert checks help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
