# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_kubectl_chaos_global_optspecs
    string join \n kubeconfig= context= cluster= user= n/namespace= A/all-namespaces l/selector= field-selector= request-timeout= as= as-group= insecure-skip-tls-verify v/v= o/output= no-headers color= dry-run y/yes allow-namespace= max-targets= max-percent= allow-control-plane image= seed= recovery-timeout= h/help V/version
end

function __fish_kubectl_chaos_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_kubectl_chaos_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_kubectl_chaos_using_subcommand
    set -l cmd (__fish_kubectl_chaos_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -s o -l output -d 'Output format' -r -f -a "table\t'Tables'
json\t'JSON'
yaml\t'YAML'"
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -l allow-namespace -d 'Allow a protected namespace. Repeatable' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -l max-targets -d 'The most targets one fault may touch' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -l max-percent -d 'The largest share of the matching targets one fault may touch (100 or 100%)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -l image -d 'Image of the ephemeral containers (needs tc and kubectl-chaos)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -l seed -d 'Seed of the random choice of targets (default: the clock)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -l recovery-timeout -d 'How long a one-off pod-kill waits for the workloads to recover' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -l dry-run -d 'Print exactly what would be done; change nothing'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -s y -l yes -d 'Do not ask for confirmation on a terminal'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -l allow-control-plane -d 'Allow faults on control-plane nodes'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -s V -l version -d 'Print version'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -f -a "run" -d 'Run an experiment file: hypothesis before, method of faults, hypothesis after; exit 1 when it failed'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -f -a "pod-kill" -d 'Delete pods (--count/--percent/--all; repeat with --interval and --duration)'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -f -a "container-kill" -d 'Kill a container\'s main process (ephemeral container sharing its process namespace)'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -f -a "pod-failure" -d 'Make pods fail for --duration (their images swapped for one that cannot be pulled), then restore'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -f -a "node-cordon" -d 'Cordon nodes (-l selects nodes) for --duration'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -f -a "node-drain" -d 'Cordon and drain nodes (evictions respect PodDisruptionBudgets), uncordon after --duration'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -f -a "scale" -d 'Scale --workload deployment/NAME to --replicas (default 0) for --duration, then back'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -f -a "network" -d 'Add --latency/--jitter/--loss/--bandwidth-kbit to pods for --duration (tc in an ephemeral container with NET_ADMIN)'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -f -a "stress" -d 'CPU (--cpu threads) and memory (--memory-mib) stress in pods for --duration (ephemeral container)'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -f -a "cleanup" -d 'Roll back what killed runs left behind (in -n\'s namespace, or -A; all runs, or RUN)'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand run" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand run" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand run" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand run" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand run" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand run" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand run" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand run" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand run" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand run" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand run" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand run" -s o -l output -d 'Output format' -r -f -a "table\t'Tables'
json\t'JSON'
yaml\t'YAML'"
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand run" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand run" -l allow-namespace -d 'Allow a protected namespace. Repeatable' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand run" -l max-targets -d 'The most targets one fault may touch' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand run" -l max-percent -d 'The largest share of the matching targets one fault may touch (100 or 100%)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand run" -l image -d 'Image of the ephemeral containers (needs tc and kubectl-chaos)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand run" -l seed -d 'Seed of the random choice of targets (default: the clock)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand run" -l recovery-timeout -d 'How long a one-off pod-kill waits for the workloads to recover' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand run" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand run" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand run" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand run" -l dry-run -d 'Print exactly what would be done; change nothing'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand run" -s y -l yes -d 'Do not ask for confirmation on a terminal'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand run" -l allow-control-plane -d 'Allow faults on control-plane nodes'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-kill" -s l -l selector -d 'Label selector of the targets (pods; nodes for node faults). Required unless --all' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-kill" -l count -d 'Pick N of the matching targets (default 1)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-kill" -l percent -d 'Pick this share of the matching targets (30 or 30%)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-kill" -l interval -d 'Repeat every interval (with --duration)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-kill" -l duration -d 'How long to repeat (with --interval)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-kill" -l grace-period -d 'Grace period, seconds (default: the pod\'s)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-kill" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-kill" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-kill" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-kill" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-kill" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-kill" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-kill" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-kill" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-kill" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-kill" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-kill" -s o -l output -d 'Output format' -r -f -a "table\t'Tables'
json\t'JSON'
yaml\t'YAML'"
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-kill" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-kill" -l allow-namespace -d 'Allow a protected namespace. Repeatable' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-kill" -l max-targets -d 'The most targets one fault may touch' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-kill" -l max-percent -d 'The largest share of the matching targets one fault may touch (100 or 100%)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-kill" -l image -d 'Image of the ephemeral containers (needs tc and kubectl-chaos)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-kill" -l seed -d 'Seed of the random choice of targets (default: the clock)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-kill" -l recovery-timeout -d 'How long a one-off pod-kill waits for the workloads to recover' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-kill" -l all -d 'Every matching target (without -l: every pod in the namespace, or every node)'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-kill" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-kill" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-kill" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-kill" -l dry-run -d 'Print exactly what would be done; change nothing'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-kill" -s y -l yes -d 'Do not ask for confirmation on a terminal'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-kill" -l allow-control-plane -d 'Allow faults on control-plane nodes'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-kill" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand container-kill" -s l -l selector -d 'Label selector of the targets (pods; nodes for node faults). Required unless --all' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand container-kill" -l count -d 'Pick N of the matching targets (default 1)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand container-kill" -l percent -d 'Pick this share of the matching targets (30 or 30%)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand container-kill" -l container -d 'The container (default: the first)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand container-kill" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand container-kill" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand container-kill" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand container-kill" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand container-kill" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand container-kill" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand container-kill" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand container-kill" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand container-kill" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand container-kill" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand container-kill" -s o -l output -d 'Output format' -r -f -a "table\t'Tables'
json\t'JSON'
yaml\t'YAML'"
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand container-kill" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand container-kill" -l allow-namespace -d 'Allow a protected namespace. Repeatable' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand container-kill" -l max-targets -d 'The most targets one fault may touch' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand container-kill" -l max-percent -d 'The largest share of the matching targets one fault may touch (100 or 100%)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand container-kill" -l image -d 'Image of the ephemeral containers (needs tc and kubectl-chaos)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand container-kill" -l seed -d 'Seed of the random choice of targets (default: the clock)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand container-kill" -l recovery-timeout -d 'How long a one-off pod-kill waits for the workloads to recover' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand container-kill" -l all -d 'Every matching target (without -l: every pod in the namespace, or every node)'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand container-kill" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand container-kill" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand container-kill" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand container-kill" -l dry-run -d 'Print exactly what would be done; change nothing'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand container-kill" -s y -l yes -d 'Do not ask for confirmation on a terminal'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand container-kill" -l allow-control-plane -d 'Allow faults on control-plane nodes'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand container-kill" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-failure" -s l -l selector -d 'Label selector of the targets (pods; nodes for node faults). Required unless --all' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-failure" -l count -d 'Pick N of the matching targets (default 1)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-failure" -l percent -d 'Pick this share of the matching targets (30 or 30%)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-failure" -l duration -d 'How long the fault lasts' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-failure" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-failure" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-failure" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-failure" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-failure" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-failure" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-failure" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-failure" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-failure" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-failure" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-failure" -s o -l output -d 'Output format' -r -f -a "table\t'Tables'
json\t'JSON'
yaml\t'YAML'"
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-failure" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-failure" -l allow-namespace -d 'Allow a protected namespace. Repeatable' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-failure" -l max-targets -d 'The most targets one fault may touch' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-failure" -l max-percent -d 'The largest share of the matching targets one fault may touch (100 or 100%)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-failure" -l image -d 'Image of the ephemeral containers (needs tc and kubectl-chaos)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-failure" -l seed -d 'Seed of the random choice of targets (default: the clock)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-failure" -l recovery-timeout -d 'How long a one-off pod-kill waits for the workloads to recover' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-failure" -l all -d 'Every matching target (without -l: every pod in the namespace, or every node)'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-failure" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-failure" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-failure" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-failure" -l dry-run -d 'Print exactly what would be done; change nothing'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-failure" -s y -l yes -d 'Do not ask for confirmation on a terminal'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-failure" -l allow-control-plane -d 'Allow faults on control-plane nodes'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand pod-failure" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-cordon" -s l -l selector -d 'Label selector of the targets (pods; nodes for node faults). Required unless --all' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-cordon" -l count -d 'Pick N of the matching targets (default 1)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-cordon" -l percent -d 'Pick this share of the matching targets (30 or 30%)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-cordon" -l duration -d 'How long the fault lasts' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-cordon" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-cordon" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-cordon" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-cordon" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-cordon" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-cordon" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-cordon" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-cordon" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-cordon" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-cordon" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-cordon" -s o -l output -d 'Output format' -r -f -a "table\t'Tables'
json\t'JSON'
yaml\t'YAML'"
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-cordon" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-cordon" -l allow-namespace -d 'Allow a protected namespace. Repeatable' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-cordon" -l max-targets -d 'The most targets one fault may touch' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-cordon" -l max-percent -d 'The largest share of the matching targets one fault may touch (100 or 100%)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-cordon" -l image -d 'Image of the ephemeral containers (needs tc and kubectl-chaos)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-cordon" -l seed -d 'Seed of the random choice of targets (default: the clock)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-cordon" -l recovery-timeout -d 'How long a one-off pod-kill waits for the workloads to recover' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-cordon" -l all -d 'Every matching target (without -l: every pod in the namespace, or every node)'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-cordon" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-cordon" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-cordon" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-cordon" -l dry-run -d 'Print exactly what would be done; change nothing'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-cordon" -s y -l yes -d 'Do not ask for confirmation on a terminal'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-cordon" -l allow-control-plane -d 'Allow faults on control-plane nodes'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-cordon" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-drain" -s l -l selector -d 'Label selector of the targets (pods; nodes for node faults). Required unless --all' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-drain" -l count -d 'Pick N of the matching targets (default 1)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-drain" -l percent -d 'Pick this share of the matching targets (30 or 30%)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-drain" -l duration -d 'How long the fault lasts' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-drain" -l evict-timeout -d 'How long an eviction a PodDisruptionBudget blocks is retried (default 30s)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-drain" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-drain" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-drain" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-drain" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-drain" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-drain" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-drain" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-drain" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-drain" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-drain" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-drain" -s o -l output -d 'Output format' -r -f -a "table\t'Tables'
json\t'JSON'
yaml\t'YAML'"
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-drain" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-drain" -l allow-namespace -d 'Allow a protected namespace. Repeatable' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-drain" -l max-targets -d 'The most targets one fault may touch' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-drain" -l max-percent -d 'The largest share of the matching targets one fault may touch (100 or 100%)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-drain" -l image -d 'Image of the ephemeral containers (needs tc and kubectl-chaos)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-drain" -l seed -d 'Seed of the random choice of targets (default: the clock)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-drain" -l recovery-timeout -d 'How long a one-off pod-kill waits for the workloads to recover' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-drain" -l all -d 'Every matching target (without -l: every pod in the namespace, or every node)'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-drain" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-drain" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-drain" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-drain" -l dry-run -d 'Print exactly what would be done; change nothing'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-drain" -s y -l yes -d 'Do not ask for confirmation on a terminal'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-drain" -l allow-control-plane -d 'Allow faults on control-plane nodes'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand node-drain" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand scale" -l workload -d 'deployment/NAME or statefulset/NAME' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand scale" -l replicas -d 'Replicas during the fault (default 0)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand scale" -l duration -d 'How long the fault lasts' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand scale" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand scale" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand scale" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand scale" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand scale" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand scale" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand scale" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand scale" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand scale" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand scale" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand scale" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand scale" -s o -l output -d 'Output format' -r -f -a "table\t'Tables'
json\t'JSON'
yaml\t'YAML'"
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand scale" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand scale" -l allow-namespace -d 'Allow a protected namespace. Repeatable' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand scale" -l max-targets -d 'The most targets one fault may touch' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand scale" -l max-percent -d 'The largest share of the matching targets one fault may touch (100 or 100%)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand scale" -l image -d 'Image of the ephemeral containers (needs tc and kubectl-chaos)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand scale" -l seed -d 'Seed of the random choice of targets (default: the clock)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand scale" -l recovery-timeout -d 'How long a one-off pod-kill waits for the workloads to recover' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand scale" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand scale" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand scale" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand scale" -l dry-run -d 'Print exactly what would be done; change nothing'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand scale" -s y -l yes -d 'Do not ask for confirmation on a terminal'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand scale" -l allow-control-plane -d 'Allow faults on control-plane nodes'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand scale" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -s l -l selector -d 'Label selector of the targets (pods; nodes for node faults). Required unless --all' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -l count -d 'Pick N of the matching targets (default 1)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -l percent -d 'Pick this share of the matching targets (30 or 30%)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -l duration -d 'How long the fault lasts' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -l latency -d 'Added latency (e.g. 100ms)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -l jitter -d 'Jitter around the latency' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -l loss -d 'Packet loss (10 or 10%)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -l bandwidth-kbit -d 'Bandwidth limit, kbit/s' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -l device -d 'The pod\'s network device (default eth0)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -s o -l output -d 'Output format' -r -f -a "table\t'Tables'
json\t'JSON'
yaml\t'YAML'"
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -l allow-namespace -d 'Allow a protected namespace. Repeatable' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -l max-targets -d 'The most targets one fault may touch' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -l max-percent -d 'The largest share of the matching targets one fault may touch (100 or 100%)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -l image -d 'Image of the ephemeral containers (needs tc and kubectl-chaos)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -l seed -d 'Seed of the random choice of targets (default: the clock)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -l recovery-timeout -d 'How long a one-off pod-kill waits for the workloads to recover' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -l all -d 'Every matching target (without -l: every pod in the namespace, or every node)'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -l dry-run -d 'Print exactly what would be done; change nothing'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -s y -l yes -d 'Do not ask for confirmation on a terminal'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -l allow-control-plane -d 'Allow faults on control-plane nodes'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand network" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand stress" -s l -l selector -d 'Label selector of the targets (pods; nodes for node faults). Required unless --all' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand stress" -l count -d 'Pick N of the matching targets (default 1)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand stress" -l percent -d 'Pick this share of the matching targets (30 or 30%)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand stress" -l duration -d 'How long the fault lasts' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand stress" -l cpu -d 'Busy threads' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand stress" -l memory-mib -d 'Memory to hold, MiB' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand stress" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand stress" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand stress" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand stress" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand stress" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand stress" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand stress" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand stress" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand stress" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand stress" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand stress" -s o -l output -d 'Output format' -r -f -a "table\t'Tables'
json\t'JSON'
yaml\t'YAML'"
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand stress" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand stress" -l allow-namespace -d 'Allow a protected namespace. Repeatable' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand stress" -l max-targets -d 'The most targets one fault may touch' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand stress" -l max-percent -d 'The largest share of the matching targets one fault may touch (100 or 100%)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand stress" -l image -d 'Image of the ephemeral containers (needs tc and kubectl-chaos)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand stress" -l seed -d 'Seed of the random choice of targets (default: the clock)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand stress" -l recovery-timeout -d 'How long a one-off pod-kill waits for the workloads to recover' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand stress" -l all -d 'Every matching target (without -l: every pod in the namespace, or every node)'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand stress" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand stress" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand stress" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand stress" -l dry-run -d 'Print exactly what would be done; change nothing'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand stress" -s y -l yes -d 'Do not ask for confirmation on a terminal'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand stress" -l allow-control-plane -d 'Allow faults on control-plane nodes'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand stress" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand cleanup" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand cleanup" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand cleanup" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand cleanup" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand cleanup" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand cleanup" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand cleanup" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand cleanup" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand cleanup" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand cleanup" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand cleanup" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand cleanup" -s o -l output -d 'Output format' -r -f -a "table\t'Tables'
json\t'JSON'
yaml\t'YAML'"
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand cleanup" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand cleanup" -l allow-namespace -d 'Allow a protected namespace. Repeatable' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand cleanup" -l max-targets -d 'The most targets one fault may touch' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand cleanup" -l max-percent -d 'The largest share of the matching targets one fault may touch (100 or 100%)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand cleanup" -l image -d 'Image of the ephemeral containers (needs tc and kubectl-chaos)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand cleanup" -l seed -d 'Seed of the random choice of targets (default: the clock)' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand cleanup" -l recovery-timeout -d 'How long a one-off pod-kill waits for the workloads to recover' -r
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand cleanup" -l force -d 'Roll back runs whose process is still alive too'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand cleanup" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand cleanup" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand cleanup" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand cleanup" -l dry-run -d 'Print exactly what would be done; change nothing'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand cleanup" -s y -l yes -d 'Do not ask for confirmation on a terminal'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand cleanup" -l allow-control-plane -d 'Allow faults on control-plane nodes'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand cleanup" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand help; and not __fish_seen_subcommand_from run pod-kill container-kill pod-failure node-cordon node-drain scale network stress cleanup help" -f -a "run" -d 'Run an experiment file: hypothesis before, method of faults, hypothesis after; exit 1 when it failed'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand help; and not __fish_seen_subcommand_from run pod-kill container-kill pod-failure node-cordon node-drain scale network stress cleanup help" -f -a "pod-kill" -d 'Delete pods (--count/--percent/--all; repeat with --interval and --duration)'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand help; and not __fish_seen_subcommand_from run pod-kill container-kill pod-failure node-cordon node-drain scale network stress cleanup help" -f -a "container-kill" -d 'Kill a container\'s main process (ephemeral container sharing its process namespace)'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand help; and not __fish_seen_subcommand_from run pod-kill container-kill pod-failure node-cordon node-drain scale network stress cleanup help" -f -a "pod-failure" -d 'Make pods fail for --duration (their images swapped for one that cannot be pulled), then restore'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand help; and not __fish_seen_subcommand_from run pod-kill container-kill pod-failure node-cordon node-drain scale network stress cleanup help" -f -a "node-cordon" -d 'Cordon nodes (-l selects nodes) for --duration'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand help; and not __fish_seen_subcommand_from run pod-kill container-kill pod-failure node-cordon node-drain scale network stress cleanup help" -f -a "node-drain" -d 'Cordon and drain nodes (evictions respect PodDisruptionBudgets), uncordon after --duration'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand help; and not __fish_seen_subcommand_from run pod-kill container-kill pod-failure node-cordon node-drain scale network stress cleanup help" -f -a "scale" -d 'Scale --workload deployment/NAME to --replicas (default 0) for --duration, then back'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand help; and not __fish_seen_subcommand_from run pod-kill container-kill pod-failure node-cordon node-drain scale network stress cleanup help" -f -a "network" -d 'Add --latency/--jitter/--loss/--bandwidth-kbit to pods for --duration (tc in an ephemeral container with NET_ADMIN)'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand help; and not __fish_seen_subcommand_from run pod-kill container-kill pod-failure node-cordon node-drain scale network stress cleanup help" -f -a "stress" -d 'CPU (--cpu threads) and memory (--memory-mib) stress in pods for --duration (ephemeral container)'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand help; and not __fish_seen_subcommand_from run pod-kill container-kill pod-failure node-cordon node-drain scale network stress cleanup help" -f -a "cleanup" -d 'Roll back what killed runs left behind (in -n\'s namespace, or -A; all runs, or RUN)'
complete -c kubectl-chaos -n "__fish_kubectl_chaos_using_subcommand help; and not __fish_seen_subcommand_from run pod-kill container-kill pod-failure node-cordon node-drain scale network stress cleanup help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
