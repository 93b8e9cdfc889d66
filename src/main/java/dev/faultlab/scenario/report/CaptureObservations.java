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
 * cost time, not memory: pass one finds the seed frame's connection, pass two every segment of it at any capture
 * point (which reveals the connection's addresses behind NAT), pass three every segment of those connections.
 * Tunnel encapsulation is looked through: the inner packet is what the timeline shows.
 */
final class CaptureObservations {
    private final List<Path> captures;
    private final HostMap hosts;

    CaptureObservations(List<Path> captures, HostMap hosts) {
        this.captures = List.copyOf(captures);
        this.hosts = hosts;
    }

    /** The observations of the connection holding frame {@code frame} of {@code seedCapture}; empty if none. */
    List<Observation> connectionOf(Path seedCapture, long frame) {
        Optional<Observation> seed = scan(List.of(seedCapture), o -> o.frame() == frame).stream().findFirst();
        if (seed.isEmpty()) {
            return List.of();
        }
        String connection = seed.get().connection();
        Set<String> segments = new HashSet<>();
        Set<String> connections = new HashSet<>(Set.of(connection));
        scan(captures, o -> o.connection().equals(connection)).forEach(o -> segments.add(o.segmentKey()));
        scan(captures, o -> segments.contains(o.segmentKey())).forEach(o -> connections.add(o.connection()));
        return scan(captures, o -> connections.contains(o.connection()));
    }

    private List<Observation> scan(List<Path> files, Predicate<Observation> keep) {
        List<Observation> kept = new ArrayList<>();
        for (Path file : files) {
            String host = hosts.captureHost(file).orElse(file.getFileName().toString());
            try (CaptureReader reader = CaptureReader.open(file)) {
                for (Packet packet : reader) {
                    observation(host, file, packet).filter(keep).ifPresent(kept::add);
                }
            }
        }
        return kept;
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
