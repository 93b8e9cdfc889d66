#!/usr/bin/env bash
# Collects faultlab's host-state layout on a real Kubernetes node, so that
#   faultlab diagnose capture.pcap --state DIR
# can name a root cause from a customer's capture plus this node's state.
#
# Usage (as root on the node):
#   collect-node-state.sh [-o DIR] [-l LABEL] [-n NODE] [-p POD=PID]... [DIR]
#     -o DIR      state directory to write (default ./faultlab-state; a last argument DIR does the same)
#     -l LABEL    snapshot label, e.g. before / after (default: manual)
#     -n NODE     this node's name as Kubernetes knows it (default: uname -n, lower case)
#     -p POD=PID  also collect pod POD's network namespace, entered with 'nsenter -t PID -n';
#                 PID is any process of the pod, e.g.
#                 crictl inspect --output go-template --template '{{.info.pid}}' <container-id>
# Run it twice, -l before and -l after, into two directories: counters then show what rose in between
# (with one snapshot faultlab reports them as absolute values since boot).
#
# Bundle mode, for 'faultlab reproduce': one tarball with everything, in one run:
#   collect-node-state.sh --bundle OUT.tar.gz [--capture IFACE[:FILTER]]... [--seconds N] [-n NODE] [-p POD=PID]...
#     a 'before' snapshot; tcpdump on each IFACE for N seconds (default 30, at most 300; at most 50000 packets
#     of 2048 bytes per interface, not promiscuous) into captures/NODE-IFACE.pcap; an 'after' snapshot; and,
#     when kubectl answers, the Node object (kube/node.json) and the Services and Endpoints (kube/services.json,
#     kube/endpoints.json). FILTER is a tcpdump filter, e.g. --capture eth0:'tcp port 8080 or icmp'; on an
#     overlay, pod traffic crosses the NIC encapsulated, so let the filter take the overlay too, e.g.
#     --capture eth0:'udp port 8472 or udp port 4789 or udp port 6081 or proto 4 or icmp' (VXLAN, Geneve, IPIP).
#     Then: faultlab reproduce OUT.tar.gz
#
# Needs only iproute2 (ip, bridge, ss, nstat), iptables, conntrack-tools (and nsenter for -p); kubectl is used
# when it is installed and answers (KUBECONFIG as usual). A missing tool skips its file with a warning; every
# file is optional for faultlab. Read-only: it changes nothing on the node. Every command is bounded by
# 'timeout' (when installed) and kubectl by --request-timeout.
set -u

out=./faultlab-state
label=manual
bundle=
captures=()
capture_seconds=30
MAX_CAPTURE_SECONDS=300
MAX_CAPTURE_PACKETS=50000
CAPTURE_SNAPLEN=2048
node_name=
pods=()
COMMAND_TIMEOUT=20
FLANNEL_SUBNET_ENV=/run/flannel/subnet.env

# Sysctls worth reading; keys a kernel lacks are skipped. Must equal StateLayout.SYSCTL_KEYS (a test checks).
SYSCTL_KEYS="
net.core.somaxconn
net.core.netdev_max_backlog
net.ipv4.ip_forward
net.ipv4.ip_local_port_range
net.ipv4.ip_no_pmtu_disc
net.ipv4.conf.all.rp_filter
net.ipv4.tcp_max_syn_backlog
net.ipv4.tcp_syncookies
net.ipv4.tcp_abort_on_overflow
net.ipv4.tcp_syn_retries
net.ipv4.tcp_synack_retries
net.ipv4.tcp_syn_linear_timeouts
net.ipv4.tcp_timestamps
net.ipv4.tcp_tw_reuse
net.ipv4.tcp_tw_recycle
net.ipv4.tcp_rfc1337
net.ipv4.tcp_mtu_probing
net.bridge.bridge-nf-call-iptables
net.netfilter.nf_conntrack_max
net.netfilter.nf_conntrack_tcp_timeout_time_wait
"

# One line per Node: name, pod CIDR, InternalIP, flannel public-ip, flannel backend-data (VtepMAC), pod CIDRs
# (dual stack), flannel public-ipv6, flannel backend-v6-data (the IPv6 VTEP's MAC), tab-separated.
# Must equal StateLayout.KUBE_NODES_JSONPATH (a test checks).
KUBE_NODES_JSONPATH='jsonpath={range .items[*]}{.metadata.name}{"\t"}{.spec.podCIDR}{"\t"}{.status.addresses[?(@.type=="InternalIP")].address}{"\t"}{.metadata.annotations.flannel\.alpha\.coreos\.com/public-ip}{"\t"}{.metadata.annotations.flannel\.alpha\.coreos\.com/backend-data}{"\t"}{.spec.podCIDRs[*]}{"\t"}{.metadata.annotations.flannel\.alpha\.coreos\.com/public-ipv6}{"\t"}{.metadata.annotations.flannel\.alpha\.coreos\.com/backend-v6-data}{"\n"}{end}'

