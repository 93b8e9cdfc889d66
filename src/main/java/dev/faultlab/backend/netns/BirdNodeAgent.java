package dev.faultlab.backend.netns;

import dev.faultlab.datapath.Commands;
import dev.faultlab.datapath.JavaMain;
import dev.faultlab.backend.ExecResult;
import dev.faultlab.topology.BgpOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * kube-router's routing with bird as the speaker: a real {@code bird} (foreground, its control socket in the lab's
 * state directory) plus {@link BirdRouteSyncMain} (a thread of the lab's agent host). A restart with graceful restart on starts bird in graceful
 * restart recovery ({@code bird -R}), as a restarting speaker does.
 */
final class BirdNodeAgent extends BgpNodeAgent {
    private static final Set<String> SESSION_STATES = Set.of("idle", "connect", "active", "opensent", "openconfirm",
            "established");

    private final Path controlSocket;

    BirdNodeAgent(LabRuntime lab, LabPlan.NodePlan node, Path config, BgpOptions options) {
        super(lab, node, config, options);
        this.controlSocket = config.resolveSibling(node.name() + ".ctl");
    }

    @Override
    protected List<List<String>> commands(boolean restart) {
        List<String> bird = new ArrayList<>(List.of("bird", "-f", "-c", config.toString(),
                "-s", controlSocket.toString()));
        if (restart && options.gracefulRestart()) {
            bird.add("-R");
        }
        return List.of(bird);
    }

    @Override
    protected AgentKind threadKind() {
        return AgentKind.BIRD_ROUTE_SYNC;
    }

    /** From {@code birdc show protocols}: a row per session, named after its peer ({@code peer_192_168_100_12}). */
    @Override
    public Map<String, String> neighborStates() {
        Map<String, String> states = new TreeMap<>();
        if (!isRunning()) {
            return states;
        }
        ExecResult result = Commands.run(List.of("birdc", "-s", controlSocket.toString(), "show", "protocols"),
                null, Duration.ofSeconds(2));
        if (!result.ok()) {
            return states;
        }
        result.stdout().lines().map(line -> List.of(line.strip().split("\\s+")))
                .filter(words -> words.size() > 1 && words.get(1).equals("BGP"))
                .forEach(words -> BirdConfig.peerAddress(words.get(0))
                        .ifPresent(address -> states.put(address, sessionState(words))));
        return states;
    }

    /** The BGP state in the row's Info column ({@code Established}, {@code Active}, ...); idle when there is none. */
    private static String sessionState(List<String> row) {
        return row.stream().skip(4).map(w -> w.toLowerCase(Locale.ROOT)).filter(SESSION_STATES::contains)
                .findFirst().orElse("idle");
    }
}
