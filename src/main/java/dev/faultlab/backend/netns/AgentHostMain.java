package dev.faultlab.backend.netns;

import dev.faultlab.datapath.AgentHostServer;

import java.nio.file.Path;

/**
 * The netns lab's one agent process: an {@link AgentHostServer} running the {@link AgentKind}s, each node's agent a
 * thread joined to the node's namespace.
 *
 * <p>Like the per-node processes before it, it is started with setsid, recorded in the lab's state directory
 * (teardown and the stale-lab reaper SIGKILL it) and outlives the JVM that started it, so a lab left up by
 * {@code faultlab lab up} keeps its agents; after a crash of the lab's JVM the next start's reaper kills it with
 * the rest of the lab.
 *
 * <p>Arguments: lab id (shown by ps, so the process names its lab), lab state directory.
 */
public final class AgentHostMain {
    private AgentHostMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: AgentHostMain LAB_ID LAB_STATE_DIR");
        }
        LabStateDir lab = LabStateDir.at(Path.of(args[1]));
        new AgentHostServer(lab.dir(), AgentKind.catalogue()).serve(args[0], lab::exists);
    }
}