# The files of one host: "save FILE ROLES COMMAND...". Must equal StateLayout.SCRIPT_FILES (a test checks).
collect_files() {
    save kube-nodes.txt    node             kubectl get nodes --request-timeout=10s -o "$KUBE_NODES_JSONPATH"
    save ip-addr.json      node,pod,client  ip -j addr show
    save ip-route.json     node,pod,client  ip -j route show table all
    save ip-neigh.json     node,pod,client  ip -j neigh show
    save bridge-fdb.json   node             bridge -j fdb show
    save ip-link.json      node,pod,client  ip -j -s -s -d link show
    save ss-tanoi.txt      node,pod,client  ss -tanoi
    save ss-ltn.txt        node,pod,client  ss -ltn
    save nstat.txt         node,pod,client  nstat -asz
    save conntrack.txt     node,client      conntrack -L -o extended
    save sysctl.txt        node,pod,client  sysctl -e $SYSCTL_KEYS
    save iptables-nat.txt  node,client      iptables-save -t nat
}

warn() {
    echo "collect-node-state: $*" >&2
}

die() {
    warn "$*"
    exit 2
}

# Runs a command in the current host (here, or inside the pod's network namespace), bounded in time.
run() {
    local limit=()
    if command -v timeout >/dev/null 2>&1; then
        limit=(timeout "$COMMAND_TIMEOUT")
    fi
    if [ -n "$pid" ]; then
        ${limit[@]+"${limit[@]}"} nsenter -t "$pid" -n "$@"
    else
        ${limit[@]+"${limit[@]}"} "$@"
    fi
}

# sysctl without procps: read /proc/sys (in the pod's namespace via run), printed the way sysctl prints.
sysctl_from_proc() {
    local key value
    for key in $SYSCTL_KEYS; do
        if value=$(run cat "/proc/sys/${key//.//}" 2>/dev/null); then
            printf '%s = %s\n' "$key" "$value"
        fi
    done
}

# save FILE ROLES COMMAND...: writes the command's stdout to FILE when the host's role is in ROLES.
save() {
    local file=$1 roles=$2 err rc
    shift 2
    case ",$roles," in *",$role,"*) ;; *) return 0 ;; esac
    if ! command -v "$1" >/dev/null 2>&1; then
        if [ "$1" = sysctl ]; then
            sysctl_from_proc >"$dir/$file"
            return 0
        fi
        warn "$host/$file skipped: '$1' not found (install iproute2, iptables, conntrack or kubectl)"
        return 0
    fi
    err=$(run "$@" 2>&1 >"$dir/$file.part")
    rc=$?
    if [ $rc -eq 0 ]; then
        mv "$dir/$file.part" "$dir/$file"
    else
        rm -f "$dir/$file.part"
        warn "$host/$file skipped: $1 exited $rc: ${err%%$'\n'*}"
    fi
}

# ipv4_network A.B.C.D/N: prints the network of an interface address, e.g. 10.244.1.1/24 -> 10.244.1.0/24.
ipv4_network() {
    local addr=${1%/*} len=${1#*/} a b c d ip mask
    [[ $1 =~ ^[0-9]{1,3}(\.[0-9]{1,3}){3}/[0-9]{1,2}$ ]] && [ "$len" -le 32 ] || return 1
    IFS=. read -r a b c d <<<"$addr"
    ip=$(( (a << 24) | (b << 16) | (c << 8) | d ))
    mask=$(( len == 0 ? 0 : (0xffffffff << (32 - len)) & 0xffffffff ))
    ip=$(( ip & mask ))
    printf '%d.%d.%d.%d/%d\n' $(( ip >> 24 & 255 )) $(( ip >> 16 & 255 )) $(( ip >> 8 & 255 )) $(( ip & 255 )) "$len"
}

