package dev.faultlab.datapath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * kube-router's routing half next to a real gobgpd in a node's namespace (or docker node container): announces
 * the node's pod CIDR through GoBGP's API, then follows {@code gobgp monitor global rib} and hands every learned
 * or withdrawn pod route to a {@link RouteInstaller} (GoBGP itself never touches the kernel). It exits when
 * gobgpd goes away.
 *
 * <p>Arguments: node name, own pod CIDR, file listing installed routes (the lab waits on it at bring-up).
 */
public final class BgpRouteSyncMain {
    private static final long API_WAIT_MILLIS = 15_000;

    private final RouteInstaller routes;

    private BgpRouteSyncMain(RouteInstaller routes) {
        this.routes = routes;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: BgpRouteSyncMain NODE POD_CIDR ROUTES_FILE");
        }
        announce(args[1]);
        System.out.println("route-sync " + args[0] + ": announced " + args[1]);
        System.exit(new BgpRouteSyncMain(new RouteInstaller(args[1], Path.of(args[2]))).follow());
    }

    /** Adds the pod CIDR to GoBGP's global RIB, retrying while gobgpd's API is still coming up. */
    private static void announce(String cidr) throws InterruptedException {
        long deadline = System.nanoTime() + API_WAIT_MILLIS * 1_000_000;
        while (true) {
            var result = Commands.run(List.of("gobgp", "global", "rib", "add", cidr, "-a", "ipv4"));
            if (result.ok()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gobgpd API did not come up: " + result.stderr().strip());
            }
            Thread.sleep(30);
        }
    }

    private int follow() throws IOException, InterruptedException {
        Process monitor = new ProcessBuilder("gobgp", "monitor", "global", "rib", "--current", "-j")
                .redirectErrorStream(true).start();
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(monitor.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.startsWith("[")) {
                    System.out.println("route-sync: " + line);
                    continue;
                }
                for (JsonNode path : json.readTree(line)) {
                    apply(path);
                }
            }
        }
        int exit = monitor.waitFor();
        System.out.println("route-sync: gobgp monitor ended (exit " + exit + "): gobgpd is gone");
        return 1;
    }

    private void apply(JsonNode path) {
        String prefix = path.path("nlri").path("prefix").asText();
        String nexthop = "";
        for (JsonNode attr : path.path("attrs")) {
            if (attr.path("type").asInt() == 3) {
                nexthop = attr.path("nexthop").asText();
            }
        }
        if (nexthop.isEmpty() || nexthop.equals("0.0.0.0")) {
            return; // originated here
        }
        if (path.path("withdrawal").asBoolean(false)) {
            routes.withdraw(prefix);
        } else {
            routes.install(prefix, nexthop);
        }
    }
}
