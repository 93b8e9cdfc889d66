package dev.faultlab.datapath;

/**
 * What a per-node agent does, run on its own {@link AgentThread} once that thread has joined the node's network
 * namespace (so every command it forks and every socket it opens acts on the node): a thread of a lab's agent host
 * (one process per lab, on the netns and docker backends). The agent
 * calls {@link AgentThread#checkpoint()} before each action: that is where a hung agent freezes and a killed one
 * ends, with nothing run after it.
 */
public interface HostedAgent {
    void run(AgentThread thread) throws Exception;

    /**
     * Brings a killed or stopped agent's thread to its next checkpoint. An interrupt by default; an agent whose
     * sockets an interrupt would close (NIO channels close on it) wakes its own wait instead, so that a stopped
     * agent can still say goodbye on them.
     */
    default void wake(Thread thread) {
        thread.interrupt();
    }

    /**
     * What the agent reports about itself, on one line (a BGP speaker's session states), for host-state snapshots;
     * called from another thread, so it must read only what is safe to read from one.
     */
    default String describe() {
        return "";
    }
}