# split_tabs LINE: fills the array cols with LINE's tab-separated fields, empty ones kept ('read' would merge them).
split_tabs() {
    local line=$1
    cols=()
    while :; do
        cols+=("${line%%$'\t'*}")
        [[ $line == *$'\t'* ]] || break
        line=${line#*$'\t'}
    done
}

# The node's pod CIDR, from the first source that knows it: the Node object (kube-nodes.txt), flannel's
# subnet.env, cni0's address, then the routes (Calico's blackhole route for its block, or a bridge's
# connected route). Sets pod_cidr and pod_cidr_source; also underlay_ip from the Node object.
node_pod_cidr() {
    local line key value dst dev rest bridges found=
    pod_cidr= pod_cidr_source=
    if [ -s "$dir/kube-nodes.txt" ]; then
        while IFS= read -r line; do
            split_tabs "$line"
            if [ "${cols[0]}" = "$node_name" ]; then
                found=yes
                [ -n "${cols[1]:-}" ] && pod_cidr=${cols[1]} pod_cidr_source=kubectl
                # flannel's public-ip, else its public-ipv6 (an IPv6-only cluster), else the InternalIP; a
                # dual-stack InternalIP lists both addresses, and the first is the node's primary one
                underlay_ip=${cols[3]:-}
                [ -n "$underlay_ip" ] || underlay_ip=${cols[6]:-}
                [ -n "$underlay_ip" ] || underlay_ip=${cols[2]:-}
                underlay_ip=${underlay_ip%% *}
            fi
        done <"$dir/kube-nodes.txt"
        [ -n "$found" ] || warn "no Node named '$node_name' in $host/kube-nodes.txt: pass the Node's name with -n NODE"
        [ -n "$pod_cidr" ] && return 0
    fi
    if [ -r "$FLANNEL_SUBNET_ENV" ]; then
        # read, never sourced: it is data, not a script
        while IFS='=' read -r key value; do
            if [ "$key" = FLANNEL_SUBNET ] && pod_cidr=$(ipv4_network "$value"); then
                pod_cidr_source=subnet.env
                return 0
            fi
        done <"$FLANNEL_SUBNET_ENV"
    fi
    read -r _ _ _ value _ < <(run ip -o -4 addr show dev cni0 2>/dev/null)
    if [ -n "${value:-}" ] && pod_cidr=$(ipv4_network "$value"); then
        pod_cidr_source=cni0
        return 0
    fi
    while read -r dst rest; do
        if [ "$dst" = blackhole ]; then
            read -r dst _ <<<"$rest"
            pod_cidr=$dst pod_cidr_source=routes
            return 0
        fi
    done < <(run ip -o -4 route show table main 2>/dev/null)
    bridges=" $(run ip -o link show type bridge 2>/dev/null | while read -r _ dev _; do printf '%s ' "${dev%%[:@]*}"; done)"
    while read -r dst rest; do
        dev=${rest#*dev } dev=${dev%% *}
        if [[ $rest == *"proto kernel scope link"* && $bridges == *" $dev "* && $dev != docker0 && $dst == */* ]]; then
            pod_cidr=$dst pod_cidr_source=routes
            return 0
        fi
    done < <(run ip -o -4 route show table main 2>/dev/null)
    pod_cidr=
}

# The node's underlay IP when the Node object gave none: the first global address of the default route's device.
node_underlay_ip() {
    local dev value
    [ -n "$underlay_ip" ] && return 0
    read -r dev < <(run ip -o -4 route show default 2>/dev/null | while read -r line; do
        dev=${line#*dev }
        [ "$dev" != "$line" ] && printf '%s\n' "${dev%% *}" && break
    done)
    [ -n "${dev:-}" ] || return 0
    read -r _ _ _ value _ < <(run ip -o -4 addr show dev "$dev" scope global 2>/dev/null)
    underlay_ip=${value%/*}
}

# Prints the host's global addresses (IPv4 and IPv6, without prefix length) as a JSON array.
addresses_json() {
    local value sep=
    printf '['
    while read -r _ _ _ value _; do
        value=${value%/*}
        safe "$value" || continue
        printf '%s"%s"' "$sep" "$value"
        sep=', '
    done < <(run ip -o addr show scope global 2>/dev/null)
    printf ']'
}

# safe VALUE: true for an address or CIDR (the only values written into host.json from commands).
safe() {
    [[ $1 =~ ^[0-9A-Fa-f.:/]+$ ]]
}

# json_field NAME VALUE: ', "NAME": "VALUE"' when VALUE is a safe address, else nothing.
json_field() {
    if [ -n "$2" ] && safe "$2"; then
        printf ', "%s": "%s"' "$1" "$2"
    elif [ -n "$2" ]; then
        warn "$host/host.json: $1 '$2' left out: not an address"
    fi
}

# collect_host NAME ROLE NODE PID: one host directory (PID empty = this node itself).
collect_host() {
    host=$1 role=$2 pid=$4
    local node=$3 facts
    dir=$out/$host
    mkdir -p "$dir" || die "cannot create $dir: choose a writable -o DIR"
    collect_files
    if [ "$role" = node ]; then
        underlay_ip=
        node_pod_cidr
        node_underlay_ip
        facts="$(json_field underlayIp "$underlay_ip")$(json_field podCidr "$pod_cidr")"
        [ -n "$pod_cidr" ] && facts="$facts, \"podCidrSource\": \"$pod_cidr_source\""
        [ -n "$pod_cidr" ] || warn "$host/host.json: no pod CIDR (no Node object, $FLANNEL_SUBNET_ENV, cni0 or pod route)"
    else
        facts=", \"node\": \"$node\""
    fi
    printf '{"name": "%s", "role": "%s"%s, "addresses": %s}\n' "$host" "$role" "$facts" "$(addresses_json)" \
        >"$dir/host.json"
}

# take_snapshot DIR LABEL: this node and every -p pod into DIR.
take_snapshot() {
    out=$1 label=$2
    mkdir -p "$out" || die "cannot create $out: choose a writable -o DIR"
    printf '{"takenAt": "%s", "labId": null, "label": "%s"}\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$label" >"$out/snapshot.json"
    collect_host "$node_name" node "" ""
    for spec in ${pods[@]+"${pods[@]}"}; do
        collect_host "${spec%%=*}" pod "$node_name" "${spec#*=}"
    done
}

# capture_all DIR: one bounded tcpdump per --capture, all at once, for $capture_seconds.
capture_all() {
    local dir=$1 spec iface filter file started=() names=() i
    mkdir -p "$dir"
    for spec in ${captures[@]+"${captures[@]}"}; do
        iface=${spec%%:*}
        filter=
        [ "$iface" = "$spec" ] || filter=${spec#*:}
        file=$dir/$node_name-$iface.pcap
        # -p: not promiscuous (read-only); -c/-s bound the size; timeout bounds the time
        if [ -n "$filter" ]; then
            timeout "$capture_seconds" tcpdump -p -n -U -i "$iface" -s "$CAPTURE_SNAPLEN" -c "$MAX_CAPTURE_PACKETS" \
                -w "$file" "$filter" 2>"$file.log" &
        else
            timeout "$capture_seconds" tcpdump -p -n -U -i "$iface" -s "$CAPTURE_SNAPLEN" -c "$MAX_CAPTURE_PACKETS" \
                -w "$file" 2>"$file.log" &
        fi
        started+=($!)
        names+=("$file")
    done
    echo "collect-node-state: capturing on ${#captures[@]} interface(s) for $capture_seconds s" >&2
    for i in "${!started[@]}"; do
        wait "${started[$i]}"
        # tcpdump exits 124 under timeout: that is the normal end of a capture
        grep -h 'packets captured' "${names[$i]}.log" | sed "s|^|collect-node-state: $(basename "${names[$i]}"): |" >&2
        [ -s "${names[$i]}" ] || warn "$(basename "${names[$i]}"): nothing captured: $(head -n 1 "${names[$i]}.log")"
        rm -f "${names[$i]}.log"
    done
}

# kube_facts DIR: the Node object and the Services and Endpoints, when kubectl answers (else a warning).
kube_facts() {
    local dir=$1
    command -v kubectl >/dev/null 2>&1 || { warn "kube/ skipped: kubectl not found"; return 0; }
    mkdir -p "$dir"
    if ! run kubectl get node "$node_name" --request-timeout=10s -o json >"$dir/node.json" 2>/dev/null; then
        rm -rf "$dir"
        warn "kube/ skipped: kubectl get node $node_name failed (KUBECONFIG?)"
        return 0
    fi
    run kubectl get services -A --request-timeout=10s -o json >"$dir/services.json" 2>/dev/null || rm -f "$dir/services.json"
    run kubectl get endpoints -A --request-timeout=10s -o json >"$dir/endpoints.json" 2>/dev/null || rm -f "$dir/endpoints.json"
}

# make_bundle: before snapshot, captures, after snapshot, Kubernetes facts, into one tarball ($bundle).
make_bundle() {
    work=$(mktemp -d "${TMPDIR:-/tmp}/faultlab-bundle.XXXXXX") || die "cannot create a work directory"
    # work is global: the EXIT trap runs after this function returned
    trap 'rm -rf "$work"' EXIT
    trap 'exit 130' INT TERM
    take_snapshot "$work/bundle/state/before" before
    capture_all "$work/bundle/captures"
    take_snapshot "$work/bundle/state/after" after
    pid=
    kube_facts "$work/bundle/kube"
    tar -czf "$bundle" -C "$work" bundle || die "cannot write $bundle"
    echo "collect-node-state: wrote $bundle ($(du -h "$bundle" | cut -f1)):" >&2
    (cd "$work" && find bundle -type f | sort | sed 's|^|  |') >&2
    echo "collect-node-state: it holds packet captures (addresses, ports, payload up to $CAPTURE_SNAPLEN bytes" \
        "per packet) and this node's network state; review before sharing. Next: faultlab reproduce $bundle" >&2
}

# long options first (getopts knows only short ones); the rest goes to getopts
args=()
while [ $# -gt 0 ]; do
    case $1 in
        --bundle) [ $# -ge 2 ] || die "--bundle needs OUT.tar.gz"; bundle=$2; shift 2 ;;
        --capture) [ $# -ge 2 ] || die "--capture needs IFACE[:FILTER]"; captures+=("$2"); shift 2 ;;
        --seconds) [ $# -ge 2 ] || die "--seconds needs N"; capture_seconds=$2; shift 2 ;;
        *) args+=("$1"); shift ;;
    esac
done
set -- ${args[@]+"${args[@]}"}

while getopts "o:l:n:p:h" opt; do
    case $opt in
        o) out=$OPTARG ;;
        l) label=$OPTARG ;;
        n) node_name=$OPTARG ;;
        p) pods+=("$OPTARG") ;;
        h) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) die "unknown option: see $0 -h" ;;
    esac
done
shift $((OPTIND - 1))
[ $# -le 1 ] || die "one state directory at most, got '$*': see $0 -h"
[ $# -eq 0 ] || out=$1

[ "$(id -u)" -eq 0 ] || die "not root: run it as root on the node (sudo $0 ...)"
case $label in *[!A-Za-z0-9._-]*|'') die "bad label '$label': use letters, digits, '.', '_' or '-'" ;; esac
[ -n "$node_name" ] || node_name=$(uname -n | tr '[:upper:]' '[:lower:]')
case $node_name in *[!a-z0-9.-]*|''|.*) die "bad node name '$node_name': pass the Node's name with -n NODE" ;; esac
# every pod is checked before anything is written
for spec in ${pods[@]+"${pods[@]}"}; do
    name=${spec%%=*}
    pod_pid=${spec#*=}
    case $name in *[!a-z0-9.-]*|''|.*) die "bad pod name '$name' in -p $spec: use the pod's DNS name" ;; esac
    case $pod_pid in *[!0-9]*|'') die "bad PID in -p $spec: use POD=PID, e.g. -p web-1=4242" ;; esac
    [ -e "/proc/$pod_pid/ns/net" ] || die "no process $pod_pid for pod $name: look it up again (crictl inspect)"
    command -v nsenter >/dev/null 2>&1 || die "nsenter not found: install util-linux to collect pods"
done

if [ -n "$bundle" ]; then
    case $bundle in *.tar.gz|*.tgz) ;; *) die "--bundle $bundle: name it OUT.tar.gz" ;; esac
    case $capture_seconds in *[!0-9]*|'') die "bad --seconds '$capture_seconds': give whole seconds" ;; esac
    [ "$capture_seconds" -ge 1 ] && [ "$capture_seconds" -le "$MAX_CAPTURE_SECONDS" ] \
        || die "--seconds $capture_seconds: use 1 to $MAX_CAPTURE_SECONDS"
    for spec in ${captures[@]+"${captures[@]}"}; do
        case ${spec%%:*} in *[!A-Za-z0-9._@-]*|'') die "bad interface in --capture $spec: use IFACE[:FILTER]" ;; esac
        [ -e "/sys/class/net/${spec%%:*}" ] || die "no interface ${spec%%:*} on this node (--capture $spec): see 'ip link'"
    done
    [ ${#captures[@]} -eq 0 ] || command -v tcpdump >/dev/null 2>&1 || die "tcpdump not found: install it to --capture"
    make_bundle
    exit 0
fi

take_snapshot "$out" "$label"
echo "collect-node-state: wrote $out (run: faultlab diagnose CAPTURE.pcap --state $out)" >&2
