package dev.faultlab.detect.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads a host-state directory (layout in README.md, "Host-state layout": {@code snapshot.json} plus one sub-directory per host).
 * Every file is optional; a file that cannot be parsed counts as absent and is listed in
 * {@link #problems()}, so one damaged file never hides the rest. A directory that directly holds host files
 * is read as a snapshot of that one host.
 */
public final class HostStateReader {
    private static final List<String> HOST_FILES = List.of("host.json", "ip-addr.json", "ip-route.json",
            "ip-neigh.json", "bridge-fdb.json", "ip-link.json", "ss-tanoi.txt", "ss-ltn.txt", "nstat.txt",
            "conntrack.txt", "sysctl.txt", "agent.json");

    private final ObjectMapper json = new ObjectMapper();
    private final List<String> problems = new ArrayList<>();

    /** Files that were present but could not be parsed, one line each. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    public StateSnapshot read(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("state directory " + directory + " does not exist; pass a snapshot"
                    + " directory such as <run>/state/after (one sub-directory per host)");
        }
        JsonNode meta = readJson(directory.resolve("snapshot.json"));
        String label = meta.path("label").asText(directory.getFileName().toString());
        Instant takenAt = instant(meta.path("takenAt").asText(null));
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
        return HOST_FILES.stream().anyMatch(f -> Files.isRegularFile(directory.resolve(f)));
    }

    private HostSnapshot readHost(Path dir) {
        JsonNode host = readJson(dir.resolve("host.json"));
        String name = host.path("name").asText(dir.getFileName().toString());
        HostInfo info = new HostInfo(name, IpJson.text(host, "role"), IpJson.text(host, "node"),
                IpJson.text(host, "underlayIp"), IpJson.text(host, "podCidr"), IpJson.strings(host.path("addresses")));
        List<String> addresses = new ArrayList<>(IpJson.addresses(readJson(dir.resolve("ip-addr.json"))));
        addresses.addAll(info.addresses());
        if (info.underlayIp() != null) {
            addresses.add(info.underlayIp());
        }
        return new HostSnapshot(name, info, addresses,
                IpJson.routes(readJson(dir.resolve("ip-route.json"))),
                IpJson.neighbors(readJson(dir.resolve("ip-neigh.json"))),
                IpJson.fdb(readJson(dir.resolve("bridge-fdb.json"))),
                IpJson.links(readJson(dir.resolve("ip-link.json"))),
                readText(dir.resolve("ss-ltn.txt"), StateText::listeners),
                readText(dir.resolve("ss-tanoi.txt"), StateText::sockets),
                readText(dir.resolve("nstat.txt"), StateText::counters),
                readText(dir.resolve("sysctl.txt"), StateText::sysctls),
                readText(dir.resolve("conntrack.txt"), StateText::conntrack),
                agent(readJson(dir.resolve("agent.json"))));
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

    /** The parsed file, or a missing node when absent or unparsable (then noted in {@link #problems}). */
    private JsonNode readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return json.missingNode();
        }
        try {
            JsonNode node = json.readTree(file.toFile());
            return node == null ? json.missingNode() : node;
        } catch (IOException e) {
            problems.add(file + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
            return json.missingNode();
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
