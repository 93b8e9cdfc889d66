package dev.faultlab.container;

import java.util.ArrayList;
import java.util.List;

/**
 * Closing a running lab once, whoever asks first (the test, the CLI, or the JVM shutdown hook registered here):
 * the captures and processes it started are stopped (captures first, so their files are complete), then
 * {@code teardown} removes what the lab made. Shared by the container and kubeconfig clusters.
 */
public final class LabLifecycle {
    private final Runnable teardown;
    private final Thread shutdownHook;
    private final List<AutoCloseable> captures = new ArrayList<>();
    private final List<AutoCloseable> processes = new ArrayList<>();
    private boolean closed;

    public LabLifecycle(String labId, Runnable teardown) {
        this.teardown = teardown;
        this.shutdownHook = new Thread(this::close, "close-" + labId);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public synchronized <T extends AutoCloseable> T capture(T capture) {
        captures.add(capture);
        return capture;
    }

    public synchronized <T extends AutoCloseable> T process(T process) {
        processes.add(process);
        return process;
    }

    /** Idempotent. */
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        captures.forEach(LabLifecycle::quietly);
        processes.forEach(LabLifecycle::quietly);
        try {
            teardown.run();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // closing from the hook itself during JVM shutdown
            }
        }
    }

    private static void quietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            // its host is about to be removed with everything in it
        }
    }
}
