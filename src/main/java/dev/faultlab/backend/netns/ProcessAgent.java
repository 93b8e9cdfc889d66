package dev.faultlab.backend.netns;

import dev.faultlab.datapath.LogFileProcess;
import dev.faultlab.datapath.AgentHost;
import dev.faultlab.backend.NodeAgent;

import java.nio.file.Files;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A node agent made of native lab processes (a BGP speaker, or none) plus a thread in the lab's agent host (the
 * flannel agent, kube-router's route sync), all living and dying together: kube-router embeds GoBGP, so the BGP
 * daemon and its route sync are one process in the field, and here they are signalled as one. Every control acts
 * on this node's agent alone: the host's other threads are other nodes' agents.
 */
abstract class ProcessAgent implements NodeAgent {
    private static final long EXIT_WAIT_MILLIS = 5000;

    protected final LabRuntime lab;
    protected final LabPlan.NodePlan node;
    private final List<LogFileProcess> processes = new ArrayList<>();
    private boolean threadStarted;
    private int starts;

    ProcessAgent(LabRuntime lab, LabPlan.NodePlan node) {
        this.lab = lab;
        this.node = node;
    }

    /** The native processes to run, in start order; {@code restart} is true from the second start on. */
    protected abstract List<List<String>> commands(boolean restart);

    /** The agent thread, started in the lab's agent host after the processes. */
    protected abstract AgentKind threadKind();

    protected abstract List<String> threadArgs();

    @Override
    public String node() {
        return node.name();
    }

    @Override
    public synchronized boolean isRunning() {
        return threadStarted && runsGiven(lab.agents().running(List.of(node.name())));
    }

    /** Whether this agent runs, given the nodes whose threads the agent host reported running. */
    private synchronized boolean runsGiven(Set<String> runningThreads) {
        return threadStarted && processes.stream().allMatch(LogFileProcess::isAlive)
                && runningThreads.contains(node.name());
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        kill();
        startProcesses();
        lab.agents().start(node.name(), lab.plan().netnsFile(node.name()), threadKind().name(), threadArgs());
        threadStarted = true;
    }

    /**
     * A lab's first start of these agents' threads, in one request to the agent host: a request per node waited
     * for the busy host once per node (20-50 ms each on a loaded machine). Their processes are started by
     * {@link #startProcesses()}, before or after.
     */
    static void startThreads(LabRuntime lab, Collection<? extends ProcessAgent> agents) {
        lab.agents().startAll(agents.stream().map(agent -> new AgentHost.Start(agent.node(),
                lab.plan().netnsFile(agent.node()), agent.threadKind().name(), agent.threadArgs())).toList());
        for (ProcessAgent agent : agents) {
            agent.threadStarted();
        }
    }

    private synchronized void threadStarted() {
        threadStarted = true;
    }

    /** Starts this agent's processes (a bring-up starts the threads of all agents with {@link #startThreads}). */
    synchronized void startProcesses() {
        for (List<String> command : commands(starts++ > 0)) {
            processes.add(lab.processes().startJoined(node.name(), lab.plan().netnsFile(node.name()), command));
        }
    }

    /**
     * The first of these agents found not running (a process or its thread ended), asking the agent host about all
     * of them in one request: a bring-up checks a 100-node lab's agents once a second.
     */
    static <A extends ProcessAgent> Optional<A> firstNotRunning(LabRuntime lab, Collection<A> agents) {
        Set<String> threads = lab.agents().running(agents.stream().map(ProcessAgent::node).toList());
        for (A agent : agents) {
            ProcessAgent own = agent;
            if (!own.runsGiven(threads)) {
                return Optional.of(agent);
            }
        }
        return Optional.empty();
    }

    /**
     * Ends the agent gracefully in reverse start order, each part gone before the next is signalled: the thread
     * follows the processes (the route sync follows its speaker), and GoBGP withdraws its learned paths while it
     * shuts down, which a still running sync would mirror by deleting the node's routes, which a stopped
     * kube-router keeps.
     */
    @Override
    public synchronized void stop() {
        if (threadStarted) {
            lab.agents().stop(node.name());
        }
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        processes.clear();
        threadStarted = false;
    }

    /** The thread first, so it never acts on its processes' death; all of it gone when this returns. */
    @Override
    public synchronized void kill() {
        if (threadStarted) {
            lab.agents().kill(node.name());
        }
        processes.forEach(p -> p.signal("KILL"));
        processes.forEach(p -> p.awaitExit(EXIT_WAIT_MILLIS));
        processes.clear();
        threadStarted = false;
    }

    @Override
    public synchronized void pause() {
        if (threadStarted) {
            lab.agents().pause(node.name());
        }
        processes.forEach(p -> p.signal("STOP"));
    }

    @Override
    public synchronized void resume() {
        processes.forEach(p -> p.signal("CONT"));
        if (threadStarted) {
            lab.agents().resume(node.name());
        }
    }

    /** Output of the agent's processes and thread, for failure messages. */
    synchronized String output() {
        List<String> out = new ArrayList<>();
        processes.forEach(p -> out.add(p.output()));
        try {
            var log = AgentHost.logFile(lab.state().dir(), node.name(), threadKind().name());
            if (Files.exists(log)) {
                out.add(Files.readString(log));
            }
        } catch (IOException e) {
            // the log only decorates an error message
        }
        out.add(lab.agents().output());
        return String.join("\n", out);
    }
}
