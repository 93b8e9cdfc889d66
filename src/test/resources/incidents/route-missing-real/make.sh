# A node-1 with a default route to a blackholing gateway and a kube-router-style route (proto 17) to
# 10.244.3.0/24 only: connects to 10.244.3.2 work, to 10.244.2.2 time out. Captured on node-1 eth0.
set -e
A=fldet-ra; G=fldet-rg
ip netns add $A; ip netns add $G
ip link add fldra0 type veth peer name fldrg0
ip link set fldra0 netns $A name eth0; ip link set fldrg0 netns $G name eth0
ip -n $A addr add 192.168.100.11/24 dev eth0; ip -n $G addr add 192.168.100.1/24 dev eth0
for n in $A $G; do ip -n $n link set lo up; ip -n $n link set eth0 up; ip netns exec $n ethtool -K eth0 tso off gso off gro off >/dev/null 2>&1 || true; done
ip -n $A addr add 10.244.1.2/24 dev lo
ip -n $A route add default via 192.168.100.1
ip -n $A route add 10.244.3.0/24 via 192.168.100.1 proto 17
ip -n $G addr add 10.244.3.2/32 dev lo
ip -n $G route add blackhole default
ip -n $G route add 10.244.1.0/24 via 192.168.100.11
ip netns exec $G sysctl -qw net.ipv4.ip_forward=1
ip netns exec $G socat TCP-LISTEN:80,bind=10.244.3.2,reuseaddr,fork SYSTEM:'echo ok' &
SOCAT=$!
sleep 0.5
D=$1; mkdir -p $D/before/node-1 $D/after/node-1
snap() { d=$1; ip -n $A -j addr show > $d/ip-addr.json; ip -n $A -j route show table all > $d/ip-route.json; ip netns exec $A nstat -asz > $d/nstat.txt; echo '{"name":"node-1","role":"node","underlayIp":"192.168.100.11","podCidr":"10.244.1.0/24"}' > $d/host.json; }
snap $D/before/node-1
echo '{"takenAt":"2026-01-01T00:00:00Z","label":"before"}' > $D/before/snapshot.json
ip netns exec $A tcpdump -i eth0 -w $D/node-1-eth0.pcap -U tcp 2>/dev/null &
TD=$!
sleep 1
ip netns exec $A curl -s --interface 10.244.1.2 --connect-timeout 2 http://10.244.3.2/ >/dev/null || true
ip netns exec $A curl -s --interface 10.244.1.2 --connect-timeout 6.5 http://10.244.2.2/ >/dev/null || true
ip netns exec $A curl -s --interface 10.244.1.2 --connect-timeout 2 http://10.244.3.2/ >/dev/null || true
sleep 0.5
kill $TD; wait $TD 2>/dev/null || true
snap $D/after/node-1
echo '{"takenAt":"2026-01-01T00:05:00Z","label":"after"}' > $D/after/snapshot.json
mkdir -p $D/after/node-2; echo '{"name":"node-2","role":"node","underlayIp":"192.168.100.12","podCidr":"10.244.2.0/24"}' > $D/after/node-2/host.json
kill $SOCAT || true
ip netns del $A; ip netns del $G
