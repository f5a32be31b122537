# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_kubectl_alerts_global_optspecs
    string join \n kubeconfig= context= cluster= user= n/namespace= A/all-namespaces l/selector= field-selector= request-timeout= as= as-group= insecure-skip-tls-verify v/v= o/output= no-headers color= h/help V/version
end

function __fish_kubectl_alerts_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_kubectl_alerts_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_kubectl_alerts_using_subcommand
    set -l cmd (__fish_kubectl_alerts_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c kubectl-alerts -n "__fish_kubectl_alerts_needs_command" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-alerts -n "__fish_kubectl_alerts_needs_command" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_needs_command" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_needs_command" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_needs_command" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_needs_command" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_needs_command" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_needs_command" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_needs_command" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_needs_command" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_needs_command" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_needs_command" -s o -l output -d 'Output format' -r -f -a "table\t'Tables'
wide\t'Tables with more columns'
json\t'JSON in the versioned envelope (one object per line for watch)'
yaml\t'YAML in the versioned envelope'
markdown\t'Markdown, for a ticket or a wiki'"
complete -c kubectl-alerts -n "__fish_kubectl_alerts_needs_command" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-alerts -n "__fish_kubectl_alerts_needs_command" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_needs_command" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_needs_command" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_needs_command" -s V -l version -d 'Print version'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_needs_command" -f -a "report" -d 'Everything: totals, top offenders, recommendations and every finding'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_needs_command" -f -a "top" -d 'The alerts that notify most, with their share, rate and actionability'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_needs_command" -f -a "flapping" -d 'Label sets that flapped: percent state change, stretches, transitions per hour'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_needs_command" -f -a "rules" -d 'Rule hygiene: dead, broken, no for/severity/runbook/summary (a CI gate with --fail-on)'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_needs_command" -f -a "silences" -d 'Alertmanager\'s silences and what is wrong with them'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_needs_command" -f -a "watch" -d 'Live: print alerts as they start and end, and flag flapping as it happens'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_needs_command" -f -a "checks" -d 'List the checks `kubectl alerts` raises'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -l prometheus -d 'Prometheus (or Thanos, Mimir, VictoriaMetrics): http(s)://HOST:PORT[/PREFIX], or svc/NAME:PORT in -n\'s namespace, reached through the API server\'s service proxy. Commands that read a fleet take it several times as CLUSTER=URL' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -l prometheus-token -d 'Bearer token for Prometheus' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -l prometheus-basic-auth -d 'Basic auth for Prometheus, USER:PASSWORD' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -l prometheus-ca -d 'Extra CA certificates (PEM) to verify an https Prometheus with' -r -F
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -l alertmanager -d 'Alertmanager (http(s)://HOST:PORT or svc/NAME:PORT): silences, current alerts, inhibit rules' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -l from-webhooks -d 'Read the history from a file of Alertmanager webhook payloads (JSON lines; - for stdin) instead of Prometheus' -r -F
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -l since -d 'How far back to look' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -l until -d 'End of the window (RFC 3339 or Unix seconds; default now)' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -l step -d 'Resolution of the history (default: the shortest rule evaluation interval, else 1m)' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -l transient -d 'An episode that resolves within this is transient' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -l stuck -d 'Firing longer than this is stuck' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -l tiers -d 'Severity to tier mapping over the defaults (page/emergency=P0, critical=P1, error/high/major=P2, warning/minor=P3, info/low/none and missing=P4)' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -l urgent-target -d 'Target share of P0/P1 notifications' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -l cofiring-overlap -d 'Two alerts co-fire when they overlap this share of the smaller one\'s firing time' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -l timezone -d 'Time zone of the heat map (IANA name)' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -l business-hours -d 'Business hours for the off-hours share, FROM-TO in the time zone' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -l top -d 'Alerts in the top-offender table' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -l html -d 'Also write a self-contained HTML report (heat map, top-offender bars, timelines)' -r -F
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -l fail-on -d 'Exit 1 when a finding is at least this severe' -r -f -a "critical\t'Any critical finding'
warning\t'Any warning or critical finding'
info\t'Any finding at all'
never\t'Never'"
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -s o -l output -d 'Output format' -r -f -a "table\t'Tables'
wide\t'Tables with more columns'
json\t'JSON in the versioned envelope (one object per line for watch)'
yaml\t'YAML in the versioned envelope'
markdown\t'Markdown, for a ticket or a wiki'"
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -l prometheus-insecure-skip-verify -d 'Do not verify the Prometheus server\'s certificate (insecure)'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -l prometheus -d 'Prometheus (or Thanos, Mimir, VictoriaMetrics): http(s)://HOST:PORT[/PREFIX], or svc/NAME:PORT in -n\'s namespace, reached through the API server\'s service proxy. Commands that read a fleet take it several times as CLUSTER=URL' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -l prometheus-token -d 'Bearer token for Prometheus' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -l prometheus-basic-auth -d 'Basic auth for Prometheus, USER:PASSWORD' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -l prometheus-ca -d 'Extra CA certificates (PEM) to verify an https Prometheus with' -r -F
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -l alertmanager -d 'Alertmanager (http(s)://HOST:PORT or svc/NAME:PORT): silences, current alerts, inhibit rules' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -l from-webhooks -d 'Read the history from a file of Alertmanager webhook payloads (JSON lines; - for stdin) instead of Prometheus' -r -F
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -l since -d 'How far back to look' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -l until -d 'End of the window (RFC 3339 or Unix seconds; default now)' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -l step -d 'Resolution of the history (default: the shortest rule evaluation interval, else 1m)' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -l transient -d 'An episode that resolves within this is transient' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -l stuck -d 'Firing longer than this is stuck' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -l tiers -d 'Severity to tier mapping over the defaults (page/emergency=P0, critical=P1, error/high/major=P2, warning/minor=P3, info/low/none and missing=P4)' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -l urgent-target -d 'Target share of P0/P1 notifications' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -l cofiring-overlap -d 'Two alerts co-fire when they overlap this share of the smaller one\'s firing time' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -l timezone -d 'Time zone of the heat map (IANA name)' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -l business-hours -d 'Business hours for the off-hours share, FROM-TO in the time zone' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -l top -d 'How many' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -l by -d 'Rank by' -r -f -a "notifications\t'By notifications'
time\t'By time firing'"
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -s o -l output -d 'Output format' -r -f -a "table\t'Tables'
wide\t'Tables with more columns'
json\t'JSON in the versioned envelope (one object per line for watch)'
yaml\t'YAML in the versioned envelope'
markdown\t'Markdown, for a ticket or a wiki'"
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -l prometheus-insecure-skip-verify -d 'Do not verify the Prometheus server\'s certificate (insecure)'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand top" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand flapping" -l prometheus -d 'Prometheus (or Thanos, Mimir, VictoriaMetrics): http(s)://HOST:PORT[/PREFIX], or svc/NAME:PORT in -n\'s namespace, reached through the API server\'s service proxy. Commands that read a fleet take it several times as CLUSTER=URL' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand flapping" -l prometheus-token -d 'Bearer token for Prometheus' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand flapping" -l prometheus-basic-auth -d 'Basic auth for Prometheus, USER:PASSWORD' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand flapping" -l prometheus-ca -d 'Extra CA certificates (PEM) to verify an https Prometheus with' -r -F
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand flapping" -l alertmanager -d 'Alertmanager (http(s)://HOST:PORT or svc/NAME:PORT): silences, current alerts, inhibit rules' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand flapping" -l from-webhooks -d 'Read the history from a file of Alertmanager webhook payloads (JSON lines; - for stdin) instead of Prometheus' -r -F
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand flapping" -l since -d 'How far back to look' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand flapping" -l until -d 'End of the window (RFC 3339 or Unix seconds; default now)' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand flapping" -l step -d 'Resolution of the history (default: the shortest rule evaluation interval, else 1m)' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand flapping" -l transient -d 'An episode that resolves within this is transient' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand flapping" -l stuck -d 'Firing longer than this is stuck' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand flapping" -l tiers -d 'Severity to tier mapping over the defaults (page/emergency=P0, critical=P1, error/high/major=P2, warning/minor=P3, info/low/none and missing=P4)' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand flapping" -l urgent-target -d 'Target share of P0/P1 notifications' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand flapping" -l cofiring-overlap -d 'Two alerts co-fire when they overlap this share of the smaller one\'s firing time' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand flapping" -l timezone -d 'Time zone of the heat map (IANA name)' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand flapping" -l business-hours -d 'Business hours for the off-hours share, FROM-TO in the time zone' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand flapping" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand flapping" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand flapping" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand flapping" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand flapping" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand flapping" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand flapping" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand flapping" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand flapping" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand flapping" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand flapping" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand flapping" -s o -l output -d 'Output format' -r -f -a "table\t'Tables'
wide\t'Tables with more columns'
json\t'JSON in the versioned envelope (one object per line for watch)'
yaml\t'YAML in the versioned envelope'
markdown\t'Markdown, for a ticket or a wiki'"
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand flapping" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand flapping" -l prometheus-insecure-skip-verify -d 'Do not verify the Prometheus server\'s certificate (insecure)'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand flapping" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand flapping" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand flapping" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand flapping" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -l prometheus -d 'Prometheus (or Thanos, Mimir, VictoriaMetrics): http(s)://HOST:PORT[/PREFIX], or svc/NAME:PORT in -n\'s namespace, reached through the API server\'s service proxy. Commands that read a fleet take it several times as CLUSTER=URL' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -l prometheus-token -d 'Bearer token for Prometheus' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -l prometheus-basic-auth -d 'Basic auth for Prometheus, USER:PASSWORD' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -l prometheus-ca -d 'Extra CA certificates (PEM) to verify an https Prometheus with' -r -F
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -l alertmanager -d 'Alertmanager (http(s)://HOST:PORT or svc/NAME:PORT): silences, current alerts, inhibit rules' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -l from-webhooks -d 'Read the history from a file of Alertmanager webhook payloads (JSON lines; - for stdin) instead of Prometheus' -r -F
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -l since -d 'How far back to look' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -l until -d 'End of the window (RFC 3339 or Unix seconds; default now)' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -l step -d 'Resolution of the history (default: the shortest rule evaluation interval, else 1m)' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -l transient -d 'An episode that resolves within this is transient' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -l stuck -d 'Firing longer than this is stuck' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -l tiers -d 'Severity to tier mapping over the defaults (page/emergency=P0, critical=P1, error/high/major=P2, warning/minor=P3, info/low/none and missing=P4)' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -l urgent-target -d 'Target share of P0/P1 notifications' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -l cofiring-overlap -d 'Two alerts co-fire when they overlap this share of the smaller one\'s firing time' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -l timezone -d 'Time zone of the heat map (IANA name)' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -l business-hours -d 'Business hours for the off-hours share, FROM-TO in the time zone' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -l fail-on -d 'Exit 1 when a finding is at least this severe' -r -f -a "critical\t'Any critical finding'
warning\t'Any warning or critical finding'
info\t'Any finding at all'
never\t'Never'"
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -s o -l output -d 'Output format' -r -f -a "table\t'Tables'
wide\t'Tables with more columns'
json\t'JSON in the versioned envelope (one object per line for watch)'
yaml\t'YAML in the versioned envelope'
markdown\t'Markdown, for a ticket or a wiki'"
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -l prometheus-insecure-skip-verify -d 'Do not verify the Prometheus server\'s certificate (insecure)'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand rules" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -l prometheus -d 'Prometheus (or Thanos, Mimir, VictoriaMetrics): http(s)://HOST:PORT[/PREFIX], or svc/NAME:PORT in -n\'s namespace, reached through the API server\'s service proxy. Commands that read a fleet take it several times as CLUSTER=URL' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -l prometheus-token -d 'Bearer token for Prometheus' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -l prometheus-basic-auth -d 'Basic auth for Prometheus, USER:PASSWORD' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -l prometheus-ca -d 'Extra CA certificates (PEM) to verify an https Prometheus with' -r -F
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -l alertmanager -d 'Alertmanager (http(s)://HOST:PORT or svc/NAME:PORT): silences, current alerts, inhibit rules' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -l from-webhooks -d 'Read the history from a file of Alertmanager webhook payloads (JSON lines; - for stdin) instead of Prometheus' -r -F
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -l since -d 'How far back to look' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -l until -d 'End of the window (RFC 3339 or Unix seconds; default now)' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -l step -d 'Resolution of the history (default: the shortest rule evaluation interval, else 1m)' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -l transient -d 'An episode that resolves within this is transient' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -l stuck -d 'Firing longer than this is stuck' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -l tiers -d 'Severity to tier mapping over the defaults (page/emergency=P0, critical=P1, error/high/major=P2, warning/minor=P3, info/low/none and missing=P4)' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -l urgent-target -d 'Target share of P0/P1 notifications' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -l cofiring-overlap -d 'Two alerts co-fire when they overlap this share of the smaller one\'s firing time' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -l timezone -d 'Time zone of the heat map (IANA name)' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -l business-hours -d 'Business hours for the off-hours share, FROM-TO in the time zone' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -s o -l output -d 'Output format' -r -f -a "table\t'Tables'
wide\t'Tables with more columns'
json\t'JSON in the versioned envelope (one object per line for watch)'
yaml\t'YAML in the versioned envelope'
markdown\t'Markdown, for a ticket or a wiki'"
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -l prometheus-insecure-skip-verify -d 'Do not verify the Prometheus server\'s certificate (insecure)'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -l expired -d 'Also list expired silences'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand silences" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand watch" -l prometheus -d 'Prometheus (or Thanos, Mimir, VictoriaMetrics): http(s)://HOST:PORT[/PREFIX], or svc/NAME:PORT in -n\'s namespace, reached through the API server\'s service proxy. Commands that read a fleet take it several times as CLUSTER=URL' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand watch" -l prometheus-token -d 'Bearer token for Prometheus' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand watch" -l prometheus-basic-auth -d 'Basic auth for Prometheus, USER:PASSWORD' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand watch" -l prometheus-ca -d 'Extra CA certificates (PEM) to verify an https Prometheus with' -r -F
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand watch" -l interval -d 'How often to read `ALERTS`' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand watch" -l for -d 'Stop after this long (default: until interrupted)' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand watch" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand watch" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand watch" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand watch" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand watch" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand watch" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand watch" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand watch" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand watch" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand watch" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand watch" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand watch" -s o -l output -d 'Output format' -r -f -a "table\t'Tables'
wide\t'Tables with more columns'
json\t'JSON in the versioned envelope (one object per line for watch)'
yaml\t'YAML in the versioned envelope'
markdown\t'Markdown, for a ticket or a wiki'"
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand watch" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand watch" -l prometheus-insecure-skip-verify -d 'Do not verify the Prometheus server\'s certificate (insecure)'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand watch" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand watch" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand watch" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand watch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand checks" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand checks" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand checks" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand checks" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand checks" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand checks" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand checks" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand checks" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand checks" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand checks" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand checks" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand checks" -s o -l output -d 'Output format' -r -f -a "table\t'Tables'
wide\t'Tables with more columns'
json\t'JSON in the versioned envelope (one object per line for watch)'
yaml\t'YAML in the versioned envelope'
markdown\t'Markdown, for a ticket or a wiki'"
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand checks" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand checks" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand checks" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand checks" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand checks" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand help; and not __fish_seen_subcommand_from report top flapping rules silences watch checks help" -f -a "report" -d 'Everything: totals, top offenders, recommendations and every finding'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand help; and not __fish_seen_subcommand_from report top flapping rules silences watch checks help" -f -a "top" -d 'The alerts that notify most, with their share, rate and actionability'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand help; and not __fish_seen_subcommand_from report top flapping rules silences watch checks help" -f -a "flapping" -d 'Label sets that flapped: percent state change, stretches, transitions per hour'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand help; and not __fish_seen_subcommand_from report top flapping rules silences watch checks help" -f -a "rules" -d 'Rule hygiene: dead, broken, no for/severity/runbook/summary (a CI gate with --fail-on)'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand help; and not __fish_seen_subcommand_from report top flapping rules silences watch checks help" -f -a "silences" -d 'Alertmanager\'s silences and what is wrong with them'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand help; and not __fish_seen_subcommand_from report top flapping rules silences watch checks help" -f -a "watch" -d 'Live: print alerts as they start and end, and flag flapping as it happens'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand help; and not __fish_seen_subcommand_from report top flapping rules silences watch checks help" -f -a "checks" -d 'List the checks `kubectl alerts` raises'
complete -c kubectl-alerts -n "__fish_kubectl_alerts_using_subcommand help; and not __fish_seen_subcommand_from report top flapping rules silences watch checks help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
