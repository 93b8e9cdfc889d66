# A listener with backlog 1 that accepts one connection every 0.4 s while clients connect every 0.1 s
# (each gives up after 2.5 s): a real accept-queue overflow on this kernel, captured on lo.
set -e
N=fldet-bl
ip netns add $N
ip -n $N link set lo up
ip -n $N addr add 10.244.2.5/32 dev lo
ip -n $N addr add 10.244.1.2/32 dev lo
ip netns exec $N sysctl -qw net.ipv4.tcp_syncookies=0
D=$1; mkdir -p $D/before/pod-2-c $D/after/pod-2-c
snap() { d=$1; ip -n $N -j addr show > $d/ip-addr.json; ip netns exec $N ss -ltn > $d/ss-ltn.txt; ip netns exec $N nstat -asz > $d/nstat.txt; ip netns exec $N sysctl net.ipv4.tcp_syncookies net.ipv4.tcp_abort_on_overflow net.core.somaxconn > $d/sysctl.txt; echo '{"name":"pod-2-c","role":"pod","node":"node-2","addresses":["10.244.2.5"]}' > $d/host.json; }
ip netns exec $N python3 -c '
import socket, time
l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
l.bind(("10.244.2.5", 10086)); l.listen(1)
end = time.time() + 9
while time.time() < end:
    time.sleep(0.4)
    l.settimeout(0.01)
    try:
        c, _ = l.accept(); c.recv(100); c.sendall(b"ok\n"); c.close()
    except OSError:
        pass
time.sleep(1)
' &
SRV=$!
sleep 0.3
snap $D/before/pod-2-c
echo '{"takenAt":"2026-01-01T00:00:00Z","label":"before"}' > $D/before/snapshot.json
ip netns exec $N tcpdump -i lo -w $D/pod-2-c-lo.pcap -U tcp port 10086 2>/dev/null &
TD=$!
sleep 1
ip netns exec $N python3 -c '
import socket, threading, time
def one():
    s = socket.socket(); s.bind(("10.244.1.2", 0)); s.settimeout(2.5)
    try:
        s.connect(("10.244.2.5", 10086)); s.sendall(b"GET\n"); s.recv(10)
    except OSError:
        pass
    s.close()
ts = []
for i in range(30):
    t = threading.Thread(target=one); t.start(); ts.append(t); time.sleep(0.1)
for t in ts: t.join()
'
sleep 0.5
snap $D/after/pod-2-c
echo '{"takenAt":"2026-01-01T00:05:00Z","label":"after"}' > $D/after/snapshot.json
kill $TD; wait $TD 2>/dev/null || true
wait $SRV || true
ip netns del $N
