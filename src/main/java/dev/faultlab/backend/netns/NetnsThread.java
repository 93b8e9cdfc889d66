package dev.faultlab.backend.netns;

import dev.faultlab.backend.LabException;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs work on a fresh thread that has joined a network namespace with setns(2). Writing /proc/sys/net from such
 * a thread sets that namespace's sysctls, and a process spawned from it starts inside the namespace, both
 * without the cost of an {@code ip netns exec} fork. The thread ends afterwards, so no pooled thread is ever
 * left in a lab namespace.
 */
final class NetnsThread {
    private NetnsThread() {
    }

    static <T> T call(Path netnsFile, Callable<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                enter(netnsFile);
                result.set(work.call());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "netns-" + netnsFile.getFileName());
        thread.setDaemon(true);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while working in " + netnsFile, e);
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t != null) {
            throw new LabException("failed in namespace " + netnsFile + ": " + t.getMessage(), t);
        }
        return result.get();
    }

    private static void enter(Path netnsFile) {
        int fd = Libc.INSTANCE.open(netnsFile.toString(), Libc.O_RDONLY);
        if (fd < 0) {
            throw new LabException("network namespace " + netnsFile + " cannot be opened: is the lab still running?");
        }
        try {
            if (Libc.INSTANCE.setns(fd, Libc.CLONE_NEWNET) != 0) {
                throw new LabException("cannot enter network namespace " + netnsFile + " (setns failed): run as root");
            }
        } finally {
            Libc.INSTANCE.close(fd);
        }
    }
}
