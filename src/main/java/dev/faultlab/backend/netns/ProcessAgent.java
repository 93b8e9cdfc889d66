package dev.faultlab.backend.netns;

import dev.faultlab.backend.NodeAgent;

import java.util.ArrayList;
import java.util.List;

/**
 * A node agent made of one or more lab processes that live and die together (kube-router embeds GoBGP, so the
 * BGP daemon and its route sync are one process in the field; here they are signalled as one).
 */
abstract class ProcessAgent implements NodeAgent {
    private static final long EXIT_WAIT_MILLIS = 5000;

    protected final LabRuntime lab;
    protected final LabPlan.NodePlan node;
    private final List<TrackedProcess> processes = new ArrayList<>();
    private int starts;

    ProcessAgent(LabRuntime lab, LabPlan.NodePlan node) {
        this.lab = lab;
        this.node = node;
    }

    /** The commands to run, in start order; {@code restart} is true from the second start on. */
    protected abstract List<List<String>> commands(boolean restart);

    @Override
    public String node() {
        return node.name();
    }

    @Override
    public synchronized boolean isRunning() {
        return !processes.isEmpty() && processes.stream().allMatch(TrackedProcess::isAlive);
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        kill();
        for (List<String> command : commands(starts++ > 0)) {
            processes.add(lab.processes().start(node.name(), node.namespace(), command));
        }
    }

    /**
     * Ends the processes gracefully in reverse start order, each gone before the next is signalled: a later process
     * follows an earlier one (the route sync follows its speaker), and GoBGP withdraws its learned paths while it
     * shuts down, which a still running sync would mirror by deleting the node's routes, which a stopped
     * kube-router keeps.
     */
    @Override
    public synchronized void stop() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        processes.clear();
    }

    @Override
    public synchronized void kill() {
        processes.forEach(p -> p.signal("KILL"));
        processes.forEach(p -> p.awaitExit(EXIT_WAIT_MILLIS));
        processes.clear();
    }

    @Override
    public synchronized void pause() {
        processes.forEach(p -> p.signal("STOP"));
    }

    @Override
    public synchronized void resume() {
        processes.forEach(p -> p.signal("CONT"));
    }

    /** Output of the agent's processes, for failure messages. */
    synchronized String output() {
        List<String> out = new ArrayList<>();
        processes.forEach(p -> out.add(p.output()));
        return String.join("\n", out);
    }
}
