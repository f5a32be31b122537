
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'kubectl-alerts' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'kubectl-alerts'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'kubectl-alerts' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use for CLI requests')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'If present, the namespace scope for this CLI request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'If present, the namespace scope for this CLI request')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Selector (label query) to filter on, supports ''='', ''=='', ''!='', ''in'', ''notin''')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Selector (label query) to filter on, supports ''='', ''=='', ''!='', ''in'', ''notin''')
            [CompletionResult]::new('--field-selector', '--field-selector', [CompletionResultType]::ParameterName, 'Selector (field query) to filter on, supports ''='', ''=='', and ''!=''')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don''t timeout requests')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour in human-readable output')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'If true, the server''s certificate will not be checked for validity. This will make your HTTPS connections insecure')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'When using the default or custom-column output format, don''t print headers (default print headers)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Everything: totals, top offenders, recommendations and every finding')
            [CompletionResult]::new('top', 'top', [CompletionResultType]::ParameterValue, 'The alerts that notify most, with their share, rate and actionability')
            [CompletionResult]::new('flapping', 'flapping', [CompletionResultType]::ParameterValue, 'Label sets that flapped: percent state change, stretches, transitions per hour')
            [CompletionResult]::new('rules', 'rules', [CompletionResultType]::ParameterValue, 'Rule hygiene: dead, broken, no for/severity/runbook/summary (a CI gate with --fail-on)')
            [CompletionResult]::new('silences', 'silences', [CompletionResultType]::ParameterValue, 'Alertmanager''s silences and what is wrong with them')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Live: print alerts as they start and end, and flag flapping as it happens')
            [CompletionResult]::new('checks', 'checks', [CompletionResultType]::ParameterValue, 'List the checks `kubectl alerts` raises')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-alerts;report' {
            [CompletionResult]::new('--prometheus', '--prometheus', [CompletionResultType]::ParameterName, 'Prometheus (or Thanos, Mimir, VictoriaMetrics): http(s)://HOST:PORT[/PREFIX], or svc/NAME:PORT in -n''s namespace, reached through the API server''s service proxy. Commands that read a fleet take it several times as CLUSTER=URL')
            [CompletionResult]::new('--prometheus-token', '--prometheus-token', [CompletionResultType]::ParameterName, 'Bearer token for Prometheus')
            [CompletionResult]::new('--prometheus-basic-auth', '--prometheus-basic-auth', [CompletionResultType]::ParameterName, 'Basic auth for Prometheus, USER:PASSWORD')
            [CompletionResult]::new('--prometheus-ca', '--prometheus-ca', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) to verify an https Prometheus with')
            [CompletionResult]::new('--alertmanager', '--alertmanager', [CompletionResultType]::ParameterName, 'Alertmanager (http(s)://HOST:PORT or svc/NAME:PORT): silences, current alerts, inhibit rules')
            [CompletionResult]::new('--from-webhooks', '--from-webhooks', [CompletionResultType]::ParameterName, 'Read the history from a file of Alertmanager webhook payloads (JSON lines; - for stdin) instead of Prometheus')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'How far back to look')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'End of the window (RFC 3339 or Unix seconds; default now)')
            [CompletionResult]::new('--step', '--step', [CompletionResultType]::ParameterName, 'Resolution of the history (default: the shortest rule evaluation interval, else 1m)')
            [CompletionResult]::new('--transient', '--transient', [CompletionResultType]::ParameterName, 'An episode that resolves within this is transient')
            [CompletionResult]::new('--stuck', '--stuck', [CompletionResultType]::ParameterName, 'Firing longer than this is stuck')
            [CompletionResult]::new('--tiers', '--tiers', [CompletionResultType]::ParameterName, 'Severity to tier mapping over the defaults (page/emergency=P0, critical=P1, error/high/major=P2, warning/minor=P3, info/low/none and missing=P4)')
            [CompletionResult]::new('--urgent-target', '--urgent-target', [CompletionResultType]::ParameterName, 'Target share of P0/P1 notifications')
            [CompletionResult]::new('--cofiring-overlap', '--cofiring-overlap', [CompletionResultType]::ParameterName, 'Two alerts co-fire when they overlap this share of the smaller one''s firing time')
            [CompletionResult]::new('--timezone', '--timezone', [CompletionResultType]::ParameterName, 'Time zone of the heat map (IANA name)')
            [CompletionResult]::new('--business-hours', '--business-hours', [CompletionResultType]::ParameterName, 'Business hours for the off-hours share, FROM-TO in the time zone')
            [CompletionResult]::new('--top', '--top', [CompletionResultType]::ParameterName, 'Alerts in the top-offender table')
            [CompletionResult]::new('--html', '--html', [CompletionResultType]::ParameterName, 'Also write a self-contained HTML report (heat map, top-offender bars, timelines)')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Exit 1 when a finding is at least this severe')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use for CLI requests')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'If present, the namespace scope for this CLI request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'If present, the namespace scope for this CLI request')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Selector (label query) to filter on, supports ''='', ''=='', ''!='', ''in'', ''notin''')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Selector (label query) to filter on, supports ''='', ''=='', ''!='', ''in'', ''notin''')
            [CompletionResult]::new('--field-selector', '--field-selector', [CompletionResultType]::ParameterName, 'Selector (field query) to filter on, supports ''='', ''=='', and ''!=''')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don''t timeout requests')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour in human-readable output')
            [CompletionResult]::new('--prometheus-insecure-skip-verify', '--prometheus-insecure-skip-verify', [CompletionResultType]::ParameterName, 'Do not verify the Prometheus server''s certificate (insecure)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'If true, the server''s certificate will not be checked for validity. This will make your HTTPS connections insecure')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'When using the default or custom-column output format, don''t print headers (default print headers)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'kubectl-alerts;top' {
            [CompletionResult]::new('--prometheus', '--prometheus', [CompletionResultType]::ParameterName, 'Prometheus (or Thanos, Mimir, VictoriaMetrics): http(s)://HOST:PORT[/PREFIX], or svc/NAME:PORT in -n''s namespace, reached through the API server''s service proxy. Commands that read a fleet take it several times as CLUSTER=URL')
            [CompletionResult]::new('--prometheus-token', '--prometheus-token', [CompletionResultType]::ParameterName, 'Bearer token for Prometheus')
            [CompletionResult]::new('--prometheus-basic-auth', '--prometheus-basic-auth', [CompletionResultType]::ParameterName, 'Basic auth for Prometheus, USER:PASSWORD')
            [CompletionResult]::new('--prometheus-ca', '--prometheus-ca', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) to verify an https Prometheus with')
            [CompletionResult]::new('--alertmanager', '--alertmanager', [CompletionResultType]::ParameterName, 'Alertmanager (http(s)://HOST:PORT or svc/NAME:PORT): silences, current alerts, inhibit rules')
            [CompletionResult]::new('--from-webhooks', '--from-webhooks', [CompletionResultType]::ParameterName, 'Read the history from a file of Alertmanager webhook payloads (JSON lines; - for stdin) instead of Prometheus')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'How far back to look')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'End of the window (RFC 3339 or Unix seconds; default now)')
            [CompletionResult]::new('--step', '--step', [CompletionResultType]::ParameterName, 'Resolution of the history (default: the shortest rule evaluation interval, else 1m)')
            [CompletionResult]::new('--transient', '--transient', [CompletionResultType]::ParameterName, 'An episode that resolves within this is transient')
            [CompletionResult]::new('--stuck', '--stuck', [CompletionResultType]::ParameterName, 'Firing longer than this is stuck')
            [CompletionResult]::new('--tiers', '--tiers', [CompletionResultType]::ParameterName, 'Severity to tier mapping over the defaults (page/emergency=P0, critical=P1, error/high/major=P2, warning/minor=P3, info/low/none and missing=P4)')
            [CompletionResult]::new('--urgent-target', '--urgent-target', [CompletionResultType]::ParameterName, 'Target share of P0/P1 notifications')
            [CompletionResult]::new('--cofiring-overlap', '--cofiring-overlap', [CompletionResultType]::ParameterName, 'Two alerts co-fire when they overlap this share of the smaller one''s firing time')
            [CompletionResult]::new('--timezone', '--timezone', [CompletionResultType]::ParameterName, 'Time zone of the heat map (IANA name)')
            [CompletionResult]::new('--business-hours', '--business-hours', [CompletionResultType]::ParameterName, 'Business hours for the off-hours share, FROM-TO in the time zone')
            [CompletionResult]::new('--top', '--top', [CompletionResultType]::ParameterName, 'How many')
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'Rank by')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use for CLI requests')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'If present, the namespace scope for this CLI request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'If present, the namespace scope for this CLI request')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Selector (label query) to filter on, supports ''='', ''=='', ''!='', ''in'', ''notin''')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Selector (label query) to filter on, supports ''='', ''=='', ''!='', ''in'', ''notin''')
            [CompletionResult]::new('--field-selector', '--field-selector', [CompletionResultType]::ParameterName, 'Selector (field query) to filter on, supports ''='', ''=='', and ''!=''')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don''t timeout requests')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour in human-readable output')
            [CompletionResult]::new('--prometheus-insecure-skip-verify', '--prometheus-insecure-skip-verify', [CompletionResultType]::ParameterName, 'Do not verify the Prometheus server''s certificate (insecure)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'If true, the server''s certificate will not be checked for validity. This will make your HTTPS connections insecure')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'When using the default or custom-column output format, don''t print headers (default print headers)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'kubectl-alerts;flapping' {
            [CompletionResult]::new('--prometheus', '--prometheus', [CompletionResultType]::ParameterName, 'Prometheus (or Thanos, Mimir, VictoriaMetrics): http(s)://HOST:PORT[/PREFIX], or svc/NAME:PORT in -n''s namespace, reached through the API server''s service proxy. Commands that read a fleet take it several times as CLUSTER=URL')
            [CompletionResult]::new('--prometheus-token', '--prometheus-token', [CompletionResultType]::ParameterName, 'Bearer token for Prometheus')
            [CompletionResult]::new('--prometheus-basic-auth', '--prometheus-basic-auth', [CompletionResultType]::ParameterName, 'Basic auth for Prometheus, USER:PASSWORD')
            [CompletionResult]::new('--prometheus-ca', '--prometheus-ca', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) to verify an https Prometheus with')
            [CompletionResult]::new('--alertmanager', '--alertmanager', [CompletionResultType]::ParameterName, 'Alertmanager (http(s)://HOST:PORT or svc/NAME:PORT): silences, current alerts, inhibit rules')
            [CompletionResult]::new('--from-webhooks', '--from-webhooks', [CompletionResultType]::ParameterName, 'Read the history from a file of Alertmanager webhook payloads (JSON lines; - for stdin) instead of Prometheus')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'How far back to look')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'End of the window (RFC 3339 or Unix seconds; default now)')
            [CompletionResult]::new('--step', '--step', [CompletionResultType]::ParameterName, 'Resolution of the history (default: the shortest rule evaluation interval, else 1m)')
            [CompletionResult]::new('--transient', '--transient', [CompletionResultType]::ParameterName, 'An episode that resolves within this is transient')
            [CompletionResult]::new('--stuck', '--stuck', [CompletionResultType]::ParameterName, 'Firing longer than this is stuck')
            [CompletionResult]::new('--tiers', '--tiers', [CompletionResultType]::ParameterName, 'Severity to tier mapping over the defaults (page/emergency=P0, critical=P1, error/high/major=P2, warning/minor=P3, info/low/none and missing=P4)')
            [CompletionResult]::new('--urgent-target', '--urgent-target', [CompletionResultType]::ParameterName, 'Target share of P0/P1 notifications')
            [CompletionResult]::new('--cofiring-overlap', '--cofiring-overlap', [CompletionResultType]::ParameterName, 'Two alerts co-fire when they overlap this share of the smaller one''s firing time')
            [CompletionResult]::new('--timezone', '--timezone', [CompletionResultType]::ParameterName, 'Time zone of the heat map (IANA name)')
            [CompletionResult]::new('--business-hours', '--business-hours', [CompletionResultType]::ParameterName, 'Business hours for the off-hours share, FROM-TO in the time zone')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use for CLI requests')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'If present, the namespace scope for this CLI request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'If present, the namespace scope for this CLI request')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Selector (label query) to filter on, supports ''='', ''=='', ''!='', ''in'', ''notin''')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Selector (label query) to filter on, supports ''='', ''=='', ''!='', ''in'', ''notin''')
            [CompletionResult]::new('--field-selector', '--field-selector', [CompletionResultType]::ParameterName, 'Selector (field query) to filter on, supports ''='', ''=='', and ''!=''')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don''t timeout requests')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour in human-readable output')
            [CompletionResult]::new('--prometheus-insecure-skip-verify', '--prometheus-insecure-skip-verify', [CompletionResultType]::ParameterName, 'Do not verify the Prometheus server''s certificate (insecure)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'If true, the server''s certificate will not be checked for validity. This will make your HTTPS connections insecure')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'When using the default or custom-column output format, don''t print headers (default print headers)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'kubectl-alerts;rules' {
            [CompletionResult]::new('--prometheus', '--prometheus', [CompletionResultType]::ParameterName, 'Prometheus (or Thanos, Mimir, VictoriaMetrics): http(s)://HOST:PORT[/PREFIX], or svc/NAME:PORT in -n''s namespace, reached through the API server''s service proxy. Commands that read a fleet take it several times as CLUSTER=URL')
            [CompletionResult]::new('--prometheus-token', '--prometheus-token', [CompletionResultType]::ParameterName, 'Bearer token for Prometheus')
            [CompletionResult]::new('--prometheus-basic-auth', '--prometheus-basic-auth', [CompletionResultType]::ParameterName, 'Basic auth for Prometheus, USER:PASSWORD')
            [CompletionResult]::new('--prometheus-ca', '--prometheus-ca', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) to verify an https Prometheus with')
            [CompletionResult]::new('--alertmanager', '--alertmanager', [CompletionResultType]::ParameterName, 'Alertmanager (http(s)://HOST:PORT or svc/NAME:PORT): silences, current alerts, inhibit rules')
            [CompletionResult]::new('--from-webhooks', '--from-webhooks', [CompletionResultType]::ParameterName, 'Read the history from a file of Alertmanager webhook payloads (JSON lines; - for stdin) instead of Prometheus')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'How far back to look')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'End of the window (RFC 3339 or Unix seconds; default now)')
            [CompletionResult]::new('--step', '--step', [CompletionResultType]::ParameterName, 'Resolution of the history (default: the shortest rule evaluation interval, else 1m)')
            [CompletionResult]::new('--transient', '--transient', [CompletionResultType]::ParameterName, 'An episode that resolves within this is transient')
            [CompletionResult]::new('--stuck', '--stuck', [CompletionResultType]::ParameterName, 'Firing longer than this is stuck')
            [CompletionResult]::new('--tiers', '--tiers', [CompletionResultType]::ParameterName, 'Severity to tier mapping over the defaults (page/emergency=P0, critical=P1, error/high/major=P2, warning/minor=P3, info/low/none and missing=P4)')
            [CompletionResult]::new('--urgent-target', '--urgent-target', [CompletionResultType]::ParameterName, 'Target share of P0/P1 notifications')
            [CompletionResult]::new('--cofiring-overlap', '--cofiring-overlap', [CompletionResultType]::ParameterName, 'Two alerts co-fire when they overlap this share of the smaller one''s firing time')
            [CompletionResult]::new('--timezone', '--timezone', [CompletionResultType]::ParameterName, 'Time zone of the heat map (IANA name)')
            [CompletionResult]::new('--business-hours', '--business-hours', [CompletionResultType]::ParameterName, 'Business hours for the off-hours share, FROM-TO in the time zone')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Exit 1 when a finding is at least this severe')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use for CLI requests')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'If present, the namespace scope for this CLI request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'If present, the namespace scope for this CLI request')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Selector (label query) to filter on, supports ''='', ''=='', ''!='', ''in'', ''notin''')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Selector (label query) to filter on, supports ''='', ''=='', ''!='', ''in'', ''notin''')
            [CompletionResult]::new('--field-selector', '--field-selector', [CompletionResultType]::ParameterName, 'Selector (field query) to filter on, supports ''='', ''=='', and ''!=''')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don''t timeout requests')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour in human-readable output')
            [CompletionResult]::new('--prometheus-insecure-skip-verify', '--prometheus-insecure-skip-verify', [CompletionResultType]::ParameterName, 'Do not verify the Prometheus server''s certificate (insecure)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'If true, the server''s certificate will not be checked for validity. This will make your HTTPS connections insecure')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'When using the default or custom-column output format, don''t print headers (default print headers)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'kubectl-alerts;silences' {
            [CompletionResult]::new('--prometheus', '--prometheus', [CompletionResultType]::ParameterName, 'Prometheus (or Thanos, Mimir, VictoriaMetrics): http(s)://HOST:PORT[/PREFIX], or svc/NAME:PORT in -n''s namespace, reached through the API server''s service proxy. Commands that read a fleet take it several times as CLUSTER=URL')
            [CompletionResult]::new('--prometheus-token', '--prometheus-token', [CompletionResultType]::ParameterName, 'Bearer token for Prometheus')
            [CompletionResult]::new('--prometheus-basic-auth', '--prometheus-basic-auth', [CompletionResultType]::ParameterName, 'Basic auth for Prometheus, USER:PASSWORD')
            [CompletionResult]::new('--prometheus-ca', '--prometheus-ca', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) to verify an https Prometheus with')
            [CompletionResult]::new('--alertmanager', '--alertmanager', [CompletionResultType]::ParameterName, 'Alertmanager (http(s)://HOST:PORT or svc/NAME:PORT): silences, current alerts, inhibit rules')
            [CompletionResult]::new('--from-webhooks', '--from-webhooks', [CompletionResultType]::ParameterName, 'Read the history from a file of Alertmanager webhook payloads (JSON lines; - for stdin) instead of Prometheus')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'How far back to look')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'End of the window (RFC 3339 or Unix seconds; default now)')
            [CompletionResult]::new('--step', '--step', [CompletionResultType]::ParameterName, 'Resolution of the history (default: the shortest rule evaluation interval, else 1m)')
            [CompletionResult]::new('--transient', '--transient', [CompletionResultType]::ParameterName, 'An episode that resolves within this is transient')
            [CompletionResult]::new('--stuck', '--stuck', [CompletionResultType]::ParameterName, 'Firing longer than this is stuck')
            [CompletionResult]::new('--tiers', '--tiers', [CompletionResultType]::ParameterName, 'Severity to tier mapping over the defaults (page/emergency=P0, critical=P1, error/high/major=P2, warning/minor=P3, info/low/none and missing=P4)')
            [CompletionResult]::new('--urgent-target', '--urgent-target', [CompletionResultType]::ParameterName, 'Target share of P0/P1 notifications')
            [CompletionResult]::new('--cofiring-overlap', '--cofiring-overlap', [CompletionResultType]::ParameterName, 'Two alerts co-fire when they overlap this share of the smaller one''s firing time')
            [CompletionResult]::new('--timezone', '--timezone', [CompletionResultType]::ParameterName, 'Time zone of the heat map (IANA name)')
            [CompletionResult]::new('--business-hours', '--business-hours', [CompletionResultType]::ParameterName, 'Business hours for the off-hours share, FROM-TO in the time zone')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use for CLI requests')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'If present, the namespace scope for this CLI request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'If present, the namespace scope for this CLI request')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Selector (label query) to filter on, supports ''='', ''=='', ''!='', ''in'', ''notin''')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Selector (label query) to filter on, supports ''='', ''=='', ''!='', ''in'', ''notin''')
            [CompletionResult]::new('--field-selector', '--field-selector', [CompletionResultType]::ParameterName, 'Selector (field query) to filter on, supports ''='', ''=='', and ''!=''')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don''t timeout requests')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour in human-readable output')
            [CompletionResult]::new('--prometheus-insecure-skip-verify', '--prometheus-insecure-skip-verify', [CompletionResultType]::ParameterName, 'Do not verify the Prometheus server''s certificate (insecure)')
            [CompletionResult]::new('--expired', '--expired', [CompletionResultType]::ParameterName, 'Also list expired silences')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'If true, the server''s certificate will not be checked for validity. This will make your HTTPS connections insecure')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'When using the default or custom-column output format, don''t print headers (default print headers)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'kubectl-alerts;watch' {
            [CompletionResult]::new('--prometheus', '--prometheus', [CompletionResultType]::ParameterName, 'Prometheus (or Thanos, Mimir, VictoriaMetrics): http(s)://HOST:PORT[/PREFIX], or svc/NAME:PORT in -n''s namespace, reached through the API server''s service proxy. Commands that read a fleet take it several times as CLUSTER=URL')
            [CompletionResult]::new('--prometheus-token', '--prometheus-token', [CompletionResultType]::ParameterName, 'Bearer token for Prometheus')
            [CompletionResult]::new('--prometheus-basic-auth', '--prometheus-basic-auth', [CompletionResultType]::ParameterName, 'Basic auth for Prometheus, USER:PASSWORD')
            [CompletionResult]::new('--prometheus-ca', '--prometheus-ca', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) to verify an https Prometheus with')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'How often to read `ALERTS`')
            [CompletionResult]::new('--for', '--for', [CompletionResultType]::ParameterName, 'Stop after this long (default: until interrupted)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use for CLI requests')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'If present, the namespace scope for this CLI request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'If present, the namespace scope for this CLI request')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Selector (label query) to filter on, supports ''='', ''=='', ''!='', ''in'', ''notin''')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Selector (label query) to filter on, supports ''='', ''=='', ''!='', ''in'', ''notin''')
            [CompletionResult]::new('--field-selector', '--field-selector', [CompletionResultType]::ParameterName, 'Selector (field query) to filter on, supports ''='', ''=='', and ''!=''')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don''t timeout requests')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour in human-readable output')
            [CompletionResult]::new('--prometheus-insecure-skip-verify', '--prometheus-insecure-skip-verify', [CompletionResultType]::ParameterName, 'Do not verify the Prometheus server''s certificate (insecure)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'If true, the server''s certificate will not be checked for validity. This will make your HTTPS connections insecure')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'When using the default or custom-column output format, don''t print headers (default print headers)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'kubectl-alerts;checks' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use for CLI requests')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'If present, the namespace scope for this CLI request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'If present, the namespace scope for this CLI request')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Selector (label query) to filter on, supports ''='', ''=='', ''!='', ''in'', ''notin''')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Selector (label query) to filter on, supports ''='', ''=='', ''!='', ''in'', ''notin''')
            [CompletionResult]::new('--field-selector', '--field-selector', [CompletionResultType]::ParameterName, 'Selector (field query) to filter on, supports ''='', ''=='', and ''!=''')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don''t timeout requests')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour in human-readable output')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'If true, the server''s certificate will not be checked for validity. This will make your HTTPS connections insecure')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'When using the default or custom-column output format, don''t print headers (default print headers)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'kubectl-alerts;help' {
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Everything: totals, top offenders, recommendations and every finding')
            [CompletionResult]::new('top', 'top', [CompletionResultType]::ParameterValue, 'The alerts that notify most, with their share, rate and actionability')
            [CompletionResult]::new('flapping', 'flapping', [CompletionResultType]::ParameterValue, 'Label sets that flapped: percent state change, stretches, transitions per hour')
            [CompletionResult]::new('rules', 'rules', [CompletionResultType]::ParameterValue, 'Rule hygiene: dead, broken, no for/severity/runbook/summary (a CI gate with --fail-on)')
            [CompletionResult]::new('silences', 'silences', [CompletionResultType]::ParameterValue, 'Alertmanager''s silences and what is wrong with them')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Live: print alerts as they start and end, and flag flapping as it happens')
            [CompletionResult]::new('checks', 'checks', [CompletionResultType]::ParameterValue, 'List the checks `kubectl alerts` raises')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-alerts;help;report' {
            break
        }
        'kubectl-alerts;help;top' {
            break
        }
        'kubectl-alerts;help;flapping' {
            break
        }
        'kubectl-alerts;help;rules' {
            break
        }
        'kubectl-alerts;help;silences' {
            break
        }
        'kubectl-alerts;help;watch' {
            break
        }
        'kubectl-alerts;help;checks' {
            break
        }
        'kubectl-alerts;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
