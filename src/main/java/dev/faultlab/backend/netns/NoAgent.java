package dev.faultlab.backend.netns;

import dev.faultlab.backend.NodeAgent;

/**
 * The "agent" of a datapath whose routes are static (ipip here: Calico's BIRD would only re-announce what the lab
 * programs once). Snapshots still get an agent.json; driving it is refused with the reason.
 */
final class NoAgent implements NodeAgent {
    private final String node;
    private final String why;

    NoAgent(String node, String why) {
        this.node = node;
        this.why = why;
    }

    @Override
    public String kind() {
        return "static";
    }

    @Override
    public String node() {
        return node;
    }

    @Override
    public boolean isRunning() {
        return false;
    }

    @Override
    public void start() {
        throw refused();
    }

    @Override
    public void stop() {
        throw refused();
    }

    @Override
    public void kill() {
        throw refused();
    }

    @Override
    public void pause() {
        throw refused();
    }

    @Override
    public void resume() {
        throw refused();
    }

    @Override
    public String stateJson() {
        return "{\"kind\":\"static\",\"node\":\"" + node + "\",\"running\":false}";
    }

    private UnsupportedOperationException refused() {
        return new UnsupportedOperationException("node " + node + " has no agent: " + why
                + "; use the bgp or flannel-vxlan datapath to drive an agent");
    }
}
