package dev.faultlab.detect.state;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultlab.capture.layout.HostDescription;
import dev.faultlab.capture.layout.SnapshotInfo;
import dev.faultlab.capture.layout.StateLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads a host-state directory ({@link StateLayout}, README "Host-state layout": {@code snapshot.json} plus one
 * sub-directory per host), whether the lab's collector or {@code ci/collect-node-state.sh} wrote it.
 * Every file is optional; a file that cannot be parsed counts as absent and is listed in
 * {@link #problems()}, so one damaged file never hides the rest. A directory that directly holds host files
 * is read as a snapshot of that one host.
 */
public final class HostStateReader {
    /**
     * Made on the first state file read: a diagnosis of captures alone reads none, and building a mapper (and
     * loading its classes) is a measurable share of a short run's start-up.
     */
    private ObjectMapper json;
    private final List<String> problems = new ArrayList<>();

    private ObjectMapper json() {
        if (json == null) {
            json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        }
        return json;
    }

    /** Files that were present but could not be parsed, one line each. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    public StateSnapshot read(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("state directory " + directory + " does not exist; pass a snapshot"
                    + " directory such as <run>/state/after (one sub-directory per host)");
        }
        SnapshotInfo meta = readValue(directory.resolve(StateLayout.SNAPSHOT_JSON), SnapshotInfo.class)
                .orElseGet(() -> new SnapshotInfo(null, null, null));
        String label = meta.label() != null ? meta.label() : directory.getFileName().toString();
        Instant takenAt = instant(meta.takenAt());
        Map<String, HostSnapshot> hosts = new HashMap<>();
        if (isHostDirectory(directory)) {
            HostSnapshot host = readHost(directory);
            hosts.put(host.name(), host);
        } else {
            try (Stream<Path> children = Files.list(directory)) {
                children.filter(Files::isDirectory).filter(HostStateReader::isHostDirectory).sorted()
                        .map(this::readHost).forEach(h -> hosts.put(h.name(), h));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list state directory " + directory + ": " + e.getMessage(), e);
            }
        }
        return new StateSnapshot(directory, label, takenAt, hosts);
    }

    private static boolean isHostDirectory(Path directory) {
        return StateLayout.HOST_FILES.stream().anyMatch(f -> Files.isRegularFile(directory.resolve(f)));
    }

    private HostSnapshot readHost(Path dir) {
        String directoryName = dir.getFileName().toString();
        HostDescription described = readValue(dir.resolve(StateLayout.HOST_JSON), HostDescription.class)
                .orElseGet(() -> new HostDescription(directoryName, null, null, null, null, null, List.of()));
        String name = described.name() != null ? described.name() : directoryName;
        HostInfo info = new HostInfo(name, described.role() == null ? null : described.role().id(), described.node(),
                described.underlayIp(), described.podCidr(), described.addresses());
        List<String> addresses = new ArrayList<>(IpJson.addresses(readJson(dir.resolve(StateLayout.IP_ADDR.name()))));
        addresses.addAll(info.addresses());
        if (info.underlayIp() != null) {
            addresses.add(info.underlayIp());
        }
        return new HostSnapshot(name, info, addresses,
                IpJson.routes(readJson(dir.resolve(StateLayout.IP_ROUTE.name()))),
                IpJson.neighbors(readJson(dir.resolve(StateLayout.IP_NEIGH.name()))),
                IpJson.fdb(readJson(dir.resolve(StateLayout.BRIDGE_FDB.name()))),
                IpJson.links(readJson(dir.resolve(StateLayout.IP_LINK.name()))),
                readText(dir.resolve(StateLayout.SS_LTN.name()), StateText::listeners),
                readText(dir.resolve(StateLayout.SS_TANOI.name()), StateText::sockets),
                readText(dir.resolve(StateLayout.NSTAT.name()), StateText::counters),
                readText(dir.resolve(StateLayout.SYSCTL.name()), StateText::sysctls),
                readText(dir.resolve(StateLayout.CONNTRACK.name()), StateText::conntrack),
                agent(readJson(dir.resolve(StateLayout.AGENT_JSON))),
                readText(dir.resolve(StateLayout.KUBE_NODES.name()), StateText::kubeNodes));
    }

    private static AgentState agent(JsonNode node) {
        if (node.isMissingNode() || !node.isObject()) {
            return null;
        }
        List<BgpNeighbor> neighbors = new ArrayList<>();
        node.path("neighbors").forEach(n -> neighbors.add(new BgpNeighbor(IpJson.text(n, "address"),
                IpJson.text(n, "state"))));
        List<Lease> leases = new ArrayList<>();
        node.path("leases").forEach(l -> leases.add(new Lease(IpJson.text(l, "node"), IpJson.text(l, "podCidr"),
                IpJson.text(l, "vtepMac"), IpJson.text(l, "underlayIp"))));
        Boolean running = node.has("running") ? node.get("running").asBoolean() : null;
        return new AgentState(IpJson.text(node, "kind"), running, neighbors, leases);
    }

    /** The file read as {@code type}; empty when absent or unparsable (then noted in {@link #problems}). */
    private <T> Optional<T> readValue(Path file, Class<T> type) {
        JsonNode node = readJson(file);
        if (node.isMissingNode()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(json().treeToValue(node, type));
        } catch (IOException | IllegalArgumentException e) {
            problems.add(file + ": not a " + file.getFileName() + " (" + e.getMessage().lines().findFirst().orElse("")
                    + ")");
            return Optional.empty();
        }
    }

    /** The parsed file, or a missing node when absent or unparsable (then noted in {@link #problems}). */
    private JsonNode readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return json().missingNode();
        }
        try {
            JsonNode node = json().readTree(file.toFile());
            return node == null ? json().missingNode() : node;
        } catch (IOException e) {
            problems.add(file + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
            return json().missingNode();
        }
    }

    private <T> T readText(Path file, Function<List<String>, T> parser) {
        List<String> lines = List.of();
        if (Files.isRegularFile(file)) {
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                problems.add(file + ": unreadable (" + e.getMessage() + ")");
            }
        }
        return parser.apply(lines);
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
