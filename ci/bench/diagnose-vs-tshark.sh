#!/usr/bin/env bash
# End-to-end speed and memory of `./faultlab diagnose --json F` (JVM start included, through the launcher with
# its AppCDS archive) against `tshark -r F -q -z expert` and `tcpdump -r F -w /dev/null` (the cost of just
# reading and copying every record), measured in the same run on the same generated captures. A fourth row is a
# gauge, not a peer: ScanFloor (src/test/java/.../bench), the least a JVM program that looks at every TCP segment
# pays - start, read, parse, one 4-tuple table - so the distance between it and diagnose is what the diagnosis's
# own work costs.
#
# Usage: ci/bench/diagnose-vs-tshark.sh [--sizes 1000000,10000000] [--runs 3] [--tshark-all]
#   --sizes       packet counts of the synthetic captures (default 1 M and 10 M)
#   --runs        rounds per capture, each running every tool once (default 3): the table shows each tool's median
#                 round and the range; the ratio is tshark's median over diagnose's, and the range of the rounds'
#                 own ratios. One round is not enough here: on this VM the same jar on the same capture took
#                 1.66-2.10 CPU s in six runs in a row.
#   --tshark-all  also run tshark on captures above 2 M packets (slow, and its RSS grows to several GB)
# The captures (10-packet healthy TCP conversations, every 50th connect's SYN retried and never answered; see
# SyntheticCapture) are written to a temporary directory and removed at exit. Needs tshark, tcpdump, GNU time.
#
# Targets (issue 10): diagnose of the 1 M capture >= 10x faster than tshark end to end, >= 4 M packets/s on the
# 10 M capture, peak RSS <= 300 MB.
#
# NOTES - profile (JFR, `java -XX:StartFlightRecording=settings=profile ...`, then `jfr print --events
# jdk.ExecutionSample` / `jdk.ObjectAllocationSample`, 1 M-packet capture, before the changes):
#   * samples: ~1/3 conversation tracking (Endpoint/FourTuple built and compared per packet, InetAddress.getAddress
#     copies in Endpoint.compareTo, the duplicate filter's boxed record key in a LinkedHashMap, FrameRef per
#     packet), ~1/4 decoding (an InetAddress of three objects per address per packet, MacAddress, VLAN ArrayList,
#     TcpOptions ArrayList + List.copyOf, Integer boxing in the EtherType/protocol registries), ~1/6 detectors
#     (BridgeNetfilterOff's Endpoints on every TCP packet; ConnectAttempts per conversation), the rest JIT and GC.
#   * allocation: 1.6 GB for 1 M packets; top: frame byte[] (160 MB), PacketBuilder, the duplicate filter's keys and
#     Long boxes, FrameRef, IpHeader, InetAddress + holder, Endpoint (x4 per packet), TcpOptions, MacAddress.
#   * then: addresses cached per decoder, array-indexed registries, one lock-free 1 MB record buffer, an
#     allocation-free duplicate filter (primitive ring + open-addressing index sized to what it holds), a
#     direction-free FlowKey probe for the conversation lookup, FrameRefs made only when kept, detectors called per
#     packet only when they override onPacket and for the PacketKinds they declare (Detector.interests()).
#     Decoding moved to a second thread (PacketPrefetcher), a few 1024-packet batches ahead.
#   * after (JFR, warm JVM, main thread): conversation tracking 32 % (hash-map work of the live and recently
#     closed 4-tuples, sweeps), detectors 26 % (their own per-packet and per-conversation work: BridgeNetfilterOff's
#     Endpoints and maps on every TCP packet, ConnectAttempts; detect/detectors was not changed here), duplicate
#     filter 10 %, the loop 11 %, decoding 6 % (now on the reader thread). Main-thread CPU per 1 M packets
#     (warm, in-process harness): ~2.8 s before (user CPU of the whole run 4.0-5.5 s) -> 0.62 s.
#   * JVM start: a tiny diagnosis costs ~0.85 s CPU (class loading from the 50 MB jar, picocli building every
#     subcommand's model by reflection, Jackson); the launcher's AppCDS archive takes ~0.3 s off (2030 of 2280
#     classes mapped from it). C1 only (-XX:TieredStopAtLevel=1): C2's compile threads cost more than they
#     save here - 1 M capture 2.1 against 3.7 CPU s, 10 M capture 20.4 against 19.4 - so the launcher uses C1.
#   * GC: the serial collector with a 160 MB heap; young pauses dominate (1 GB allocated per 1 M packets).
#   * second round (JFR as above, launcher flags, 1 M capture, machine loaded: load average 7-17 on 2 cores, so
#     sample counts are relative only). Main thread before: tunnel-mtu-blackhole 1/3 of the samples (two
#     FlightKeys, two PathKeys and four hash lookups per TCP packet, a stream pipeline per finished flight),
#     vxlan-stale-neighbor's MacAddressing 1/6 (Pair key, iterator and two lambdas per frame), the tracker 1/6,
#     bridge-netfilter-off 5 % (Endpoints on every TCP segment). Allocation sampled 1.53 GB, of which detectors
#     ~0.35 GB (FlightKey 89 MB, stream objects 90 MB, FrameRef 35 MB, SACK-list iterators 57 MB, Pair 32 MB).
#   * then: every detector that reads packets declares interests() (bridge-netfilter-off TCP, route-missing
#     ICMP, tunnel-mtu-blackhole TCP+ICMP, vxlan-stale-neighbor all but ARP); a SegmentFlight looks its two
#     paths up once (paths are never dropped, so the answer cannot change); an ACK's FrameRef is made only where
#     it is kept; SACK blocks and MAC uses are walked by index; no streams for a flight with nothing to report;
#     bridge-netfilter-off returns before building Endpoints for a segment that is not SYN, SYN-ACK or RST; the
#     CLI builds only the picocli model of the subcommand named (~30 ms CPU of a short diagnosis: 0.53-0.62 ->
#     0.49-0.56 s user on a 212-packet capture, no CDS). Findings byte-identical (FindingsGoldenTest, and the
#     JSON of the 1 M capture compared with cmp).
#   * after: tunnel-mtu-blackhole's share of the main thread halved (its two access-ordered flight lookups and
#     FlightKeys remain: the LRU order decides which flights a busy capture drops, so they stay as they are);
#     allocation sampled 1.33 GB, now led by the reader's frame byte[] and the decoded headers. Whole-run CPU on
#     the loaded machine stayed in its noise band (5.9-7.6 s user with JFR on); not re-measured quietly.
#   * paired runs, same loaded machine, launcher flags, 1 M capture, jar of the merge base vs this round: user CPU
#     6.34 / 6.60 s -> 5.78 / 5.24 s (about -13 %), JSON identical (cmp).
#   * GC is now the largest single cost: -Xlog:gc shows 1.4-2.0 s of pauses in a ~5.5 CPU s run, because the live
#     heap grows with the file (32 MB after the first young GC, 85-93 MB at the end of the 1 M capture): with
#     -Xmn128m of a 200 MB heap the old generation (~72 MB) fills and every later collection is a full one
#     (7 full GCs of ~200 ms). -Xmn96m gave 3 full GCs and 1.4-1.6 s (two paired runs; not adopted without a
#     10 M run). The growth is, by reading the code (no heap histogram: jcmd could not attach), PathTraffic
#     (tunnel-mtu-blackhole): every TCP packet appends a (time, size) pair
#     to its path's series, capped only at 50,000 per series and 10,000 paths - up to GBs, not bounded by live
#     connections. Checked on a 3 M capture (launcher flags): live heap 130 MB at the end, 47 full GCs, 10 s of
#     the 24 s CPU in GC; at that rate the 10 M capture cannot fit the launcher's 200 MB heap (not run). Needs a bounded
#     summary there (a rule-preserving redesign: next round, not done here).
#   * left: MacAddressing's per-frame Pair lookup and evidence lambdas, SegmentFlight's LinkedHashMap<Long,
#     Sent> of outstanding segments (a box, a record and an entry per data segment; a primitive ring must keep
#     LinkedHashMap's replace-in-place order for retransmitted sequence numbers), the tracker's maps.
#   * third round (branch perf3; JFR with 1 ms sampling, launcher flags, 1 M capture, load average 11-40 on 2
#     cores, so sample counts are relative only). Before: GC was the largest cost - 7.7 s of pauses (wall) in a
#     12 s run, 7 full collections, live heap 31 -> 86 MB - and on the 10 M capture the launcher's jar of the
#     merge base fails with OutOfMemoryError (PathTraffic.Series.add) after 47 CPU s. Main thread: record
#     equals/hashCode 18 % (a record's generated equals/hashCode run through method handles, the "LambdaForm
#     guard" frames, which C1 does not inline: FlightKey, PathKey, MacAddressing.Pair, MacAddress, Endpoint,
#     keys of bridge-netfilter-off and ConnectAttempts), tunnel-mtu-blackhole 25 % (four FlightKeys and two
#     access-ordered lookups per TCP packet), vxlan-stale-neighbor 10 %, tracker 14 %. Allocation sampled
#     1.38 GB per 1 M packets (frame byte[] 207 MB, PacketBuilder 92 MB, FlightKey 78 MB, MAC-pair lambdas 55 MB).
#   * then: PathTraffic keeps only the entries an onset (first lost transmission of a stall, opening of a hole)
#     can still ask about: those after the attached flights' open or finished stalls and holes, after reported
#     ones, and within a 2 s reordering slack of the newest packet (a capture whose time goes back further is not
#     pruned from then on); the cap counts dropped entries, so every answer is unchanged (PathTrafficTest). Hot
#     keys' equals/hashCode written out (the record formula where a HashMap's iteration order reaches the
#     output; well-mixed hashes where the map is insertion- or access-ordered: cluster addresses collided under
#     31*h+x). Flights through a reused probe, in an intrusive recency list linked to their reverse flight (one
#     lookup per packet, same drop order), paths taken from the reverse flight. A flight's unacknowledged
#     segments in a primitive ring (OutstandingSegments, tested against the former LinkedHashMap). MAC pairs
#     through a probe, without per-frame lambdas (evidence text built only for a reported use). Frames up to
#     2 KB reuse one array per length and the decoder one PacketBuilder. Packet-only detectors (route-missing,
#     tunnel-mtu-blackhole, vxlan-stale-neighbor, bridge-netfilter-off: they declare no onConversation) run on a
#     third thread between decoding and the tracker. Launcher: 224 MB heap, 88 MB young, MaxTenuringThreshold=1
#     (survivors are long-lived conversation state; copying them between survivor spaces was wasted). C1 only
#     still wins: 1 M capture 3.4-3.5 CPU s with C1 against 5.5-5.8 with tiered C2; 10 M 27.8 against 26.6
#     (C2 about even there; one run each, load 20-40).
#   * after: allocation sampled 0.87 GB per 1 M packets; 10-11 young pauses and no full collection on the 1 M
#     capture; live heap ~40 MB (1 M) and ~50-85 MB (10 M, the caps of the tracker's closed 4-tuples and the
#     flights reached). Paired runs, same moment, launcher of the merge base vs this round, 1 M capture: 5.13 /
#     5.05 / 5.21 CPU s -> 2.85 / 2.82 / 3.11 (load 5.5-8.3), JSON identical (cmp); 10 M capture: base
#     OutOfMemoryError, this round 27.6 CPU s, peak RSS 280 MB, JSON identical to the pre-pipeline run.
#   * fourth round, once the machine was quieter (load 2-4): vxlan-stale-neighbor's MacAddressing remembers the
#     last two address pairs (a conversation's frames alternate between its directions); the tracker's sweep
#     parks the open conversations it walked past (LiveConversations, an intrusive recency list) and skips them
#     while none can have reached the idle timeout - it was ~25 % of the main thread. Then GC: on the 10 M
#     capture the serial collector spent 8-9 s of a 19-25 s run in pauses (121 young ones of ~45 ms and 15 full
#     ones: a live set up to ~85 MB in a 136 MB old generation); the parallel collector on two threads spent ~3 s
#     (-XX:+UseParallelGC -XX:ParallelGCThreads=2 -Xmx208m -Xmn80m): 10 M capture 10.1-13.3 s wall, 17.8-19.1 CPU
#     s, against 18-25 s and 22-25 s; 1 M capture 1.6-1.9 s against 2.0-2.3 s; peak RSS 252-275 MB. Bench
#     (load 2.5-4.0): 1 M 1.57 s wall (3.13x tshark's 4.92 s), 10 M 14.32 s (0.70 M packets/s), 269 MB.
#   * left, by the last profile (1 M, ~1200 samples): decoding still allocates a Packet, IpHeader, TcpHeader,
#     TcpOptions, LinkHeader and RawFrame per frame (~0.35 GB per 1 M packets: flyweight views would change the
#     detectors' Packet API); vxlan-stale-neighbor's per-frame pair lookup (~20 % of its thread, cache misses
#     in an 11 k-entry map); tunnel-mtu-blackhole's path series appends (two per TCP packet) and path lookups
#     per new flight; the tracker's sweep walking the open-but-quiet conversations (unanswered SYNs wait 180 s
#     for the idle timeout) on every 4096th packet, ~15 % of the main thread; young-GC pauses (~1 per 90 MB).
#     The targets (10x tshark on 1 M, 4 M packets/s on 10 M) need several times less work per packet than
#     this: ~2.4 CPU us per packet now, against the ~0.5 the 10 M target allows on two cores.
#   * fifth round (branch perf4; JFR at 1 ms on the 3 M capture with the launcher flags, plus each thread's CPU
#     time from ThreadMXBean in a warm in-process loop - JFR's per-thread sample counts misled: it showed the
#     main thread heaviest where ThreadMXBean gave the packet-detector thread 0.6-0.8 s, main 0.4-0.5 s and
#     decoding 0.25 s per 1 M packets; load average 3-19 throughout, so only paired and in-process figures
#     count). Before: main thread ~1/3 hash-map work of the tracker (HashMap/LinkedHashMap lookups by FlowKey
#     objects: the live conversations, and the 100,000 recently closed 4-tuples looked up for every new
#     conversation), the packet thread ~1/3 HashMap.getNode (tunnel-mtu-blackhole's flights and paths,
#     vxlan-stale-neighbor's MAC pairs: each lookup a chain of cache misses through node, key object and its
#     InetAddresses). GC on the 3 M capture: 56 pauses, 4 full collections, 1.0-2.6 s of pauses, fed by what
#     each connect kept for minutes and then dropped in the old generation (a LinkedHashMap entry, FlowKey,
#     PreviousConnection and FrameRef per remembered 4-tuple; bridge-netfilter-off's 20,000 pending attempts
#     with three collections each) and by per-segment boxes, entries and iterators in the tracker.
#     Allocation sampled 2.37 GB per 3 M packets.
#   * then: LongPairIndex/LongPairMap (detect.tcp): open addressing with a key of two longs and its value in
#     three adjacent longs, so an IPv4 lookup reads one cache line and no object. Through them: the tracker's
#     live conversations (FlowKey carries an IPv4 4-tuple as two numbers; others keep a HashMap),
#     ClosedConnections (the recently closed 4-tuples as primitive slots linked in insertion order - same cap,
#     order and expiry as the LinkedHashMap, FlowIndexTest checks both against the former maps),
#     tunnel-mtu-blackhole's flights (RecentFlights) and paths and vxlan-stale-neighbor's MAC pairs
#     (AddressPairIndex in front of their maps, which still decide order and caps). The tracker asks the most
#     recently active conversation before its table, RecentFlights its last two flights (packets come in
#     bursts). DirectionState's unacknowledged segments are a ring with the sequence numbers beside (no Long,
#     map entry or iterator per segment and ACK); a segment's frames become a list only when it is
#     retransmitted. bridge-netfilter-off's attempts hold their single destination and answer in fields (sets
#     made in the same order only for a second one; a loop instead of a stream per dropped attempt). The
#     Ethernet decoder reuses its last two untagged link headers. PacketPrefetcher batches of 256 (packets
#     queued between threads at a young collection are live: survivors 6.1 -> 5.1 MB per collection). A
#     direction's ring of unacknowledged segments is dropped once all are delivered (a finished conversation
#     waits 5 s of capture time before it is emitted; survivors 5.2 -> 4.3 MB). bridge-netfilter-off's pending
#     connects (PendingConnects: one object per connect, found by IPv4 numbers, insertion order in a RecencyList)
#     instead of a key, endpoint, map entry, frame references and answer per connect: each lives for the next
#     20,000 connects, so all of it was promoted and died old - the largest share of the promotion (3 M capture:
#     ~1.8 -> ~0.9 MB promoted per young collection, full collections 1 -> 0; 10 M capture 4 -> 2).
#   * after: allocation sampled 1.89 GB per 3 M packets; GC on the 3 M capture 39 pauses, no full collection.
#     Paired runs, launcher flags without CDS (same moment, base = the merge base's jar; load 8.7-11.6, so the
#     wall times are noise): 1 M capture 2.72 / 3.04 / 3.01 CPU s -> 2.27 / 2.09 / 2.20, peak RSS 249-251 ->
#     208-214 MB; 10 M capture 21.86 / 19.40 -> 14.06 / 11.73 CPU s (best wall 12.87 -> 7.07 s), 268-270 MB.
#     Warm, in-process (both jars in one JVM, alternating, 6 runs each, CPU s per 1 M packets): median 1.96 ->
#     1.38, best 1.76 -> 1.12. The script itself at the end (load 5.7-7.3): 1 M 1.24 s / 1.96 CPU s against
#     tshark 4.54 s (3.66x), 10 M 7.66 s / 12.36 CPU s (1.31 M packets/s), 212 / 269 MB. JSON of the 1 M, 3 M and
#     10 M captures identical (cmp) at every step.
#   * tried, not adopted: MaxTenuringThreshold 2 or 3 (3 M capture 5.7-6.9 CPU s against 5.5-6.0; more pause
#     time: the survivors are copied more often than they are saved from promotion); -XX:-UseAdaptiveSizePolicy
#     (the adaptive policy shrinks eden from 61 to 27 MB): 1 M capture 10 instead of 18 young pauses, 2.44-2.67
#     against 2.69-2.76 CPU s, 3 M 5.5-6.0 against 7.3-7.6, but 10 M 19.7-22.5 against 18.7-20.8 (one more full
#     collection); tiered C2 again: 3 M 8.6-9.9 against 7.3-7.6 CPU s with C1.
#   * left, by this profile: the remaining table lookups are memory latency (tables of 10^4-10^5 entries: the
#     closed 4-tuples' remove and put per conversation are ~1/5 of the main thread); young collections copy
#     every connection's state of the last ~5 s of capture time (conversations stay live 5 s after they close,
#     longer than the ~4 s of capture between collections): ~4 MB per pause, 10-20 % of the CPU; the decoded
#     records (Packet, IpHeader, TcpHeader, TcpOptions, RawFrame, ~0.26 KB per packet) are 41 % of the
#     allocation; tunnel-mtu-blackhole is ~0.3 CPU us per packet (a Transmission and FrameRef per in-order data
#     segment, path series appends). The targets stay out of reach of this design: ~1.2-1.4 CPU us per packet warm,
#     against the ~0.5 the 10 M target allows on two cores; a flyweight packet view (no records per packet)
#     would change the Detector SPI.
#   * seventh round (branch perf6; JFR at 1 ms on the 3 M capture with the launcher flags, per-thread CPU by polling
#     /proc/PID/task/*/stat; load 0.1-2.3, the lead's docker tests running at times). Before (fb50672): threads
#     faultlab-packets-* 1.74 s, main ~1.5 s (JVM start included), faultlab-read-* 0.77 s, GC 0.56 s. The packets
#     thread, 875 samples: LongPairIndex.find 244 self (MAC pairs 69, paths 44, flights 43, pending connects' get 38
#     and eviction 41), MacAddressing.pairOf 57 + indexOf 54 (a pair's recent key object, its MAC arrays),
#     PathTraffic.reply 55 + Series.add 29 + dropBefore 15 (first touch of a path's Series objects and arrays),
#     PacketListeners.deliver 25. Nearly all of it is first touches, once per new connection, of per-pair and
#     per-flight state that a busy capture (the synthetic one cycles through 11,200 address pairs) no longer has in
#     the cache; per packet after that first touch little is left.
#   * then: PathTraffic keeps its three series in one long[] as (time, kind << 32 | size), a cap count per kind, a
#     full array dropping what no onset can reach for all kinds at once, its attached flights in an array; a path
#     links to its reverse and a MacAddressing pair to its reverse once found together (pairs are never dropped:
#     the link is what the lookup finds, and creation order is unchanged), so a connection costs one lookup each,
#     not two; a MAC pair's first source and destination in fields (arrays only for a second MAC), the last two
#     pairs' addresses in MacAddressing's own fields instead of a key object; RecentFlights indexes an IPv4
#     connection once, under the smaller of its two directions' keys, the entry holding either followed direction
#     and the other reached as its linked reverse (linked in add; a removed direction hands the entry over):
#     RecentFlightsTest drives random traffic through it and the access-ordered LinkedHashMap by direction it
#     replaces, step by step.
#   * after (same moments, base = fb50672's jar with its own CDS archive): packets thread 1.74 -> 1.27 (first step)
#     -> 1.14-1.15 s (load ~1; under load 2.3: base 1.61-1.67, this 1.26-1.60); 3 M capture cold, user+sys, three
#     pairs per step: 4.77 / 4.91 / 4.70 -> 4.34 / 4.65 / 3.76 (first step), 3.83 / 3.86 / 4.05 -> 3.54 / 3.58 / 3.67
#     (second), 4.07 / 4.28 / 4.39 -> 3.71 / 4.06 / 3.56 (third), and at the end 4.14 / 4.37 / 4.07 -> 4.35 / 3.91 /
#     3.87; warm (both jars in one JVM through URLClassLoaders, Diagnosis.analyze alternating, process CPU per run,
#     11 runs each) median 3.58 -> 3.08, best 3.19 -> 2.89; 10 M capture 13.29 / 15.40 -> 12.17 / 14.10 CPU s, peak
#     RSS 266-268 MB both (as this script prints MB: GNU time's KB / 1024). JSON of the 1 M, 3 M and 10 M captures
#     identical (cmp) at every step. The packets thread's profile after: 643-920 samples (more under contention),
#     LongPairIndex.find ~24 % (MAC pairs, paths, flights, pending connects' get and eviction: one cold place each
#     per new connection).
#   * tried, not adopted: a counting filter (128 K byte buckets) in front of the pending connects' IPv4 table, so
#     a new connect's SYN skips the lookup - the insertion right after it then took the same cache miss
#     (LongPairIndex.add rose as find fell; no change in CPU); transparent huge pages (-XX:+UseTransparentHugePages)
#     for the TLB misses of the tables: user CPU ~ the same, system CPU +0.2-0.3 s (3 M capture, three pairs); the
#     same filter (256 K buckets) in front of the tracker's closed 4-tuples, whose remove per new conversation is a
#     lookup without an insertion: its samples fell only from 39 to 30 of the main thread's ~400 (the filter's own
#     byte is a cache miss too, 38 % of its buckets in use with 100,000 closed 4-tuples), not measurable in the
#     process's CPU, so not kept.
#   * left: per new connection about five cold table places (a lookup or insertion each: MAC pairs, paths, flights,
#     pending connects and their eviction) plus the objects behind them, on the packets thread; the tracker's live
#     and closed 4-tuples (ClosedConnections.remove is ~1/9 of the main thread) and the duplicate filter (~1/8) on
#     the main one; the decoded records, read first on another core than the one that wrote them.
#   * eighth round (branch perf7; JFR at 1 ms on the 3 M capture with the launcher flags; load 1.6-8.6, the lead's
#     tests running at times, and the machine's speed drifting: the merge base's jar went from 4.1 to 6.0 CPU s within
#     minutes, so only rotating runs count). Before (5b8ea19), main thread ~430-480 samples: table lookups 145
#     (ClosedConnections.remove per new conversation 50, ClosedConnections.put per finished one 28, the live lookup
#     24, the closed-cap eviction 20, the live removal 17), DuplicateFilter ~85, LiveConversations.sweepParked 19.
#     Answers to the brief's questions: a packet looks its conversation up once (LiveConversations, the most recent
#     one asked first; FlowIndex serves only the closed 4-tuples); the closed lookup runs once per new conversation
#     (not per packet) and must, since any first packet, not only a SYN, starts a conversation that takes the
#     previous connection of its 4-tuple.
#   * then: the sweep of the parked prefix stops at the first conversation that stays while the prefix is in time
#     order and had no packet since parking (a capture whose time goes back, or a packet to the newest conversation
#     while all are parked, falls back to the whole walk; LiveConversationsTest runs both on random traffic and a
#     directed case); the live and the closed 4-tuples share one IPv4 table (FlowIndex.sharingIndex(), a side bit
#     per value: a 4-tuple moving between them at a new or finished conversation finds the place the previous
#     lookup just read, so each conversation pays three cold places instead of five; FlowIndexTest against two
#     HashMaps); the decoder reads NOP, NOP, timestamps (every segment after the handshake) without the options walk.
#   * after: main-thread table samples 145 -> 80, sweepParked 19 -> 0; reader thread 209 -> 182 samples
#     (TcpDecoder.options 26 -> 0). Process CPU user+sys, rotating runs (each jar with an AppCDS archive made for
#     its own path: an archive made for target/faultlab.jar is refused for a copy of the jar elsewhere - the JVM
#     says so on stdout, which -Xlog:cds=off does not silence for the dynamic archive - and the run then costs
#     ~0.3 s more; the figures in this round's first two commit messages have that bias against the new jar):
#     8 rounds base / first step / all steps, medians 3.99 / 4.14 / 3.68 s (best 3.66 / 3.55 / 3.55); three more
#     series of 8 rounds base / all steps: 3.78 / 3.53, 3.95 / 4.03, 3.86 / 3.82 s; all 32 rounds pooled: median
#     3.95 -> 3.83 s, mean 3.98 -> 3.86 s (-3 %), lower in 20 of 32 same-round pairs - at the edge of the noise
#     (load 2.0-2.4); per thread, three pairs: main 1.17 / 1.36 /
#     1.25 -> 1.11 / 1.26 / 1.17 s, reader 0.63 / 0.71 / 0.65 -> 0.60 / 0.67 / 0.62. 10 M capture (generated as the
#     bench does, both with their archives, load ~2): 12.68 / 12.45 -> 12.45 / 11.65 CPU s, peak RSS 268-269 ->
#     268-270 MB (the shared table is as large as the two were). JSON of the 1 M and 3 M captures identical (cmp)
#     at every step, of the 10 M capture at the end.
#   * tried, not adopted: the duplicate filter's index carrying each entry's hash beside its ring slot (probes and
#     the removal's shift without reading the ring): its main-thread samples 54 -> 61, process CPU medians 3.95 /
#     4.03 / 4.05 s (base / all steps / with it); its cost is the first touch of each decoded packet's fields.
#     DuplicateFilterTest (kept) checks the filter against an insertion-ordered map of the segments seen, through
#     hash collisions, time going back and a burst beyond its cap. -Xmx224m -Xmn96m against the launcher's -Xmx208m -Xmn80m (3 M capture, six alternating
#     pairs at load 1.9-2.3): 4.82-5.51 against 4.75-5.92 CPU s, medians about equal, RSS +5-10 MB.
#   * left: DuplicateFilter (~1/6 of the main thread: the first touch of each decoded packet, written on another
#     core - whatever reads a packet first on the main thread pays it); the one cold
#     place per new and per finished conversation; the decoded records per packet (Packet API).
#   * start-up (same session; -Xlog:class+load on the 1 M capture): 142 method-handle classes were spun per run
#     (`__JVM_LookupDefineClass__`: indy string concatenation, records' ObjectMethods), most of them in the
#     conclusion, which the one-lab-run CDS training never reached, and 17 JDK classes came from the image.
#     `-XDstringConcat=inline` (pom.xml) and training on every lab run at once (launcher): 37 and 1; a tiny
#     diagnosis 0.50 -> 0.45 CPU s. Picocli's 172 classes are Java 5 class files (major 49): CDS does not archive
#     them and they pass the old verifier on every start; -0.1 s would need another argument parser.
#   * all of this session against its start (61b7f1e), 8 alternating rounds each, own AppCDS archives, load
#     1.7-1.9: 1 M capture 1.24 -> 1.16 s wall, 2.00 -> 1.84 CPU s; 3 M capture 2.78 -> 2.45 s, 4.46 -> 3.93
#     (medians). Six runs of this script in a row on the idle VM: the same jar took 1.66-2.10 CPU s on the 1 M
#     capture, so single runs of it move the ratio between 3.4x and 4.9x.
#   * perf8-decode (reader, hand-over, MAC pairs; JFR on the 3 M capture at c6a7678): reader samples led by the
#     record copy (PcapFrameSource.next), Packet construction and the MAC/IPv4 address caches; allocation on the
#     reader 821 MB (Packet 218, TcpOptions 178, RawFrame 151, IpHeader 104, TcpHeader 89). Decoding alone on one
#     thread (ReadBench: CaptureReader.next in a loop) takes 0.53 CPU s, in the pipeline the reader 0.65-0.84:
#     the rest was waking and being woken per batch (~15 K voluntary context switches in all, now ~8.5 K with
#     BatchQueue). RawFrame reused: no change alone in the single-thread decode (allocation there is cheap; it is
#     the collections of the whole pipeline that fall, 36 -> 33 young GCs). Tried, not kept: a 128 KiB record
#     buffer instead of 1 MiB (no measurable change). MAC pairs: their cost is the first touch per connection of
#     the pair's state and its destination's use, and the table lookup for the first direction.
#   * perf10-packets (packets thread; 3 M capture at f55ce95, load 5-6 from the other helpers): the thread allocated
#     227 MB, nearly all per connection (two SegmentFlights 108 MB, their segment rings 65 MB, a PendingConnects
#     attempt 45 MB that lives for the next 20,000 connects, so young collections copied it and promoted it); now
#     21 MB: a connection that leaves with nothing kept hands its two flights to the next one (SegmentFlight.reuse,
#     still in the cache), and past the bound a dropped attempt's object becomes the new one's. GC threads 0.37 ->
#     0.30 CPU s (medians of 6 runs each); the packets thread ~1.12 -> ~1.07 s, within the noise of a loaded VM.
#     What is left there is the first touch per connection of per-pair state: the MAC pair (table place and object,
#     ~10 % of the thread), the pending connects' table (~7 %), the flights' table and the paths' (~4 % each). Each
#     detector looks up the same address pair on its own; one index shared by the packets thread's detectors would
#     save a table place per connection, at the price of a hook beside the Detector SPI.
#   * perf10-end (end phase and start; temporary uptime/CPU lines after each conclude, JFR, -Xlog:class+load,
#     1 M capture): last packet to sorted findings 0.16-0.22 s wall, 0.19-0.25 CPU s; route-missing grouped ~2,000
#     failed connects and formatted their evidence though no group could be reported (no state, no ICMP), and its
#     Cidr record spun ~27 method-handle classes; vxlan-stale-neighbor walked ~11,000 decapsulated uses that can
#     only name correct peers; the first String.format (SYN schedule) loaded the Formatter and CLDR. After: 0.05 s
#     wall, 0.05 CPU s. Picocli is now compiled from its sources at release 17 (pom.xml), so CDS archives it: a tiny
#     diagnosis -0.07 CPU s (compiled with indy concatenation it saved only ~0.02). Left at start: picocli's first
#     model, ~80 ms CPU, mostly the JDK parsing annotations and generating their proxy classes.
#   * perf10 pipeline (lead): the three threads on two cores moved in near lockstep with 4 batches per queue (a
#     waiting side woken after 3): 16 (woken after 4) cut the 3 M capture's voluntary context switches from ~7,600
#     to ~4,600 and the 1 M capture's wall from 0.93 to 0.86 s (8 alternating rounds, same CPU); 32 gained nothing
#     more. Phases of a 1 M run then (temporary uptime/CPU lines): ~0.13-0.16 s to the first packet, the reading
#     phase at ~1.7 cores, ~0.05 s after the last packet.
#   * perf11 (JFR 1 ms on the 3 M capture, t0 = d12f47e): packets 629 samples, main 255, read 234. Kept: the
#     tracker's IPv4 4-tuples as numbers and a hash tag byte per LongPairIndex place (find: main 36-44 -> 16-21,
#     packets 24-34 -> 9-10 samples). Not kept (no gain in whole runs): decoder cuts worth ~5 % in a decode-only
#     loop; hash marks beside MacAddressing's pair table; PendingConnects rebuilt in place; transparent huge pages.
#     MacAddressing: 11.1 K pairs, 321,926 numbered() lookups (one per conversation), 1.26 places read per lookup;
#     the cost is the first touch of a ~176-byte pair object last used ~11 K conversations earlier.
#   * session 2026-12-07 evening (t = ae2bd22 -> 0881e05): the process's CPU sampled every 100 ms (/proc/PID/stat)
#     while reading the 3 M capture was ~1.6 of 2 cores: with a waiting side woken after 4 batches, the reader and
#     the conversation thread both slept while the (slowest) packet-detector thread handled four. Woken after one
#     (BatchQueue.SLACK 1): ~1.75-1.8 cores, same CPU; paired wall 1 M 0.64 -> 0.60, 3 M 1.41 -> 1.28, 10 M 4.12 ->
#     3.82 s. The launcher's -cp start (one opening of the 30,000-entry jar instead of two): -20 ms per command.
#     Per thread on 3 M after: packet detectors ~0.85 CPU s, conversations ~0.5, reader ~0.5, GC ~0.18, JIT ~0.13.
#     Not kept: SLACK 2/8, 32 batches, 512-packet batches (noise); a fan-out with a thread per packet-only detector
#     (3 M 1.41 -> 1.54 s, more CPU) or one for all (no change); a JIT warm-up on generated traffic during picocli
#     (1 M -4 %, small lab-run diagnoses +13 % wall, +0.1 CPU s); preinitializing annotations and detectors on a
#     second thread (~10 ms, noise); JIT thresholds, one compiler thread, THP, -Xmn40m, -XX:-UsePerfData, C1's
#     inlining limit 70/120 (noise or slower); C2 (3 M 1.62 -> 2.15 s); -Xmn120m of -Xmx248m (10 M: GC pauses
#     324 -> 219 ms, 53 -> 35 young collections, RSS 228 -> 257 MB; 1 M and 3 M unchanged).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

