package dev.faultlab.scenario.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns what several capture points saw into the story of one connection. Starting from one frame (the
 * evidence), it follows the connection through NAT (a segment keeps its flags, seq, ack and length across
 * capture points even when addresses and ports change), merges the sightings of each segment into one
 * packet, and records how far each packet got: a packet the sender's capture saw but the destination's did not
 * was lost on the way, which is exactly what an incident timeline must show.
 */
final class TimelineBuilder {
    /** Sightings of one segment at different capture points are at most this far apart. */
    private static final Duration SAME_PACKET_WINDOW = Duration.ofSeconds(1);
    private static final int HEAD = 45;
    private static final int TAIL = 15;

    private final HostMap hosts;

    public TimelineBuilder(HostMap hosts) {
        this.hosts = hosts;
    }

    /**
     * The timeline of the connection containing frame {@code frame} of {@code captureFile}, or empty when no
     * observation is that frame; {@code reason} says why this connection is the one to draw.
     */
    public Optional<Timeline> build(List<Observation> observations, String captureFile, long frame, String reason,
                                    List<TimelineMarker> markers) {
        return observations.stream()
                .filter(o -> o.captureFile().equals(captureFile) && o.frame() == frame)
                .findFirst()
                .map(seed -> timeline(seed, reason, connectionOf(seed, observations), markers));
    }

    /** Every sighting of the seed's connection, at every capture point, following it through NAT. */
    private static List<Observation> connectionOf(Observation seed, List<Observation> all) {
        Set<String> connections = new HashSet<>(Set.of(seed.connection()));
        Set<String> segments = all.stream().filter(o -> connections.contains(o.connection()))
                .map(Observation::segmentKey).collect(Collectors.toSet());
        all.stream().filter(o -> segments.contains(o.segmentKey())).forEach(o -> connections.add(o.connection()));
        return all.stream().filter(o -> connections.contains(o.connection()))
                .sorted(Comparator.comparing(Observation::time)).toList();
    }

    /** Sightings of one packet, earliest first. */
    private record Sightings(List<Observation> seen) {
        Observation first() {
            return seen.get(0);
        }

        Observation last() {
            return seen.get(seen.size() - 1);
        }
    }

    private Timeline timeline(Observation seed, String reason, List<Observation> sightings,
                              List<TimelineMarker> markers) {
        Set<String> captureHosts = sightings.stream().map(Observation::captureHost).collect(Collectors.toSet());
        List<Sightings> packets = mergeSightings(sightings);
        Map<String, Long> initialSeq = initialSequenceNumbers(packets);
        Set<String> sentBefore = new HashSet<>();
        List<TimelineEvent> events = new ArrayList<>();
        Map<String, Sightings> farthest = farthestPerSender(packets);
        for (Sightings p : packets) {
            Observation first = p.first();
            String from = sender(first);
            Sightings reference = farthest.get(from);
            Observation reached = reference.last();
            String to = hosts.endpoint(reached.destination(), reached.destinationPort()).orElse(reached.captureHost());
            String lastSeen = p.last().captureHost();
            boolean lost = !lastSeen.equals(to)
                    && (captureHosts.contains(to) || p.seen().size() < reference.seen().size());
            boolean retransmission = !sentBefore.add(from + "/" + first.segmentKey()) && first.carriesSequence();
            events.add(new TimelineEvent(first.time(), from, to, lastSeen, label(first, from, initialSeq),
                    retransmission, lost, first.captureFile(), first.frame()));
        }
        List<String> lifelines = lifelines(sightings, events);
        int omitted = Math.max(0, events.size() - HEAD - TAIL);
        List<TimelineEvent> shown = omitted == 0 ? events
                : concat(events.subList(0, HEAD), events.subList(events.size() - TAIL, events.size()));
        String title = sender(seed) + " " + seed.source() + ":" + seed.sourcePort() + " → "
                + seed.destination() + ":" + seed.destinationPort();
        return new Timeline(title, reason, lifelines, shown, markers, omitted);
    }

