package dev.faultlab.backend.netns;

import java.util.List;
import java.util.function.Function;

/**
 * What a per-node agent does, run on its own thread of the lab's {@link AgentHostMain} once that thread has joined
 * the node's network namespace (so every command it forks and every socket it opens acts on the node). The agent
 * calls {@link AgentThread#checkpoint()} before each action: that is where a hung agent freezes and a killed one
 * ends, with nothing run after it.
 */
interface HostedAgent {
    void run(AgentThread thread) throws Exception;

    /** The agents a host can run, by the name the lab asks for them with; each takes its argument list. */
    enum Kind {
        FLANNEL(FlannelAgentMain::new),
        BIRD_ROUTE_SYNC(BirdRouteSyncMain::new),
        GOBGP_ROUTE_SYNC(BgpRouteSyncMain::new);

        private final Function<List<String>, HostedAgent> factory;

        Kind(Function<List<String>, HostedAgent> factory) {
            this.factory = factory;
        }

        HostedAgent create(List<String> args) {
            return factory.apply(args);
        }
    }
}
