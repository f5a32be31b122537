
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'kubectl-doctor' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'kubectl-doctor'
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
        'kubectl-doctor' {
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
            [CompletionResult]::new('--checks', '--checks', [CompletionResultType]::ParameterName, 'Run only these checks or sections (comma-separated ids or section names)')
            [CompletionResult]::new('--skip', '--skip', [CompletionResultType]::ParameterName, 'Skip these checks or sections (comma-separated ids or section names)')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Exit 1 when a finding at or above this severity remains after suppressions [default: critical]')
            [CompletionResult]::new('--min-score', '--min-score', [CompletionResultType]::ParameterName, 'Exit 1 when the overall score is below N (0-100)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file with exclusions and thresholds (default: ~/.config/sre-toolkit/doctor.yaml if present)')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Suppress findings: CHECK, CHECK@NAMESPACE or CHECK@NAMESPACE/NAME (globs; `*` = any check). Repeatable')
            [CompletionResult]::new('--restart-threshold', '--restart-threshold', [CompletionResultType]::ParameterName, 'Restarts at which a container is reported (default 5, or the config file''s)')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'How often --watch reruns the checks (at least 1s) [default: 10s]')
            [CompletionResult]::new('--watch-count', '--watch-count', [CompletionResultType]::ParameterName, 'With --watch, stop after N rounds (default: until interrupted)')
            [CompletionResult]::new('--html', '--html', [CompletionResultType]::ParameterName, 'Also write a self-contained HTML report to FILE')
            [CompletionResult]::new('--stuck-after', '--stuck-after', [CompletionResultType]::ParameterName, 'How long Terminating or Pending may last before it counts as stuck [default: 5m]')
            [CompletionResult]::new('--event-window', '--event-window', [CompletionResultType]::ParameterName, 'How far back Warning events are summarised (default 1h, or the config file''s)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'If true, the server''s certificate will not be checked for validity. This will make your HTTPS connections insecure')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'When using the default or custom-column output format, don''t print headers (default print headers)')
            [CompletionResult]::new('--allow-partial', '--allow-partial', [CompletionResultType]::ParameterName, 'Let --min-score and --fail-on pass on what could be checked when some sections could not be (forbidden kinds)')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Keep watching: rerun every --interval and print findings as they appear and clear (-o table, wide or json)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('healthcheck', 'healthcheck', [CompletionResultType]::ParameterValue, 'A fast summary: nodes, pods, workloads and the control plane; critical findings and the score')
            [CompletionResult]::new('diagnostics', 'diagnostics', [CompletionResultType]::ParameterValue, 'Every diagnostic finding (everything but the audit)')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Best-practice and security audit of workload templates')
            [CompletionResult]::new('checks', 'checks', [CompletionResultType]::ParameterValue, 'List every check: id, section, severity, what it finds')
            [CompletionResult]::new('heal', 'heal', [CompletionResultType]::ParameterValue, 'Plan the safe fixes (restart crash-looping workloads, delete Evicted and Failed pods); --apply carries them out')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-doctor;healthcheck' {
            [CompletionResult]::new('--checks', '--checks', [CompletionResultType]::ParameterName, 'Run only these checks or sections (comma-separated ids or section names)')
            [CompletionResult]::new('--skip', '--skip', [CompletionResultType]::ParameterName, 'Skip these checks or sections (comma-separated ids or section names)')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Exit 1 when a finding at or above this severity remains after suppressions [default: critical]')
            [CompletionResult]::new('--min-score', '--min-score', [CompletionResultType]::ParameterName, 'Exit 1 when the overall score is below N (0-100)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file with exclusions and thresholds (default: ~/.config/sre-toolkit/doctor.yaml if present)')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Suppress findings: CHECK, CHECK@NAMESPACE or CHECK@NAMESPACE/NAME (globs; `*` = any check). Repeatable')
            [CompletionResult]::new('--restart-threshold', '--restart-threshold', [CompletionResultType]::ParameterName, 'Restarts at which a container is reported (default 5, or the config file''s)')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'How often --watch reruns the checks (at least 1s) [default: 10s]')
            [CompletionResult]::new('--watch-count', '--watch-count', [CompletionResultType]::ParameterName, 'With --watch, stop after N rounds (default: until interrupted)')
            [CompletionResult]::new('--html', '--html', [CompletionResultType]::ParameterName, 'Also write a self-contained HTML report to FILE')
            [CompletionResult]::new('--stuck-after', '--stuck-after', [CompletionResultType]::ParameterName, 'How long Terminating or Pending may last before it counts as stuck [default: 5m]')
            [CompletionResult]::new('--event-window', '--event-window', [CompletionResultType]::ParameterName, 'How far back Warning events are summarised (default 1h, or the config file''s)')
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
            [CompletionResult]::new('--allow-partial', '--allow-partial', [CompletionResultType]::ParameterName, 'Let --min-score and --fail-on pass on what could be checked when some sections could not be (forbidden kinds)')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Keep watching: rerun every --interval and print findings as they appear and clear (-o table, wide or json)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'If true, the server''s certificate will not be checked for validity. This will make your HTTPS connections insecure')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'When using the default or custom-column output format, don''t print headers (default print headers)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'kubectl-doctor;diagnostics' {
            [CompletionResult]::new('--checks', '--checks', [CompletionResultType]::ParameterName, 'Run only these checks or sections (comma-separated ids or section names)')
            [CompletionResult]::new('--skip', '--skip', [CompletionResultType]::ParameterName, 'Skip these checks or sections (comma-separated ids or section names)')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Exit 1 when a finding at or above this severity remains after suppressions [default: critical]')
            [CompletionResult]::new('--min-score', '--min-score', [CompletionResultType]::ParameterName, 'Exit 1 when the overall score is below N (0-100)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file with exclusions and thresholds (default: ~/.config/sre-toolkit/doctor.yaml if present)')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Suppress findings: CHECK, CHECK@NAMESPACE or CHECK@NAMESPACE/NAME (globs; `*` = any check). Repeatable')
            [CompletionResult]::new('--restart-threshold', '--restart-threshold', [CompletionResultType]::ParameterName, 'Restarts at which a container is reported (default 5, or the config file''s)')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'How often --watch reruns the checks (at least 1s) [default: 10s]')
            [CompletionResult]::new('--watch-count', '--watch-count', [CompletionResultType]::ParameterName, 'With --watch, stop after N rounds (default: until interrupted)')
            [CompletionResult]::new('--html', '--html', [CompletionResultType]::ParameterName, 'Also write a self-contained HTML report to FILE')
            [CompletionResult]::new('--stuck-after', '--stuck-after', [CompletionResultType]::ParameterName, 'How long Terminating or Pending may last before it counts as stuck [default: 5m]')
            [CompletionResult]::new('--event-window', '--event-window', [CompletionResultType]::ParameterName, 'How far back Warning events are summarised (default 1h, or the config file''s)')
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
            [CompletionResult]::new('--allow-partial', '--allow-partial', [CompletionResultType]::ParameterName, 'Let --min-score and --fail-on pass on what could be checked when some sections could not be (forbidden kinds)')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Keep watching: rerun every --interval and print findings as they appear and clear (-o table, wide or json)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'If true, the server''s certificate will not be checked for validity. This will make your HTTPS connections insecure')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'When using the default or custom-column output format, don''t print headers (default print headers)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'kubectl-doctor;audit' {
            [CompletionResult]::new('--checks', '--checks', [CompletionResultType]::ParameterName, 'Run only these checks or sections (comma-separated ids or section names)')
            [CompletionResult]::new('--skip', '--skip', [CompletionResultType]::ParameterName, 'Skip these checks or sections (comma-separated ids or section names)')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Exit 1 when a finding at or above this severity remains after suppressions [default: critical]')
            [CompletionResult]::new('--min-score', '--min-score', [CompletionResultType]::ParameterName, 'Exit 1 when the overall score is below N (0-100)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file with exclusions and thresholds (default: ~/.config/sre-toolkit/doctor.yaml if present)')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Suppress findings: CHECK, CHECK@NAMESPACE or CHECK@NAMESPACE/NAME (globs; `*` = any check). Repeatable')
            [CompletionResult]::new('--restart-threshold', '--restart-threshold', [CompletionResultType]::ParameterName, 'Restarts at which a container is reported (default 5, or the config file''s)')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'How often --watch reruns the checks (at least 1s) [default: 10s]')
            [CompletionResult]::new('--watch-count', '--watch-count', [CompletionResultType]::ParameterName, 'With --watch, stop after N rounds (default: until interrupted)')
            [CompletionResult]::new('--html', '--html', [CompletionResultType]::ParameterName, 'Also write a self-contained HTML report to FILE')
            [CompletionResult]::new('--stuck-after', '--stuck-after', [CompletionResultType]::ParameterName, 'How long Terminating or Pending may last before it counts as stuck [default: 5m]')
            [CompletionResult]::new('--event-window', '--event-window', [CompletionResultType]::ParameterName, 'How far back Warning events are summarised (default 1h, or the config file''s)')
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
            [CompletionResult]::new('--allow-partial', '--allow-partial', [CompletionResultType]::ParameterName, 'Let --min-score and --fail-on pass on what could be checked when some sections could not be (forbidden kinds)')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Keep watching: rerun every --interval and print findings as they appear and clear (-o table, wide or json)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'If true, the server''s certificate will not be checked for validity. This will make your HTTPS connections insecure')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'When using the default or custom-column output format, don''t print headers (default print headers)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'kubectl-doctor;checks' {
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
        'kubectl-doctor;heal' {
            [CompletionResult]::new('--max-actions', '--max-actions', [CompletionResultType]::ParameterName, 'At most this many actions per run')
            [CompletionResult]::new('--window', '--window', [CompletionResultType]::ParameterName, 'A workload''s last restart must be this recent to count; also the cooldown after heal restarted it')
            [CompletionResult]::new('--allow-namespace', '--allow-namespace', [CompletionResultType]::ParameterName, 'Allow actions in a protected namespace (kube-system, kube-public, kube-node-lease). Repeatable')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file with thresholds (default: ~/.config/sre-toolkit/doctor.yaml if present)')
            [CompletionResult]::new('--restart-threshold', '--restart-threshold', [CompletionResultType]::ParameterName, 'Restarts at which a workload is restarted (default 5, or the config file''s)')
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
            [CompletionResult]::new('--apply', '--apply', [CompletionResultType]::ParameterName, 'Carry out the plan (default: print it and change nothing)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'If true, the server''s certificate will not be checked for validity. This will make your HTTPS connections insecure')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'When using the default or custom-column output format, don''t print headers (default print headers)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'kubectl-doctor;help' {
            [CompletionResult]::new('healthcheck', 'healthcheck', [CompletionResultType]::ParameterValue, 'A fast summary: nodes, pods, workloads and the control plane; critical findings and the score')
            [CompletionResult]::new('diagnostics', 'diagnostics', [CompletionResultType]::ParameterValue, 'Every diagnostic finding (everything but the audit)')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Best-practice and security audit of workload templates')
            [CompletionResult]::new('checks', 'checks', [CompletionResultType]::ParameterValue, 'List every check: id, section, severity, what it finds')
            [CompletionResult]::new('heal', 'heal', [CompletionResultType]::ParameterValue, 'Plan the safe fixes (restart crash-looping workloads, delete Evicted and Failed pods); --apply carries them out')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-doctor;help;healthcheck' {
            break
        }
        'kubectl-doctor;help;diagnostics' {
            break
        }
        'kubectl-doctor;help;audit' {
            break
        }
        'kubectl-doctor;help;checks' {
            break
        }
        'kubectl-doctor;help;heal' {
            break
        }
        'kubectl-doctor;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
