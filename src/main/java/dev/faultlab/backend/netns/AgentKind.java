package dev.faultlab.backend.netns;

import dev.faultlab.datapath.BgpRouteSyncMain;
import dev.faultlab.datapath.HostedAgent;

import java.util.List;
import java.util.function.Function;

/** The agents the lab's {@link AgentHostMain} can run, by the name the lab asks for them with; each takes its argument list. */
enum AgentKind {
    FLANNEL(FlannelAgentMain::new),
    BIRD_ROUTE_SYNC(BirdRouteSyncMain::new),
    GOBGP_ROUTE_SYNC(BgpRouteSyncMain::new);

    private final Function<List<String>, HostedAgent> factory;

    AgentKind(Function<List<String>, HostedAgent> factory) {
        this.factory = factory;
    }

    HostedAgent create(List<String> args) {
        return factory.apply(args);
    }
}
