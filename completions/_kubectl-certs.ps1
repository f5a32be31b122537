
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'kubectl-certs' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'kubectl-certs'
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
        'kubectl-certs' {
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
            [CompletionResult]::new('--warn', '--warn', [CompletionResultType]::ParameterName, 'Warn about certificates expiring within this long')
            [CompletionResult]::new('--critical', '--critical', [CompletionResultType]::ParameterName, 'Critical when expiring within this long')
            [CompletionResult]::new('--html', '--html', [CompletionResultType]::ParameterName, 'Also write a self-contained HTML report to FILE')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Exit 1 when a finding at or above this severity is found')
            [CompletionResult]::new('--sources', '--sources', [CompletionResultType]::ParameterName, 'Sources to read (comma-separated; default: all)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Probe a live TLS endpoint: HOST[:PORT] or SNI@ADDRESS[:PORT]. Repeatable')
            [CompletionResult]::new('--endpoints-file', '--endpoints-file', [CompletionResultType]::ParameterName, 'Read endpoints from FILE, one per line (# comments)')
            [CompletionResult]::new('--ingress-address', '--ingress-address', [CompletionResultType]::ParameterName, 'With --probe-ingresses, connect here (the ingress controller) instead of resolving each host')
            [CompletionResult]::new('--probe-timeout', '--probe-timeout', [CompletionResultType]::ParameterName, 'Per-endpoint time limit')
            [CompletionResult]::new('--probe-concurrency', '--probe-concurrency', [CompletionResultType]::ParameterName, 'Endpoints probed at once')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra trust anchors (PEM bundle) for chain validation')
            [CompletionResult]::new('--notify-webhook', '--notify-webhook', [CompletionResultType]::ParameterName, 'POST new or worsened findings to URL. Repeatable')
            [CompletionResult]::new('--notify-format', '--notify-format', [CompletionResultType]::ParameterName, 'Payload of --notify-webhook')
            [CompletionResult]::new('--notify-state', '--notify-state', [CompletionResultType]::ParameterName, 'What was already notified (default: $XDG_STATE_HOME/sre-toolkit/certs/CONTEXT.json)')
            [CompletionResult]::new('--notify-retries', '--notify-retries', [CompletionResultType]::ParameterName, 'Retries of a failed delivery (exponential backoff)')
            [CompletionResult]::new('--notify-backoff', '--notify-backoff', [CompletionResultType]::ParameterName, 'Delay before the first retry')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'If true, the server''s certificate will not be checked for validity. This will make your HTTPS connections insecure')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'When using the default or custom-column output format, don''t print headers (default print headers)')
            [CompletionResult]::new('--no-cluster', '--no-cluster', [CompletionResultType]::ParameterName, 'Do not read the cluster at all: only probe --endpoint/--endpoints-file')
            [CompletionResult]::new('--probe-ingresses', '--probe-ingresses', [CompletionResultType]::ParameterName, 'Probe every Ingress TLS host and check it serves the Ingress''s Secret')
            [CompletionResult]::new('--no-system-roots', '--no-system-roots', [CompletionResultType]::ParameterName, 'Do not trust the system roots (only ca.crt and --ca-file)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('scan', 'scan', [CompletionResultType]::ParameterValue, 'Scan once and print the report (the default)')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run as a Prometheus exporter: rescan every --interval, serve /metrics and /healthz')
            [CompletionResult]::new('checks', 'checks', [CompletionResultType]::ParameterValue, 'List every check: id, severity, what it finds')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-certs;scan' {
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
            [CompletionResult]::new('--warn', '--warn', [CompletionResultType]::ParameterName, 'Warn about certificates expiring within this long')
            [CompletionResult]::new('--critical', '--critical', [CompletionResultType]::ParameterName, 'Critical when expiring within this long')
            [CompletionResult]::new('--html', '--html', [CompletionResultType]::ParameterName, 'Also write a self-contained HTML report to FILE')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Exit 1 when a finding at or above this severity is found')
            [CompletionResult]::new('--sources', '--sources', [CompletionResultType]::ParameterName, 'Sources to read (comma-separated; default: all)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Probe a live TLS endpoint: HOST[:PORT] or SNI@ADDRESS[:PORT]. Repeatable')
            [CompletionResult]::new('--endpoints-file', '--endpoints-file', [CompletionResultType]::ParameterName, 'Read endpoints from FILE, one per line (# comments)')
            [CompletionResult]::new('--ingress-address', '--ingress-address', [CompletionResultType]::ParameterName, 'With --probe-ingresses, connect here (the ingress controller) instead of resolving each host')
            [CompletionResult]::new('--probe-timeout', '--probe-timeout', [CompletionResultType]::ParameterName, 'Per-endpoint time limit')
            [CompletionResult]::new('--probe-concurrency', '--probe-concurrency', [CompletionResultType]::ParameterName, 'Endpoints probed at once')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra trust anchors (PEM bundle) for chain validation')
            [CompletionResult]::new('--notify-webhook', '--notify-webhook', [CompletionResultType]::ParameterName, 'POST new or worsened findings to URL. Repeatable')
            [CompletionResult]::new('--notify-format', '--notify-format', [CompletionResultType]::ParameterName, 'Payload of --notify-webhook')
            [CompletionResult]::new('--notify-state', '--notify-state', [CompletionResultType]::ParameterName, 'What was already notified (default: $XDG_STATE_HOME/sre-toolkit/certs/CONTEXT.json)')
            [CompletionResult]::new('--notify-retries', '--notify-retries', [CompletionResultType]::ParameterName, 'Retries of a failed delivery (exponential backoff)')
            [CompletionResult]::new('--notify-backoff', '--notify-backoff', [CompletionResultType]::ParameterName, 'Delay before the first retry')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'If true, the server''s certificate will not be checked for validity. This will make your HTTPS connections insecure')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'When using the default or custom-column output format, don''t print headers (default print headers)')
            [CompletionResult]::new('--no-cluster', '--no-cluster', [CompletionResultType]::ParameterName, 'Do not read the cluster at all: only probe --endpoint/--endpoints-file')
            [CompletionResult]::new('--probe-ingresses', '--probe-ingresses', [CompletionResultType]::ParameterName, 'Probe every Ingress TLS host and check it serves the Ingress''s Secret')
            [CompletionResult]::new('--no-system-roots', '--no-system-roots', [CompletionResultType]::ParameterName, 'Do not trust the system roots (only ca.crt and --ca-file)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'kubectl-certs;serve' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on (`:9793` = every interface)')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'How often to rescan (at least 10s: every scan lists every Secret)')
            [CompletionResult]::new('--scans', '--scans', [CompletionResultType]::ParameterName, 'Stop after N scans (for tests; default: until interrupted)')
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
            [CompletionResult]::new('--warn', '--warn', [CompletionResultType]::ParameterName, 'Warn about certificates expiring within this long')
            [CompletionResult]::new('--critical', '--critical', [CompletionResultType]::ParameterName, 'Critical when expiring within this long')
            [CompletionResult]::new('--html', '--html', [CompletionResultType]::ParameterName, 'Also write a self-contained HTML report to FILE')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Exit 1 when a finding at or above this severity is found')
            [CompletionResult]::new('--sources', '--sources', [CompletionResultType]::ParameterName, 'Sources to read (comma-separated; default: all)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Probe a live TLS endpoint: HOST[:PORT] or SNI@ADDRESS[:PORT]. Repeatable')
            [CompletionResult]::new('--endpoints-file', '--endpoints-file', [CompletionResultType]::ParameterName, 'Read endpoints from FILE, one per line (# comments)')
            [CompletionResult]::new('--ingress-address', '--ingress-address', [CompletionResultType]::ParameterName, 'With --probe-ingresses, connect here (the ingress controller) instead of resolving each host')
            [CompletionResult]::new('--probe-timeout', '--probe-timeout', [CompletionResultType]::ParameterName, 'Per-endpoint time limit')
            [CompletionResult]::new('--probe-concurrency', '--probe-concurrency', [CompletionResultType]::ParameterName, 'Endpoints probed at once')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra trust anchors (PEM bundle) for chain validation')
            [CompletionResult]::new('--notify-webhook', '--notify-webhook', [CompletionResultType]::ParameterName, 'POST new or worsened findings to URL. Repeatable')
            [CompletionResult]::new('--notify-format', '--notify-format', [CompletionResultType]::ParameterName, 'Payload of --notify-webhook')
            [CompletionResult]::new('--notify-state', '--notify-state', [CompletionResultType]::ParameterName, 'What was already notified (default: $XDG_STATE_HOME/sre-toolkit/certs/CONTEXT.json)')
            [CompletionResult]::new('--notify-retries', '--notify-retries', [CompletionResultType]::ParameterName, 'Retries of a failed delivery (exponential backoff)')
            [CompletionResult]::new('--notify-backoff', '--notify-backoff', [CompletionResultType]::ParameterName, 'Delay before the first retry')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'If true, the server''s certificate will not be checked for validity. This will make your HTTPS connections insecure')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'When using the default or custom-column output format, don''t print headers (default print headers)')
            [CompletionResult]::new('--no-cluster', '--no-cluster', [CompletionResultType]::ParameterName, 'Do not read the cluster at all: only probe --endpoint/--endpoints-file')
            [CompletionResult]::new('--probe-ingresses', '--probe-ingresses', [CompletionResultType]::ParameterName, 'Probe every Ingress TLS host and check it serves the Ingress''s Secret')
            [CompletionResult]::new('--no-system-roots', '--no-system-roots', [CompletionResultType]::ParameterName, 'Do not trust the system roots (only ca.crt and --ca-file)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'kubectl-certs;checks' {
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
            [CompletionResult]::new('--warn', '--warn', [CompletionResultType]::ParameterName, 'Warn about certificates expiring within this long')
            [CompletionResult]::new('--critical', '--critical', [CompletionResultType]::ParameterName, 'Critical when expiring within this long')
            [CompletionResult]::new('--html', '--html', [CompletionResultType]::ParameterName, 'Also write a self-contained HTML report to FILE')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Exit 1 when a finding at or above this severity is found')
            [CompletionResult]::new('--sources', '--sources', [CompletionResultType]::ParameterName, 'Sources to read (comma-separated; default: all)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Probe a live TLS endpoint: HOST[:PORT] or SNI@ADDRESS[:PORT]. Repeatable')
            [CompletionResult]::new('--endpoints-file', '--endpoints-file', [CompletionResultType]::ParameterName, 'Read endpoints from FILE, one per line (# comments)')
            [CompletionResult]::new('--ingress-address', '--ingress-address', [CompletionResultType]::ParameterName, 'With --probe-ingresses, connect here (the ingress controller) instead of resolving each host')
            [CompletionResult]::new('--probe-timeout', '--probe-timeout', [CompletionResultType]::ParameterName, 'Per-endpoint time limit')
            [CompletionResult]::new('--probe-concurrency', '--probe-concurrency', [CompletionResultType]::ParameterName, 'Endpoints probed at once')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra trust anchors (PEM bundle) for chain validation')
            [CompletionResult]::new('--notify-webhook', '--notify-webhook', [CompletionResultType]::ParameterName, 'POST new or worsened findings to URL. Repeatable')
            [CompletionResult]::new('--notify-format', '--notify-format', [CompletionResultType]::ParameterName, 'Payload of --notify-webhook')
            [CompletionResult]::new('--notify-state', '--notify-state', [CompletionResultType]::ParameterName, 'What was already notified (default: $XDG_STATE_HOME/sre-toolkit/certs/CONTEXT.json)')
            [CompletionResult]::new('--notify-retries', '--notify-retries', [CompletionResultType]::ParameterName, 'Retries of a failed delivery (exponential backoff)')
            [CompletionResult]::new('--notify-backoff', '--notify-backoff', [CompletionResultType]::ParameterName, 'Delay before the first retry')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'If true, the server''s certificate will not be checked for validity. This will make your HTTPS connections insecure')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'When using the default or custom-column output format, don''t print headers (default print headers)')
            [CompletionResult]::new('--no-cluster', '--no-cluster', [CompletionResultType]::ParameterName, 'Do not read the cluster at all: only probe --endpoint/--endpoints-file')
            [CompletionResult]::new('--probe-ingresses', '--probe-ingresses', [CompletionResultType]::ParameterName, 'Probe every Ingress TLS host and check it serves the Ingress''s Secret')
            [CompletionResult]::new('--no-system-roots', '--no-system-roots', [CompletionResultType]::ParameterName, 'Do not trust the system roots (only ca.crt and --ca-file)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'kubectl-certs;help' {
            [CompletionResult]::new('scan', 'scan', [CompletionResultType]::ParameterValue, 'Scan once and print the report (the default)')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run as a Prometheus exporter: rescan every --interval, serve /metrics and /healthz')
            [CompletionResult]::new('checks', 'checks', [CompletionResultType]::ParameterValue, 'List every check: id, severity, what it finds')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-certs;help;scan' {
            break
        }
        'kubectl-certs;help;serve' {
            break
        }
        'kubectl-certs;help;checks' {
            break
        }
        'kubectl-certs;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
