#!/usr/bin/env bash
# Collects faultlab's host-state layout on a real Kubernetes node, so that
#   faultlab diagnose capture.pcap --state DIR
# can name a root cause from a customer's capture plus this node's state.
#
# Usage (as root on the node):
#   collect-node-state.sh [-o DIR] [-l LABEL] [-p POD=PID]...
#     -o DIR      state directory to write (default ./faultlab-state)
#     -l LABEL    snapshot label, e.g. before / after (default: manual)
#     -p POD=PID  also collect pod POD's network namespace, entered with 'nsenter -t PID -n';
#                 PID is any process of the pod, e.g.
#                 crictl inspect --output go-template --template '{{.info.pid}}' <container-id>
#
# Needs only iproute2 (ip, bridge, ss, nstat), iptables, conntrack-tools (and nsenter for -p). A missing tool
# skips its file with a warning; every file is optional for faultlab. Read-only: it changes nothing on the node.
set -u

out=./faultlab-state
label=manual
pods=()

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

# The files of one host: "save FILE ROLES COMMAND...". Must equal StateLayout.COMMAND_FILES (a test checks).
collect_files() {
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

# Runs a command in the current host: here, or inside the pod's network namespace.
run() {
    if [ -n "$pid" ]; then
        nsenter -t "$pid" -n "$@"
    else
        "$@"
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
        warn "$host/$file skipped: '$1' not found (install iproute2, iptables or conntrack)"
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

# collect_host NAME ROLE NODE PID: one host directory (PID empty = this node itself).
collect_host() {
    host=$1 role=$2 pid=$4
    local node=$3
    dir=$out/$host
    mkdir -p "$dir" || die "cannot create $dir: choose a writable -o DIR"
    if [ -n "$node" ]; then
        printf '{"name": "%s", "role": "%s", "node": "%s"}\n' "$host" "$role" "$node" >"$dir/host.json"
    else
        printf '{"name": "%s", "role": "%s"}\n' "$host" "$role" >"$dir/host.json"
    fi
    collect_files
}

while getopts "o:l:p:h" opt; do
    case $opt in
        o) out=$OPTARG ;;
        l) label=$OPTARG ;;
        p) pods+=("$OPTARG") ;;
        h) sed -n '2,16p' "$0"; exit 0 ;;
        *) die "unknown option: see $0 -h" ;;
    esac
done

[ "$(id -u)" -eq 0 ] || die "not root: run it as root on the node (sudo $0 ...)"
case $label in *[!A-Za-z0-9._-]*|'') die "bad label '$label': use letters, digits, '.', '_' or '-'" ;; esac
node_name=$(uname -n)
mkdir -p "$out" || die "cannot create $out: choose a writable -o DIR"
printf '{"takenAt": "%s", "labId": null, "label": "%s"}\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$label" >"$out/snapshot.json"

collect_host "$node_name" node "" ""
for spec in ${pods[@]+"${pods[@]}"}; do
    name=${spec%%=*}
    pod_pid=${spec#*=}
    case $name in *[!a-z0-9.-]*|''|.*) die "bad pod name '$name' in -p $spec: use the pod's DNS name" ;; esac
    case $pod_pid in *[!0-9]*|'') die "bad PID in -p $spec: use POD=PID, e.g. -p web-1=4242" ;; esac
    [ -e "/proc/$pod_pid/ns/net" ] || die "no process $pod_pid for pod $name: look it up again (crictl inspect)"
    command -v nsenter >/dev/null 2>&1 || die "nsenter not found: install util-linux to collect pods"
    collect_host "$name" pod "$node_name" "$pod_pid"
done
echo "collect-node-state: wrote $out (run: faultlab diagnose CAPTURE.pcap --state $out)" >&2
