package dev.faultlab.backend.docker;

import dev.faultlab.datapath.AgentHostServer;
import dev.faultlab.datapath.BgpRouteSyncMain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The docker lab's one agent process on this machine: an {@link AgentHostServer} whose threads are the nodes' route
 * syncs, each joined to its node container's network namespace through {@code /proc/<container init pid>/ns/net}
 * (a JVM per node, joined with nsenter, cost about 50 MB each). It exits when the lab's state directory is gone,
 * or when the lab's owner process is: a container lab lives as long as its owner (the reaper removes the
 * containers of a dead owner's lab), so its agents must not outlive an owner that crashed.
 *
 * <p>Arguments: lab id (shown by ps, so the process names its lab), lab state directory, owner pid.
 */
public final class DockerAgentHostMain {
    static final String ROUTE_SYNC = "GOBGP_ROUTE_SYNC";

    private DockerAgentHostMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: DockerAgentHostMain LAB_ID LAB_STATE_DIR OWNER_PID");
        }
        Path stateDir = Path.of(args[1]);
        long owner = Long.parseLong(args[2]);
        new AgentHostServer(stateDir, Map.of(ROUTE_SYNC, BgpRouteSyncMain::new))
                .serve(args[0], () -> Files.isDirectory(stateDir) && ProcessHandle.of(owner).isPresent());
    }
}
