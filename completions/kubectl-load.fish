# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_kubectl_load_global_optspecs
    string join \n kubeconfig= context= cluster= user= n/namespace= A/all-namespaces l/selector= field-selector= request-timeout= as= as-group= insecure-skip-tls-verify v/v= o/output= no-headers color= h/help V/version
end

function __fish_kubectl_load_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_kubectl_load_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_kubectl_load_using_subcommand
    set -l cmd (__fish_kubectl_load_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c kubectl-load -n "__fish_kubectl_load_needs_command" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-load -n "__fish_kubectl_load_needs_command" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-load -n "__fish_kubectl_load_needs_command" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-load -n "__fish_kubectl_load_needs_command" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-load -n "__fish_kubectl_load_needs_command" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-load -n "__fish_kubectl_load_needs_command" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-load -n "__fish_kubectl_load_needs_command" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-load -n "__fish_kubectl_load_needs_command" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-load -n "__fish_kubectl_load_needs_command" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-load -n "__fish_kubectl_load_needs_command" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-load -n "__fish_kubectl_load_needs_command" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-load -n "__fish_kubectl_load_needs_command" -s o -l output -d 'Output format' -r -f -a "table\t'A summary table'
json\t'The LoadReport envelope as JSON'
yaml\t'The LoadReport as YAML'
markdown\t'Markdown tables, for CI comments'"
complete -c kubectl-load -n "__fish_kubectl_load_needs_command" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-load -n "__fish_kubectl_load_needs_command" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-load -n "__fish_kubectl_load_needs_command" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-load -n "__fish_kubectl_load_needs_command" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-load -n "__fish_kubectl_load_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-load -n "__fish_kubectl_load_needs_command" -s V -l version -d 'Print version'
complete -c kubectl-load -n "__fish_kubectl_load_needs_command" -f -a "run" -d 'Run a load test against TARGET (URL, svc/NAME:PORT[/path] or pod/NAME:PORT[/path])'
complete -c kubectl-load -n "__fish_kubectl_load_needs_command" -f -a "status" -d 'Show a cluster run: runner pods, progress, done'
complete -c kubectl-load -n "__fish_kubectl_load_needs_command" -f -a "results" -d 'Merge and report a cluster run\'s results (waits for the runners unless --no-wait)'
complete -c kubectl-load -n "__fish_kubectl_load_needs_command" -f -a "compare" -d 'Compare two JSON reports (`-o json` of run or results): what changed'
complete -c kubectl-load -n "__fish_kubectl_load_needs_command" -f -a "target" -d 'Serve a fault-injecting HTTP target: delay, jitter, status and error percent set by flags and overridden per request (?delay=100ms&jitter=20ms&status=503&percent=30&size=1024&close=1); /healthz, /readyz (PUT /readyz?ready=false flips it) and /metrics'
complete -c kubectl-load -n "__fish_kubectl_load_needs_command" -f -a "rbac" -d 'Print the RBAC the runners and users need (kubectl load rbac -n NS | kubectl apply -f -)'
complete -c kubectl-load -n "__fish_kubectl_load_needs_command" -f -a "runner" -d 'Runner mode, inside the Job\'s pods'
complete -c kubectl-load -n "__fish_kubectl_load_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -l rate -d 'Open model: constant arrival rate (500/s, 30000/m)' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -l users -d 'Closed model: concurrent users' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -l stages -d 'Open model ramp: DURATION:RATE,... (30s:100,2m:500,30s:0)' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -s d -l duration -d 'How long (with --rate or --users)' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -l scenario -d 'A user-journey scenario file (YAML), run by goose (closed model)' -r -F
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -l runners -d 'Runner pods (an Indexed Job); default 1 for cluster targets' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -s X -l method -d 'HTTP method' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -s H -l header -d 'Request header NAME: VALUE. Repeatable' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -l body -d 'Request body (`@FILE` reads a file)' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -l timeout -d 'Per-request time limit' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -l connections -d 'Open model: connections available to keep the schedule (default: rate/20, 10..2000)' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -l threshold -d 'Exit 1 when breached, judged on the merged result: p99<200ms, errors<0.1%, rate>=450/s. Repeatable' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -l html -d 'Also write an HTML report with latency-over-time and throughput plots' -r -F
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -l image -d 'Runner image' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -l service-account -d 'ServiceAccount of the runner pods (see `kubectl load rbac`)' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -l ttl -d 'How long the finished Job and its results are kept (for `kubectl load results`)' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -l start-timeout -d 'How long to wait for every runner pod to be Running' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -s o -l output -d 'Output format' -r -f -a "table\t'A summary table'
json\t'The LoadReport envelope as JSON'
yaml\t'The LoadReport as YAML'
markdown\t'Markdown tables, for CI comments'"
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -l local -d 'Run inside this process, not in runner pods'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -l detach -d 'Start the cluster run and return; follow with `kubectl load status|results RUN`'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand status" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand status" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand status" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand status" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand status" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand status" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand status" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand status" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand status" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand status" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand status" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand status" -s o -l output -d 'Output format' -r -f -a "table\t'A summary table'
json\t'The LoadReport envelope as JSON'
yaml\t'The LoadReport as YAML'
markdown\t'Markdown tables, for CI comments'"
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand status" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand status" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand status" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand status" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand results" -l threshold -d 'Fail (exit 1) when a threshold is breached. Repeatable' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand results" -l html -d 'Also write an HTML report' -r -F
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand results" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand results" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand results" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand results" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand results" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand results" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand results" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand results" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand results" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand results" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand results" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand results" -s o -l output -d 'Output format' -r -f -a "table\t'A summary table'
json\t'The LoadReport envelope as JSON'
yaml\t'The LoadReport as YAML'
markdown\t'Markdown tables, for CI comments'"
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand results" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand results" -l no-wait -d 'Do not wait: report what the runners sent so far (exit 1 while the run is unfinished)'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand results" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand results" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand results" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand results" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand compare" -l max-regression -d 'Exit 1 when p99, error rate or throughput got worse by more than this (e.g. 10%)' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand compare" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand compare" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand compare" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand compare" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand compare" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand compare" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand compare" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand compare" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand compare" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand compare" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand compare" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand compare" -s o -l output -d 'Output format' -r -f -a "table\t'A summary table'
json\t'The LoadReport envelope as JSON'
yaml\t'The LoadReport as YAML'
markdown\t'Markdown tables, for CI comments'"
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand compare" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand compare" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand compare" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand compare" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand compare" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand target" -l listen -d 'Where to listen: HOST:PORT, or :PORT for every interface (port 0 picks a free one; the base URL is printed on stdout)' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand target" -l delay -d 'Wait this long before answering' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand target" -l jitter -d 'Wait up to this much more, uniformly' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand target" -l status -d 'Status of a normal answer' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand target" -l error-percent -d 'Percent of answers that are errors' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand target" -l error-status -d 'Status of an injected error' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand target" -l size -d 'Body size in bytes' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand target" -l for -d 'Stop after this long (default: serve until interrupted)' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand target" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand target" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand target" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand target" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand target" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand target" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand target" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand target" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand target" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand target" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand target" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand target" -s o -l output -d 'Output format' -r -f -a "table\t'A summary table'
json\t'The LoadReport envelope as JSON'
yaml\t'The LoadReport as YAML'
markdown\t'Markdown tables, for CI comments'"
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand target" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand target" -l close -d 'Close the connection after each answer'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand target" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand target" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand target" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand target" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand rbac" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand rbac" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand rbac" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand rbac" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand rbac" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand rbac" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand rbac" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand rbac" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand rbac" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand rbac" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand rbac" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand rbac" -s o -l output -d 'Output format' -r -f -a "table\t'A summary table'
json\t'The LoadReport envelope as JSON'
yaml\t'The LoadReport as YAML'
markdown\t'Markdown tables, for CI comments'"
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand rbac" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand rbac" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand rbac" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand rbac" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand rbac" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand runner" -l run -d 'Run id' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand runner" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand runner" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand runner" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand runner" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand runner" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand runner" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand runner" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand runner" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand runner" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand runner" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand runner" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand runner" -s o -l output -d 'Output format' -r -f -a "table\t'A summary table'
json\t'The LoadReport envelope as JSON'
yaml\t'The LoadReport as YAML'
markdown\t'Markdown tables, for CI comments'"
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand runner" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand runner" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand runner" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand runner" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand runner" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand help; and not __fish_seen_subcommand_from run status results compare target rbac runner help" -f -a "run" -d 'Run a load test against TARGET (URL, svc/NAME:PORT[/path] or pod/NAME:PORT[/path])'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand help; and not __fish_seen_subcommand_from run status results compare target rbac runner help" -f -a "status" -d 'Show a cluster run: runner pods, progress, done'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand help; and not __fish_seen_subcommand_from run status results compare target rbac runner help" -f -a "results" -d 'Merge and report a cluster run\'s results (waits for the runners unless --no-wait)'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand help; and not __fish_seen_subcommand_from run status results compare target rbac runner help" -f -a "compare" -d 'Compare two JSON reports (`-o json` of run or results): what changed'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand help; and not __fish_seen_subcommand_from run status results compare target rbac runner help" -f -a "target" -d 'Serve a fault-injecting HTTP target: delay, jitter, status and error percent set by flags and overridden per request (?delay=100ms&jitter=20ms&status=503&percent=30&size=1024&close=1); /healthz, /readyz (PUT /readyz?ready=false flips it) and /metrics'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand help; and not __fish_seen_subcommand_from run status results compare target rbac runner help" -f -a "rbac" -d 'Print the RBAC the runners and users need (kubectl load rbac -n NS | kubectl apply -f -)'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand help; and not __fish_seen_subcommand_from run status results compare target rbac runner help" -f -a "runner" -d 'Runner mode, inside the Job\'s pods'
complete -c kubectl-load -n "__fish_kubectl_load_using_subcommand help; and not __fish_seen_subcommand_from run status results compare target rbac runner help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