sizes="1000000,10000000"
runs=3
tshark_all=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --tshark-all) tshark_all=true; shift ;;
    *) echo "usage: $0 [--sizes N,M] [--runs N] [--tshark-all]" >&2; exit 2 ;;
  esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "$0: --runs takes a count of rounds, e.g. --runs 3" >&2; exit 2; }
for tool in tshark tcpdump /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "$0: $tool not found: run ci/install-deps.sh" >&2; exit 2; }
done

mvn -q -B test-compile
./faultlab --version >/dev/null   # builds the jar and the AppCDS archive outside the timings
work="$(mktemp -d /tmp/faultlab-bench-diagnose.XXXXXX)"
trap 'rm -rf "$work"' EXIT

# Runs one tool with GNU time; prints "seconds peak-kB cpu-seconds exit" on stdout, the tool's output to
# $work/out. CPU seconds (user + system) say more than wall time on a machine shared with other jobs.
timed() {
  local exit=0
  /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" >"$work/out" 2>"$work/err" || exit=$?
  local wall rss user sys
  read -r wall rss user sys < <(tail -1 "$work/time")
  echo "$wall $rss $(python3 -c "print(round($user + $sys, 2))") $exit"
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
results=()
IFS=, read -r -a counts <<<"$sizes"
for count in "${counts[@]}"; do
  file="$work/synthetic-$count.pcap"
  packets="$(java -cp target/test-classes dev.faultlab.detect.bench.SyntheticCapture "$file" "$count")"
  mb=$(( $(stat -c %s "$file") / 1000000 ))
  echo "capture: $packets packets, $mb MB"
  for round in $(seq "$runs"); do
    diagnose="$(timed ./faultlab diagnose --json "$file")"
    grep -q '"cause"' "$work/out" || { echo "$0: diagnose found nothing in $file" >&2; exit 1; }
    tcpdump_run="$(timed tcpdump -r "$file" -w /dev/null)"
    floor_run="$(timed java -Xshare:auto -XX:TieredStopAtLevel=1 -cp target/test-classes \
      dev.faultlab.detect.bench.ScanFloor "$file")"
    if [[ "$count" -le 2000000 ]] || $tshark_all; then
      tshark_run="$(timed tshark -r "$file" -q -z expert)"
    else
      tshark_run="- - - skipped"
    fi
    results+=("$packets|$diagnose|$tshark_run|$tcpdump_run|$floor_run")
  done
  rm -f "$file"
done
echo "machine: load average $(cut -d' ' -f1-3 /proc/loadavg) at end"

python3 - "${results[@]}" <<'EOF'
import sys

NAMES = ["faultlab diagnose --json", "tshark -r F -q -z expert", "tcpdump -r F -w /dev/null", "JVM floor (ScanFloor)"]
FLOOR = NAMES[3]
rounds = {}
for row in sys.argv[1:]:
    packets, *runs = row.split("|")
    parsed = {}
    for name, run in zip(NAMES, runs):
        seconds, rss, cpu, status = run.split()
        parsed[name] = None if seconds == "-" else (float(seconds), int(rss) / 1024, float(cpu), status)
    rounds.setdefault(int(packets), []).append(parsed)


def median_round(runs):
    """The run with the median wall time (the lower one of an even count), so that its columns belong together."""
    return sorted(runs, key=lambda r: r[0])[(len(runs) - 1) // 2]


print(f"{'packets':>10} {'tool':<26} {'seconds':>8} {'range':>11} {'CPU s':>6} {'packets/s':>11} {'peak RSS':>8}"
      f"  ratio (wall)")
for packets, each in rounds.items():
    ours_median = median_round([r[NAMES[0]] for r in each])[0]
    for name in NAMES:
        runs = [r[name] for r in each if r[name] is not None]
        short = name.replace(" -r F", "")
        if not runs:
            print(f"{packets:>10} {short:<26} {'skipped (--tshark-all)':>27}")
            continue
        seconds, rss, cpu, status = median_round(runs)
        spread = f"{min(r[0] for r in runs):.2f}-{max(r[0] for r in runs):.2f}"
        failed = [r[3] for r in runs if r[3] != "0"]
        note = f" (exit {failed[0]})" if failed else ""
        ratio = ""
        if name != NAMES[0]:
            per_round = [r[name][0] / r[NAMES[0]][0] for r in each if r[name] is not None]
            if name == FLOOR:
                ratio = (f"diagnose takes {ours_median / seconds:.1f}x its time"
                         f" (rounds {1 / max(per_round):.1f}-{1 / min(per_round):.1f}){note}")
            else:
                ratio = (f"diagnose is {seconds / ours_median:.2f}x as fast"
                         f" (rounds {min(per_round):.2f}-{max(per_round):.2f}){note}")
        print(f"{packets:>10} {short:<26} {seconds:>8.2f} {spread:>11} {cpu:>6.2f}"
              f" {packets / max(seconds, 1e-3):>11,.0f} {rss:>5.0f} MB  {ratio}")
print(f"{len(next(iter(rounds.values())))} rounds per capture: each tool's median round (seconds, CPU s, packets/s,"
      f" peak RSS) and the range of its wall times")
EOF