    /** Groups sightings of the same segment at different capture points; a retransmission is a new packet. */
    private static List<Sightings> mergeSightings(List<Observation> sightings) {
        List<Sightings> packets = new ArrayList<>();
        for (Observation o : sightings) {
            Sightings match = null;
            for (int i = packets.size() - 1; i >= 0 && match == null; i--) {
                Sightings candidate = packets.get(i);
                boolean samePacket = candidate.first().segmentKey().equals(o.segmentKey())
                        && candidate.seen().stream().noneMatch(s -> s.captureHost().equals(o.captureHost()))
                        && Duration.between(candidate.first().time(), o.time()).compareTo(SAME_PACKET_WINDOW) <= 0;
                match = samePacket ? candidate : null;
            }
            if (match == null) {
                packets.add(new Sightings(new ArrayList<>(List.of(o))));
            } else {
                match.seen().add(o);
            }
        }
        return packets;
    }

    /**
     * Per sender, the packet seen at the most capture points: its path is where that sender's packets go, so a
     * packet seen at fewer points (or not at a captured destination) was lost on the way, even behind NAT.
     */
    private Map<String, Sightings> farthestPerSender(List<Sightings> packets) {
        Map<String, Sightings> farthest = new HashMap<>();
        for (Sightings p : packets) {
            farthest.merge(sender(p.first()), p, (a, b) -> b.seen().size() > a.seen().size() ? b : a);
        }
        return farthest;
    }

    private String sender(Observation o) {
        return hosts.endpoint(o.source(), o.sourcePort()).orElse(o.captureHost());
    }

    /** Each sender's first sequence number (its SYN's, else its lowest), so labels show Wireshark's relative seq. */
    private Map<String, Long> initialSequenceNumbers(List<Sightings> packets) {
        Map<String, Long> initial = new HashMap<>();
        for (Sightings p : packets) {
            Observation o = p.first();
            String from = sender(o);
            if (o.flags().contains("SYN")) {
                initial.putIfAbsent(from, o.seq());
            }
        }
        for (Sightings p : packets) {
            initial.merge(sender(p.first()), p.first().seq(), (a, b) -> a);
        }
        return initial;
    }

    private String label(Observation o, String from, Map<String, Long> initialSeq) {
        long isn = initialSeq.getOrDefault(from, o.seq());
        StringBuilder s = new StringBuilder("[").append(o.flags()).append("] seq=").append(relative(o.seq(), isn));
        Long peerIsn = initialSeq.entrySet().stream().filter(e -> !e.getKey().equals(from))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (o.flags().contains("ACK") && peerIsn != null) {
            s.append(" ack=").append(relative(o.ack(), peerIsn));
        }
        if (o.length() > 0) {
            s.append(" len=").append(o.length());
        }
        if (!o.sack().isEmpty() && peerIsn != null) {
            s.append(" SACK ").append(o.sack().stream()
                    .map(r -> relative(r.left(), peerIsn) + "-" + relative(r.right(), peerIsn))
                    .collect(Collectors.joining(",")));
        }
        if (o.dontFragment() && o.length() > 0) {
            s.append(" DF");
        }
        return s.toString();
    }

    private static long relative(long seq, long isn) {
        return (seq - isn) & 0xffffffffL;
    }

    /** Hosts in the order the connection's packets reached them (sender first), unknown ties by lab order. */
    private List<String> lifelines(List<Observation> sightings, List<TimelineEvent> events) {
        Map<String, Instant> firstSeen = new HashMap<>();
        for (TimelineEvent e : events) {
            // a sender sent its packet before any capture point saw it, even when its own capture is not there
            firstSeen.putIfAbsent(e.from(), e.time().minusNanos(1));
        }
        for (Observation o : sightings) {
            firstSeen.merge(o.captureHost(), o.time(), (a, b) -> a.isBefore(b) ? a : b);
        }
        Set<String> all = new LinkedHashSet<>(firstSeen.keySet());
        events.forEach(e -> all.add(e.to()));
        Instant never = Instant.MAX;
        return all.stream()
                .sorted(Comparator.<String, Instant>comparing(h -> firstSeen.getOrDefault(h, never))
                        .thenComparingInt(hosts::rank))
                .toList();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
