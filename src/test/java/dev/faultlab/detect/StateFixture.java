package dev.faultlab.detect;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a host-state directory in the contract's layout, with files shaped like the real command outputs kept
 * in {@code src/test/resources/state/real} (same JSON keys, same text columns).
 */
public final class StateFixture {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;

    public StateFixture(Path directory, String label, String takenAt) {
        this.directory = directory;
        write(directory.resolve("snapshot.json"), Map.of("takenAt", takenAt, "labId", "fltest", "label", label));
    }

    public Path directory() {
        return directory;
    }

    public Host host(String name) {
        return new Host(directory.resolve(name), name);
    }

    /** One host's files; each method writes its file at once. */
    public static final class Host {
        private final Path dir;
        private final String name;
        private final List<Map<String, Object>> links = new ArrayList<>();

        Host(Path dir, String name) {
            this.dir = dir;
            this.name = name;
        }

        public Host info(String role, String node, String underlayIp, String podCidr, String... addresses) {
            Map<String, Object> host = new LinkedHashMap<>();
            host.put("name", name);
            host.put("role", role);
            host.put("node", node);
            host.put("underlayIp", underlayIp);
            host.put("podCidr", podCidr);
            host.put("addresses", List.of(addresses));
            write(dir.resolve("host.json"), host);
            return this;
        }

        /** Routes in {@code ip route} words, e.g. {@code 10.244.3.0/24 via 192.168.100.13 dev eth0 proto 17}. */
        public Host routes(String... routes) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (String route : routes) {
                String[] words = route.split(" ");
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("dst", words[0]);
                for (int i = 1; i + 1 < words.length; i += 2) {
                    r.put(Map.of("via", "gateway", "dev", "dev", "proto", "protocol", "table", "table", "type", "type")
                            .getOrDefault(words[i], words[i]), words[i + 1]);
                }
                r.put("flags", List.of());
                out.add(r);
            }
            write(dir.resolve("ip-route.json"), out);
            return this;
        }

        public Host neighbors(String... entries) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (String entry : entries) {
                String[] w = entry.split(" ");
                out.add(Map.of("dst", w[0], "dev", w[1], "lladdr", w[2], "state", List.of(w[3])));
            }
            write(dir.resolve("ip-neigh.json"), out);
            return this;
        }

        public Host fdb(String mac, String device, String destination) {
            write(dir.resolve("bridge-fdb.json"), List.of(Map.of("mac", mac, "ifname", device, "dst", destination,
                    "flags", List.of("self"), "state", "permanent")));
            return this;
        }

        /** Adds a link to ip-link.json (rewritten with every link so far). */
        public Host link(String device, String kind, int mtu, String mac, long txDropped, long otherhost) {
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("ifname", device);
            link.put("mtu", mtu);
            link.put("address", mac);
            if (kind != null) {
                link.put("linkinfo", Map.of("info_kind", kind));
            }
            Map<String, Object> rx = new LinkedHashMap<>(Map.of("packets", 100, "dropped", 0));
            if (otherhost > 0) {
                rx.put("otherhost", otherhost);
            }
            link.put("stats64", Map.of("rx", rx, "tx", Map.of("packets", 100, "dropped", txDropped)));
            links.add(link);
            write(dir.resolve("ip-link.json"), links);
            return this;
        }

        public Host text(String file, String... lines) {
            try {
                Files.createDirectories(dir);
                Files.write(dir.resolve(file), List.of(lines));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        /** nstat -asz lines for these counters (name, value pairs). */
        public Host nstat(Object... nameValue) {
            List<String> lines = new ArrayList<>(List.of("#kernel"));
            for (int i = 0; i + 1 < nameValue.length; i += 2) {
                lines.add(String.format("%-31s %-18s 0.0", nameValue[i], nameValue[i + 1]));
            }
            return text("nstat.txt", lines.toArray(String[]::new));
        }

        public Host agent(String kind, boolean running, Map<String, String> neighborStates) {
            List<Map<String, Object>> neighbors = new ArrayList<>();
            neighborStates.forEach((address, state) -> neighbors.add(Map.of("address", address, "state", state)));
            write(dir.resolve("agent.json"), Map.of("kind", kind, "running", running, "neighbors", neighbors,
                    "leases", List.of()));
            return this;
        }
    }

    static void write(Path file, Object value) {
        try {
            Files.createDirectories(file.getParent());
            JSON.writeValue(file.toFile(), value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
