package dev.faultlab.backend;

/** A long-running process a lab started in one of its hosts; the lab ends it on close. */
public interface LabProcess extends AutoCloseable {
    /** The host (node, pod or client name) it runs in. */
    String host();

    long pid();

    boolean isAlive();

    /** Sends a signal by name, e.g. {@code KILL}, {@code TERM}, {@code STOP}, {@code CONT}. */
    void signal(String signal);

    /** Output captured so far (stdout and stderr interleaved), for reports and failure messages. */
    String output();

    /** Ends the process (TERM, then KILL after a short grace period). */
    @Override
    void close();
}
