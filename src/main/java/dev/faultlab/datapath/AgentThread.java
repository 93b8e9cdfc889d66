package dev.faultlab.datapath;

import dev.faultlab.linux.NetworkNamespace;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One node's agent inside an agent host (the lab's one process for all its nodes, on the netns and docker backends):
 * a thread joined to the node's network namespace, with
 * the process-like controls the faults need, acting on this agent alone. {@link #kill} ends it abruptly (its
 * children get SIGKILL, it runs nothing after its current command returns and writes no last words),
 * {@link #stop} ends it the same way but gently (SIGTERM to its children), {@link #pause} freezes it at its next
 * checkpoint and SIGSTOPs its children, {@link #resume} undoes that.
 */
public final class AgentThread {
    private static final long EXIT_WAIT_MILLIS = 5000;

    private enum State { RUNNING, PAUSED, ENDING }

    /**
     * Thrown at a checkpoint of an agent that was killed or stopped; unwinds its thread without running anything
     * but what the agent does on its way out when it was stopped (a BGP speaker's Cease, as a SIGTERMed daemon).
     */
    public static final class Ended extends Error {
        private final boolean graceful;

        Ended(boolean graceful) {
            super(null, null, false, false);
            this.graceful = graceful;
        }

        /** Stopped ({@link #stop}) rather than killed: the agent may say goodbye. */
        public boolean graceful() {
            return graceful;
        }
    }

    private final String node;
    private final Path netnsFile;
    private final HostedAgent agent;
    private final PrintStream log;
    private final Function<Path, DirectoryChanges> watches;
    private final List<Process> children = new ArrayList<>();
    private final Thread thread;
    private State state = State.RUNNING;
    private boolean endedGracefully;

    /**
     * @param netnsFile the node's namespace
     * @param watches   the host's shared directory watches
     */
    public AgentThread(String node, Path netnsFile, HostedAgent agent, PrintStream log,
                Function<Path, DirectoryChanges> watches) {
        this.node = node;
        this.netnsFile = netnsFile;
        this.agent = agent;
        this.log = log;
        this.watches = watches;
        this.thread = new Thread(this::body, "agent-" + node);
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void body() {
        try {
            NetworkNamespace.join("agent on " + node, netnsFile);
            agent.run(this);
            log.println("agent on " + node + " ended");
        } catch (Ended e) {
            // killed or stopped: a killed process leaves no last words either
        } catch (InterruptedException e) {
            if (!ending()) {
                log.println("agent on " + node + " interrupted");
            }
        } catch (Throwable t) {
            if (!ending()) {
                t.printStackTrace(log);
            }
        } finally {
            log.flush();
            destroyChildren(true);
        }
    }

    public String node() {
        return node;
    }

    public PrintStream log() {
        return log;
    }

    /** Changes of a directory, watched once for the whole host. */
    public DirectoryChanges changes(Path dir) {
        return watches.apply(dir);
    }

    /** The agent's own report ({@link HostedAgent#describe()}). */
    public String describe() {
        return agent.describe();
    }

    public synchronized boolean running() {
        return thread.isAlive() && state != State.ENDING;
    }

    /** Blocks while the agent is paused; ends its thread when it was killed or stopped. */
    public void checkpoint() {
        synchronized (this) {
            while (state == State.PAUSED) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    // a kill interrupts a paused agent: re-check the state
                }
            }
            if (state == State.ENDING) {
                throw new Ended(endedGracefully);
            }
        }
    }

    /** Starts a long-lived child (a monitor) in the agent's namespace; it is signalled and ended with the agent. */
    public Process spawn(ProcessBuilder builder) throws IOException {
        checkpoint();
        synchronized (this) {
            Process process = builder.start();
            children.add(process);
            return process;
        }
    }

    public void kill() {
        end(true);
    }

    public void stop() {
        end(false);
    }

    private void end(boolean forcibly) {
        synchronized (this) {
            state = State.ENDING;
            endedGracefully = !forcibly;
            notifyAll();
        }
        destroyChildren(forcibly);
        agent.wake(thread);
        try {
            thread.join(EXIT_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public synchronized void pause() {
        if (state == State.RUNNING) {
            state = State.PAUSED;
            children.forEach(c -> Signals.process(c.pid(), "STOP"));
        }
    }

    public synchronized void resume() {
        if (state == State.PAUSED) {
            state = State.RUNNING;
            children.forEach(c -> Signals.process(c.pid(), "CONT"));
            notifyAll();
        }
    }

    private synchronized boolean ending() {
        return state == State.ENDING;
    }

    private void destroyChildren(boolean forcibly) {
        List<Process> all;
        synchronized (this) {
            all = new ArrayList<>(children);
            children.clear();
        }
        for (Process child : all) {
            Signals.process(child.pid(), "CONT"); // a stopped child would not act on SIGTERM
            if (forcibly) {
                child.destroyForcibly();
            } else {
                child.destroy();
            }
        }
    }
}
