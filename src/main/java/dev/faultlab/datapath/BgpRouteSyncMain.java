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
 * or withdrawn pod route to a {@link RouteInstaller} (GoBGP itself never touches the kernel). It ends when gobgpd
 * goes away. It is a thread of the lab's agent host, on the netns and docker backends alike.
 *
 * <p>Arguments: node name, own pod CIDR, file listing installed routes (the lab waits on it at bring-up).
 */
public final class BgpRouteSyncMain implements HostedAgent {
    private static final long API_WAIT_MILLIS = 15_000;

    private final List<String> args;

    public BgpRouteSyncMain(List<String> args) {
        if (args.size() != 3) {
            throw new IllegalArgumentException("gobgp route sync needs NODE POD_CIDR ROUTES_FILE, got " + args);
        }
        this.args = List.copyOf(args);
    }

    @Override
    public void run(AgentThread agent) throws IOException, InterruptedException {
        announce(agent, args.get(1));
        agent.log().println("route-sync " + args.get(0) + ": announced " + args.get(1));
        RouteInstaller routes = new RouteInstaller(args.get(1), Path.of(args.get(2)), agent);
        Process monitor = agent.spawn(new ProcessBuilder("gobgp", "monitor", "global", "rib", "--current", "-j")
                .redirectErrorStream(true));
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(monitor.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                agent.checkpoint();
                if (!line.startsWith("[")) {
                    agent.log().println("route-sync: " + line);
                    continue;
                }
                for (JsonNode path : json.readTree(line)) {
                    apply(routes, path);
                }
                if (!lines.ready()) {
                    routes.flush();
                }
            }
        }
        agent.checkpoint();
        agent.log().println("route-sync: gobgp monitor ended (exit " + monitor.waitFor() + "): gobgpd is gone");
    }

    /** Adds the pod CIDR to GoBGP's global RIB, retrying while gobgpd's API is still coming up. */
    private static void announce(AgentThread agent, String cidr) throws InterruptedException {
        long deadline = System.nanoTime() + API_WAIT_MILLIS * 1_000_000;
        while (true) {
            agent.checkpoint();
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

    private static void apply(RouteInstaller routes, JsonNode path) {
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
