# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_kubectl_doctor_global_optspecs
    string join \n kubeconfig= context= cluster= user= n/namespace= A/all-namespaces l/selector= field-selector= request-timeout= as= as-group= insecure-skip-tls-verify v/v= o/output= no-headers color= checks= skip= fail-on= min-score= allow-partial config= exclude= restart-threshold= watch interval= watch-count= html= stuck-after= event-window= h/help V/version
end

function __fish_kubectl_doctor_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_kubectl_doctor_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_kubectl_doctor_using_subcommand
    set -l cmd (__fish_kubectl_doctor_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -s o -l output -d 'Output format' -r -f -a "table\t'Findings and score as kubectl-style tables'
wide\t'Tables with the remediation hint'
json\t'The DoctorReport envelope as JSON (JSON Lines when watching)'
yaml\t'The DoctorReport envelope as YAML'
junit\t'JUnit XML: a test suite per section, a failing test case per finding'
sarif\t'SARIF 2.1.0, for code-scanning dashboards'"
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -l checks -d 'Run only these checks or sections (comma-separated ids or section names)' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -l skip -d 'Skip these checks or sections (comma-separated ids or section names)' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -l fail-on -d 'Exit 1 when a finding at or above this severity remains after suppressions [default: critical]' -r -f -a "critical\t'Any critical finding'
warning\t'Any warning or critical finding'
info\t'Any finding at all'
never\t'Never'"
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -l min-score -d 'Exit 1 when the overall score is below N (0-100)' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -l config -d 'Config file with exclusions and thresholds (default: ~/.config/sre-toolkit/doctor.yaml if present)' -r -F
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -l exclude -d 'Suppress findings: CHECK, CHECK@NAMESPACE or CHECK@NAMESPACE/NAME (globs; `*` = any check). Repeatable' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -l restart-threshold -d 'Restarts at which a container is reported (default 5, or the config file\'s)' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -l interval -d 'How often --watch reruns the checks (at least 1s) [default: 10s]' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -l watch-count -d 'With --watch, stop after N rounds (default: until interrupted)' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -l html -d 'Also write a self-contained HTML report to FILE' -r -F
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -l stuck-after -d 'How long Terminating or Pending may last before it counts as stuck [default: 5m]' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -l event-window -d 'How far back Warning events are summarised (default 1h, or the config file\'s)' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -l allow-partial -d 'Let --min-score and --fail-on pass on what could be checked when some sections could not be (forbidden kinds)'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -l watch -d 'Keep watching: rerun every --interval and print findings as they appear and clear (-o table, wide or json)'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -s V -l version -d 'Print version'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -f -a "healthcheck" -d 'A fast summary: nodes, pods, workloads and the control plane; critical findings and the score'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -f -a "diagnostics" -d 'Every diagnostic finding (everything but the audit)'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -f -a "audit" -d 'Best-practice and security audit of workload templates'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -f -a "checks" -d 'List every check: id, section, severity, what it finds'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -f -a "heal" -d 'Plan the safe fixes (restart crash-looping workloads, delete Evicted and Failed pods); --apply carries them out'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand healthcheck" -l checks -d 'Run only these checks or sections (comma-separated ids or section names)' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand healthcheck" -l skip -d 'Skip these checks or sections (comma-separated ids or section names)' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand healthcheck" -l fail-on -d 'Exit 1 when a finding at or above this severity remains after suppressions [default: critical]' -r -f -a "critical\t'Any critical finding'
warning\t'Any warning or critical finding'
info\t'Any finding at all'
never\t'Never'"
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand healthcheck" -l min-score -d 'Exit 1 when the overall score is below N (0-100)' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand healthcheck" -l config -d 'Config file with exclusions and thresholds (default: ~/.config/sre-toolkit/doctor.yaml if present)' -r -F
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand healthcheck" -l exclude -d 'Suppress findings: CHECK, CHECK@NAMESPACE or CHECK@NAMESPACE/NAME (globs; `*` = any check). Repeatable' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand healthcheck" -l restart-threshold -d 'Restarts at which a container is reported (default 5, or the config file\'s)' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand healthcheck" -l interval -d 'How often --watch reruns the checks (at least 1s) [default: 10s]' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand healthcheck" -l watch-count -d 'With --watch, stop after N rounds (default: until interrupted)' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand healthcheck" -l html -d 'Also write a self-contained HTML report to FILE' -r -F
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand healthcheck" -l stuck-after -d 'How long Terminating or Pending may last before it counts as stuck [default: 5m]' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand healthcheck" -l event-window -d 'How far back Warning events are summarised (default 1h, or the config file\'s)' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand healthcheck" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand healthcheck" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand healthcheck" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand healthcheck" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand healthcheck" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand healthcheck" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand healthcheck" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand healthcheck" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand healthcheck" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand healthcheck" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand healthcheck" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand healthcheck" -s o -l output -d 'Output format' -r -f -a "table\t'Findings and score as kubectl-style tables'
wide\t'Tables with the remediation hint'
json\t'The DoctorReport envelope as JSON (JSON Lines when watching)'
yaml\t'The DoctorReport envelope as YAML'
junit\t'JUnit XML: a test suite per section, a failing test case per finding'
sarif\t'SARIF 2.1.0, for code-scanning dashboards'"
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand healthcheck" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand healthcheck" -l allow-partial -d 'Let --min-score and --fail-on pass on what could be checked when some sections could not be (forbidden kinds)'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand healthcheck" -l watch -d 'Keep watching: rerun every --interval and print findings as they appear and clear (-o table, wide or json)'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand healthcheck" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand healthcheck" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand healthcheck" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand healthcheck" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand diagnostics" -l checks -d 'Run only these checks or sections (comma-separated ids or section names)' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand diagnostics" -l skip -d 'Skip these checks or sections (comma-separated ids or section names)' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand diagnostics" -l fail-on -d 'Exit 1 when a finding at or above this severity remains after suppressions [default: critical]' -r -f -a "critical\t'Any critical finding'
warning\t'Any warning or critical finding'
info\t'Any finding at all'
never\t'Never'"
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand diagnostics" -l min-score -d 'Exit 1 when the overall score is below N (0-100)' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand diagnostics" -l config -d 'Config file with exclusions and thresholds (default: ~/.config/sre-toolkit/doctor.yaml if present)' -r -F
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand diagnostics" -l exclude -d 'Suppress findings: CHECK, CHECK@NAMESPACE or CHECK@NAMESPACE/NAME (globs; `*` = any check). Repeatable' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand diagnostics" -l restart-threshold -d 'Restarts at which a container is reported (default 5, or the config file\'s)' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand diagnostics" -l interval -d 'How often --watch reruns the checks (at least 1s) [default: 10s]' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand diagnostics" -l watch-count -d 'With --watch, stop after N rounds (default: until interrupted)' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand diagnostics" -l html -d 'Also write a self-contained HTML report to FILE' -r -F
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand diagnostics" -l stuck-after -d 'How long Terminating or Pending may last before it counts as stuck [default: 5m]' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand diagnostics" -l event-window -d 'How far back Warning events are summarised (default 1h, or the config file\'s)' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand diagnostics" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand diagnostics" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand diagnostics" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand diagnostics" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand diagnostics" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand diagnostics" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand diagnostics" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand diagnostics" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand diagnostics" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand diagnostics" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand diagnostics" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand diagnostics" -s o -l output -d 'Output format' -r -f -a "table\t'Findings and score as kubectl-style tables'
wide\t'Tables with the remediation hint'
json\t'The DoctorReport envelope as JSON (JSON Lines when watching)'
yaml\t'The DoctorReport envelope as YAML'
junit\t'JUnit XML: a test suite per section, a failing test case per finding'
sarif\t'SARIF 2.1.0, for code-scanning dashboards'"
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand diagnostics" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand diagnostics" -l allow-partial -d 'Let --min-score and --fail-on pass on what could be checked when some sections could not be (forbidden kinds)'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand diagnostics" -l watch -d 'Keep watching: rerun every --interval and print findings as they appear and clear (-o table, wide or json)'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand diagnostics" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand diagnostics" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand diagnostics" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand diagnostics" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand audit" -l checks -d 'Run only these checks or sections (comma-separated ids or section names)' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand audit" -l skip -d 'Skip these checks or sections (comma-separated ids or section names)' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand audit" -l fail-on -d 'Exit 1 when a finding at or above this severity remains after suppressions [default: critical]' -r -f -a "critical\t'Any critical finding'
warning\t'Any warning or critical finding'
info\t'Any finding at all'
never\t'Never'"
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand audit" -l min-score -d 'Exit 1 when the overall score is below N (0-100)' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand audit" -l config -d 'Config file with exclusions and thresholds (default: ~/.config/sre-toolkit/doctor.yaml if present)' -r -F
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand audit" -l exclude -d 'Suppress findings: CHECK, CHECK@NAMESPACE or CHECK@NAMESPACE/NAME (globs; `*` = any check). Repeatable' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand audit" -l restart-threshold -d 'Restarts at which a container is reported (default 5, or the config file\'s)' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand audit" -l interval -d 'How often --watch reruns the checks (at least 1s) [default: 10s]' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand audit" -l watch-count -d 'With --watch, stop after N rounds (default: until interrupted)' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand audit" -l html -d 'Also write a self-contained HTML report to FILE' -r -F
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand audit" -l stuck-after -d 'How long Terminating or Pending may last before it counts as stuck [default: 5m]' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand audit" -l event-window -d 'How far back Warning events are summarised (default 1h, or the config file\'s)' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand audit" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand audit" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand audit" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand audit" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand audit" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand audit" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand audit" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand audit" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand audit" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand audit" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand audit" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand audit" -s o -l output -d 'Output format' -r -f -a "table\t'Findings and score as kubectl-style tables'
wide\t'Tables with the remediation hint'
json\t'The DoctorReport envelope as JSON (JSON Lines when watching)'
yaml\t'The DoctorReport envelope as YAML'
junit\t'JUnit XML: a test suite per section, a failing test case per finding'
sarif\t'SARIF 2.1.0, for code-scanning dashboards'"
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand audit" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand audit" -l allow-partial -d 'Let --min-score and --fail-on pass on what could be checked when some sections could not be (forbidden kinds)'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand audit" -l watch -d 'Keep watching: rerun every --interval and print findings as they appear and clear (-o table, wide or json)'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand audit" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand audit" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand audit" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand audit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand checks" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand checks" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand checks" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand checks" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand checks" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand checks" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand checks" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand checks" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand checks" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand checks" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand checks" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand checks" -s o -l output -d 'Output format' -r -f -a "table\t'Findings and score as kubectl-style tables'
wide\t'Tables with the remediation hint'
json\t'The DoctorReport envelope as JSON (JSON Lines when watching)'
yaml\t'The DoctorReport envelope as YAML'
junit\t'JUnit XML: a test suite per section, a failing test case per finding'
sarif\t'SARIF 2.1.0, for code-scanning dashboards'"
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand checks" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand checks" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand checks" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand checks" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand checks" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand heal" -l max-actions -d 'At most this many actions per run' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand heal" -l window -d 'A workload\'s last restart must be this recent to count; also the cooldown after heal restarted it' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand heal" -l allow-namespace -d 'Allow actions in a protected namespace (kube-system, kube-public, kube-node-lease). Repeatable' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand heal" -l config -d 'Config file with thresholds (default: ~/.config/sre-toolkit/doctor.yaml if present)' -r -F
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand heal" -l restart-threshold -d 'Restarts at which a workload is restarted (default 5, or the config file\'s)' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand heal" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand heal" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand heal" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand heal" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand heal" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand heal" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand heal" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand heal" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand heal" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand heal" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand heal" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand heal" -s o -l output -d 'Output format' -r -f -a "table\t'Findings and score as kubectl-style tables'
wide\t'Tables with the remediation hint'
json\t'The DoctorReport envelope as JSON (JSON Lines when watching)'
yaml\t'The DoctorReport envelope as YAML'
junit\t'JUnit XML: a test suite per section, a failing test case per finding'
sarif\t'SARIF 2.1.0, for code-scanning dashboards'"
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand heal" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand heal" -l apply -d 'Carry out the plan (default: print it and change nothing)'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand heal" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand heal" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand heal" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand heal" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand help; and not __fish_seen_subcommand_from healthcheck diagnostics audit checks heal help" -f -a "healthcheck" -d 'A fast summary: nodes, pods, workloads and the control plane; critical findings and the score'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand help; and not __fish_seen_subcommand_from healthcheck diagnostics audit checks heal help" -f -a "diagnostics" -d 'Every diagnostic finding (everything but the audit)'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand help; and not __fish_seen_subcommand_from healthcheck diagnostics audit checks heal help" -f -a "audit" -d 'Best-practice and security audit of workload templates'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand help; and not __fish_seen_subcommand_from healthcheck diagnostics audit checks heal help" -f -a "checks" -d 'List every check: id, section, severity, what it finds'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand help; and not __fish_seen_subcommand_from healthcheck diagnostics audit checks heal help" -f -a "heal" -d 'Plan the safe fixes (restart crash-looping workloads, delete Evicted and Failed pods); --apply carries them out'
complete -c kubectl-doctor -n "__fish_kubectl_doctor_using_subcommand help; and not __fish_seen_subcommand_from healthcheck diagnostics audit checks heal help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
