package dev.faultlab.scenario.report;

import dev.faultlab.capture.read.CaptureReader;
import dev.faultlab.capture.read.Packet;
import dev.faultlab.capture.read.TcpHeader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads, from a run's capture files, the TCP segments of one connection (and of its NAT'd other half) as
 * {@link Observation}s. Streams the files a few times rather than loading them, so a load test's large captures
 * cost time, not memory: one pass collects the seed connection's segments, the next finds those segments at the
 * other capture points (revealing the connection's addresses behind NAT), the last gathers every segment of
 * those connections.
 * Tunnel encapsulation is looked through: the inner packet is what the timeline shows.
 */
final class CaptureObservations {
    private final List<Path> captures;
    private final HostMap hosts;

    CaptureObservations(List<Path> captures, HostMap hosts) {
        this.captures = List.copyOf(captures);
        this.hosts = hosts;
    }

    /** The first observation in {@code capture} that {@code matches}, e.g. a given frame or the first SYN. */
    Optional<Observation> first(Path capture, Predicate<Observation> matches) {
        String host = hostOf(capture);
        try (CaptureReader reader = CaptureReader.open(capture)) {
            for (Packet packet : reader) {
                Optional<Observation> seen = observation(host, capture, packet).filter(matches);
                if (seen.isPresent()) {
                    return seen;
                }
            }
        }
        return Optional.empty();
    }

    /** Every sighting, at every capture point, of the connection {@code seed} belongs to. */
    List<Observation> connectionOf(Observation seed) {
        String connection = seed.connection();
        Set<String> segments = new HashSet<>();
        Set<String> connections = new HashSet<>(Set.of(connection));
        scan(o -> o.connection().equals(connection)).forEach(o -> segments.add(o.segmentKey()));
        scan(o -> segments.contains(o.segmentKey())).forEach(o -> connections.add(o.connection()));
        return scan(o -> connections.contains(o.connection()));
    }

    private List<Observation> scan(Predicate<Observation> keep) {
        List<Observation> kept = new ArrayList<>();
        for (Path file : captures) {
            String host = hostOf(file);
            try (CaptureReader reader = CaptureReader.open(file)) {
                for (Packet packet : reader) {
                    observation(host, file, packet).filter(keep).ifPresent(kept::add);
                }
            }
        }
        return kept;
    }

    private String hostOf(Path capture) {
        return hosts.captureHost(capture).orElse(capture.getFileName().toString());
    }

    private static Optional<Observation> observation(String host, Path file, Packet packet) {
        Packet inner = packet.innermost();
        TcpHeader tcp = inner.tcp();
        if (tcp == null || inner.ip() == null) {
            return Optional.empty();
        }
        return Optional.of(new Observation(host, file.getFileName().toString(), packet.frame(), packet.time(),
                inner.ip().source().getHostAddress(), tcp.sourcePort(), inner.ip().destination().getHostAddress(),
                tcp.destinationPort(), tcp.flagNames(), tcp.seq(), tcp.isAck() ? tcp.ack() : 0, tcp.payloadLength(),
                inner.ip().dontFragment(),
                tcp.options().sackBlocks().stream().map(b -> new Observation.SackRange(b.left(), b.right())).toList()));
    }
}
