# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_kubectl_certs_global_optspecs
    string join \n kubeconfig= context= cluster= user= n/namespace= A/all-namespaces l/selector= field-selector= request-timeout= as= as-group= insecure-skip-tls-verify v/v= o/output= no-headers color= warn= critical= html= fail-on= sources= no-cluster endpoint= endpoints-file= probe-ingresses ingress-address= probe-timeout= probe-concurrency= ca-file= no-system-roots notify-webhook= notify-format= notify-state= notify-retries= notify-backoff= h/help V/version
end

function __fish_kubectl_certs_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_kubectl_certs_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_kubectl_certs_using_subcommand
    set -l cmd (__fish_kubectl_certs_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -s o -l output -d 'Output format' -r -f -a "table\t'Certificates by soonest expiry, then findings'
wide\t'Tables with issuer, SANs, key, signature, serial and hints'
json\t'The CertificateReport envelope as JSON'
yaml\t'The CertificateReport envelope as YAML'
prometheus\t'Prometheus text exposition (x509-certificate-exporter names)'
junit\t'JUnit XML: a test suite per category, a failing test case per finding'
sarif\t'SARIF 2.1.0, for code scanning'
markdown\t'Markdown, for CI comments'"
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -l warn -d 'Warn about certificates expiring within this long' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -l critical -d 'Critical when expiring within this long' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -l html -d 'Also write a self-contained HTML report to FILE' -r -F
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -l fail-on -d 'Exit 1 when a finding at or above this severity is found' -r -f -a "critical\t'Any critical finding'
warning\t'Any warning or critical finding'
info\t'Any finding at all'
never\t'Never'"
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -l sources -d 'Sources to read (comma-separated; default: all)' -r -f -a "secrets\t'Secrets of any type except Helm release Secrets'
configmaps\t'ConfigMaps holding PEM (e.g. kube-root-ca.crt, trust bundles)'
ingresses\t'Ingress spec.tls: Secret exists, SANs cover the hosts'
gateways\t'Gateway API listeners\' certificateRefs, when the CRDs exist'
webhooks\t'caBundles of validating and mutating webhook configurations'
apiservices\t'caBundles of APIServices'
crds\t'caBundles of CRD conversion webhooks'
kubeconfig\t'The current kubeconfig context\'s cluster CA and client certificate'
cert-manager\t'cert-manager Certificates, when the CRD exists'"
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -l endpoint -d 'Probe a live TLS endpoint: HOST[:PORT] or SNI@ADDRESS[:PORT]. Repeatable' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -l endpoints-file -d 'Read endpoints from FILE, one per line (# comments)' -r -F
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -l ingress-address -d 'With --probe-ingresses, connect here (the ingress controller) instead of resolving each host' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -l probe-timeout -d 'Per-endpoint time limit' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -l probe-concurrency -d 'Endpoints probed at once' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -l ca-file -d 'Extra trust anchors (PEM bundle) for chain validation' -r -F
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -l notify-webhook -d 'POST new or worsened findings to URL. Repeatable' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -l notify-format -d 'Payload of --notify-webhook' -r -f -a "json\t'`CertificateNotification` JSON (docs/output-schema.md)'
slack\t'Slack incoming-webhook JSON (`{"text": ...}`)'"
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -l notify-state -d 'What was already notified (default: $XDG_STATE_HOME/sre-toolkit/certs/CONTEXT.json)' -r -F
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -l notify-retries -d 'Retries of a failed delivery (exponential backoff)' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -l notify-backoff -d 'Delay before the first retry' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -l no-cluster -d 'Do not read the cluster at all: only probe --endpoint/--endpoints-file'
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -l probe-ingresses -d 'Probe every Ingress TLS host and check it serves the Ingress\'s Secret'
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -l no-system-roots -d 'Do not trust the system roots (only ca.crt and --ca-file)'
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -s V -l version -d 'Print version'
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -f -a "scan" -d 'Scan once and print the report (the default)'
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -f -a "serve" -d 'Run as a Prometheus exporter: rescan every --interval, serve /metrics and /healthz'
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -f -a "checks" -d 'List every check: id, severity, what it finds'
complete -c kubectl-certs -n "__fish_kubectl_certs_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -s o -l output -d 'Output format' -r -f -a "table\t'Certificates by soonest expiry, then findings'
wide\t'Tables with issuer, SANs, key, signature, serial and hints'
json\t'The CertificateReport envelope as JSON'
yaml\t'The CertificateReport envelope as YAML'
prometheus\t'Prometheus text exposition (x509-certificate-exporter names)'
junit\t'JUnit XML: a test suite per category, a failing test case per finding'
sarif\t'SARIF 2.1.0, for code scanning'
markdown\t'Markdown, for CI comments'"
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -l warn -d 'Warn about certificates expiring within this long' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -l critical -d 'Critical when expiring within this long' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -l html -d 'Also write a self-contained HTML report to FILE' -r -F
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -l fail-on -d 'Exit 1 when a finding at or above this severity is found' -r -f -a "critical\t'Any critical finding'
warning\t'Any warning or critical finding'
info\t'Any finding at all'
never\t'Never'"
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -l sources -d 'Sources to read (comma-separated; default: all)' -r -f -a "secrets\t'Secrets of any type except Helm release Secrets'
configmaps\t'ConfigMaps holding PEM (e.g. kube-root-ca.crt, trust bundles)'
ingresses\t'Ingress spec.tls: Secret exists, SANs cover the hosts'
gateways\t'Gateway API listeners\' certificateRefs, when the CRDs exist'
webhooks\t'caBundles of validating and mutating webhook configurations'
apiservices\t'caBundles of APIServices'
crds\t'caBundles of CRD conversion webhooks'
kubeconfig\t'The current kubeconfig context\'s cluster CA and client certificate'
cert-manager\t'cert-manager Certificates, when the CRD exists'"
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -l endpoint -d 'Probe a live TLS endpoint: HOST[:PORT] or SNI@ADDRESS[:PORT]. Repeatable' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -l endpoints-file -d 'Read endpoints from FILE, one per line (# comments)' -r -F
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -l ingress-address -d 'With --probe-ingresses, connect here (the ingress controller) instead of resolving each host' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -l probe-timeout -d 'Per-endpoint time limit' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -l probe-concurrency -d 'Endpoints probed at once' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -l ca-file -d 'Extra trust anchors (PEM bundle) for chain validation' -r -F
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -l notify-webhook -d 'POST new or worsened findings to URL. Repeatable' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -l notify-format -d 'Payload of --notify-webhook' -r -f -a "json\t'`CertificateNotification` JSON (docs/output-schema.md)'
slack\t'Slack incoming-webhook JSON (`{"text": ...}`)'"
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -l notify-state -d 'What was already notified (default: $XDG_STATE_HOME/sre-toolkit/certs/CONTEXT.json)' -r -F
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -l notify-retries -d 'Retries of a failed delivery (exponential backoff)' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -l notify-backoff -d 'Delay before the first retry' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -l no-cluster -d 'Do not read the cluster at all: only probe --endpoint/--endpoints-file'
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -l probe-ingresses -d 'Probe every Ingress TLS host and check it serves the Ingress\'s Secret'
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -l no-system-roots -d 'Do not trust the system roots (only ca.crt and --ca-file)'
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand scan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -l listen -d 'Address to listen on (`:9793` = every interface)' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -l interval -d 'How often to rescan (at least 10s: every scan lists every Secret)' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -l scans -d 'Stop after N scans (for tests; default: until interrupted)' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -s o -l output -d 'Output format' -r -f -a "table\t'Certificates by soonest expiry, then findings'
wide\t'Tables with issuer, SANs, key, signature, serial and hints'
json\t'The CertificateReport envelope as JSON'
yaml\t'The CertificateReport envelope as YAML'
prometheus\t'Prometheus text exposition (x509-certificate-exporter names)'
junit\t'JUnit XML: a test suite per category, a failing test case per finding'
sarif\t'SARIF 2.1.0, for code scanning'
markdown\t'Markdown, for CI comments'"
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -l warn -d 'Warn about certificates expiring within this long' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -l critical -d 'Critical when expiring within this long' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -l html -d 'Also write a self-contained HTML report to FILE' -r -F
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -l fail-on -d 'Exit 1 when a finding at or above this severity is found' -r -f -a "critical\t'Any critical finding'
warning\t'Any warning or critical finding'
info\t'Any finding at all'
never\t'Never'"
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -l sources -d 'Sources to read (comma-separated; default: all)' -r -f -a "secrets\t'Secrets of any type except Helm release Secrets'
configmaps\t'ConfigMaps holding PEM (e.g. kube-root-ca.crt, trust bundles)'
ingresses\t'Ingress spec.tls: Secret exists, SANs cover the hosts'
gateways\t'Gateway API listeners\' certificateRefs, when the CRDs exist'
webhooks\t'caBundles of validating and mutating webhook configurations'
apiservices\t'caBundles of APIServices'
crds\t'caBundles of CRD conversion webhooks'
kubeconfig\t'The current kubeconfig context\'s cluster CA and client certificate'
cert-manager\t'cert-manager Certificates, when the CRD exists'"
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -l endpoint -d 'Probe a live TLS endpoint: HOST[:PORT] or SNI@ADDRESS[:PORT]. Repeatable' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -l endpoints-file -d 'Read endpoints from FILE, one per line (# comments)' -r -F
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -l ingress-address -d 'With --probe-ingresses, connect here (the ingress controller) instead of resolving each host' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -l probe-timeout -d 'Per-endpoint time limit' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -l probe-concurrency -d 'Endpoints probed at once' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -l ca-file -d 'Extra trust anchors (PEM bundle) for chain validation' -r -F
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -l notify-webhook -d 'POST new or worsened findings to URL. Repeatable' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -l notify-format -d 'Payload of --notify-webhook' -r -f -a "json\t'`CertificateNotification` JSON (docs/output-schema.md)'
slack\t'Slack incoming-webhook JSON (`{"text": ...}`)'"
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -l notify-state -d 'What was already notified (default: $XDG_STATE_HOME/sre-toolkit/certs/CONTEXT.json)' -r -F
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -l notify-retries -d 'Retries of a failed delivery (exponential backoff)' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -l notify-backoff -d 'Delay before the first retry' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -l no-cluster -d 'Do not read the cluster at all: only probe --endpoint/--endpoints-file'
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -l probe-ingresses -d 'Probe every Ingress TLS host and check it serves the Ingress\'s Secret'
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -l no-system-roots -d 'Do not trust the system roots (only ca.crt and --ca-file)'
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r -F
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -l request-timeout -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -l as -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -l as-group -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -s v -l v -d 'Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace)' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -s o -l output -d 'Output format' -r -f -a "table\t'Certificates by soonest expiry, then findings'
wide\t'Tables with issuer, SANs, key, signature, serial and hints'
json\t'The CertificateReport envelope as JSON'
yaml\t'The CertificateReport envelope as YAML'
prometheus\t'Prometheus text exposition (x509-certificate-exporter names)'
junit\t'JUnit XML: a test suite per category, a failing test case per finding'
sarif\t'SARIF 2.1.0, for code scanning'
markdown\t'Markdown, for CI comments'"
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -l color -d 'When to use colour in human-readable output' -r -f -a "auto\t'Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`'
always\t'Always colour human-readable output (never structured output)'
never\t'Never colour'"
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -l warn -d 'Warn about certificates expiring within this long' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -l critical -d 'Critical when expiring within this long' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -l html -d 'Also write a self-contained HTML report to FILE' -r -F
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -l fail-on -d 'Exit 1 when a finding at or above this severity is found' -r -f -a "critical\t'Any critical finding'
warning\t'Any warning or critical finding'
info\t'Any finding at all'
never\t'Never'"
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -l sources -d 'Sources to read (comma-separated; default: all)' -r -f -a "secrets\t'Secrets of any type except Helm release Secrets'
configmaps\t'ConfigMaps holding PEM (e.g. kube-root-ca.crt, trust bundles)'
ingresses\t'Ingress spec.tls: Secret exists, SANs cover the hosts'
gateways\t'Gateway API listeners\' certificateRefs, when the CRDs exist'
webhooks\t'caBundles of validating and mutating webhook configurations'
apiservices\t'caBundles of APIServices'
crds\t'caBundles of CRD conversion webhooks'
kubeconfig\t'The current kubeconfig context\'s cluster CA and client certificate'
cert-manager\t'cert-manager Certificates, when the CRD exists'"
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -l endpoint -d 'Probe a live TLS endpoint: HOST[:PORT] or SNI@ADDRESS[:PORT]. Repeatable' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -l endpoints-file -d 'Read endpoints from FILE, one per line (# comments)' -r -F
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -l ingress-address -d 'With --probe-ingresses, connect here (the ingress controller) instead of resolving each host' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -l probe-timeout -d 'Per-endpoint time limit' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -l probe-concurrency -d 'Endpoints probed at once' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -l ca-file -d 'Extra trust anchors (PEM bundle) for chain validation' -r -F
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -l notify-webhook -d 'POST new or worsened findings to URL. Repeatable' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -l notify-format -d 'Payload of --notify-webhook' -r -f -a "json\t'`CertificateNotification` JSON (docs/output-schema.md)'
slack\t'Slack incoming-webhook JSON (`{"text": ...}`)'"
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -l notify-state -d 'What was already notified (default: $XDG_STATE_HOME/sre-toolkit/certs/CONTEXT.json)' -r -F
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -l notify-retries -d 'Retries of a failed delivery (exponential backoff)' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -l notify-backoff -d 'Delay before the first retry' -r
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace'
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure'
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)'
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -l no-cluster -d 'Do not read the cluster at all: only probe --endpoint/--endpoints-file'
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -l probe-ingresses -d 'Probe every Ingress TLS host and check it serves the Ingress\'s Secret'
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -l no-system-roots -d 'Do not trust the system roots (only ca.crt and --ca-file)'
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand checks" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand help; and not __fish_seen_subcommand_from scan serve checks help" -f -a "scan" -d 'Scan once and print the report (the default)'
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand help; and not __fish_seen_subcommand_from scan serve checks help" -f -a "serve" -d 'Run as a Prometheus exporter: rescan every --interval, serve /metrics and /healthz'
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand help; and not __fish_seen_subcommand_from scan serve checks help" -f -a "checks" -d 'List every check: id, severity, what it finds'
complete -c kubectl-certs -n "__fish_kubectl_certs_using_subcommand help; and not __fish_seen_subcommand_from scan serve checks help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
