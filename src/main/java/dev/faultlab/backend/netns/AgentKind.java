package dev.faultlab.backend.netns;

import dev.faultlab.datapath.BgpRouteSyncMain;
import dev.faultlab.datapath.HostedAgent;
import dev.faultlab.datapath.bgp.Speaker;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The agents the lab's {@link AgentHostMain} can run, by the name the lab asks for them with; each takes its argument list. */
enum AgentKind {
    FLANNEL(FlannelAgentMain::new),
    BIRD_ROUTE_SYNC(BirdRouteSyncMain::new),
    GOBGP_ROUTE_SYNC(BgpRouteSyncMain::new),
    BGP_SPEAKER(Speaker::new);

    private final Function<List<String>, HostedAgent> factory;

    AgentKind(Function<List<String>, HostedAgent> factory) {
        this.factory = factory;
    }

    /** Every kind by the name a start request gives, for the agent host. */
    static Map<String, Function<List<String>, HostedAgent>> catalogue() {
        return Arrays.stream(values()).collect(Collectors.toMap(Enum::name, kind -> kind.factory));
    }
}
