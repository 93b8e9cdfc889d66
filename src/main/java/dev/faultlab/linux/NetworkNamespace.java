package dev.faultlab.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.faultlab.LabException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Joins a thread to a network namespace. Network namespaces are per thread on Linux, so a thread that called
 * {@link #join} stays there for good: callers must use a dedicated thread and let it end with its work, never a
 * pooled thread that would later run unrelated code inside the lab. {@link #call} is that dedicated thread for
 * work that fits in one call (writing the namespace's sysctls, spawning a process that starts inside it).
 */
public final class NetworkNamespace {
    private static final int EPERM = 1;
    private static final int ENOENT = 2;

    private NetworkNamespace() {
    }

    /**
     * Moves the current thread into the namespace of {@code netnsFile} ({@code /run/netns/<name>} or
     * {@code /proc/<pid>/ns/net}).
     *
     * @param who what is joining, for error messages ("capture on node-1")
     * @throws LabException when the namespace is gone or the process may not join it
     */
    public static void join(String who, Path netnsFile) {
        Libc libc = Libc.INSTANCE;
        int fd;
        try {
            fd = libc.open(netnsFile.toString(), Libc.O_RDONLY | Libc.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new LabException(e.getErrorCode() == ENOENT || !Files.exists(netnsFile)
                    ? who + ": network namespace " + netnsFile
                    + " is gone (host removed or its process exited): start the lab (or pod) again, then retry"
                    : who + ": cannot open " + netnsFile + " (errno " + e.getErrorCode() + "): run as root");
        }
        try {
            libc.setns(fd, Libc.CLONE_NEWNET);
        } catch (LastErrorException e) {
            throw new LabException(e.getErrorCode() == EPERM
                    ? who + ": not allowed to join network namespace " + netnsFile
                    + " (needs CAP_SYS_ADMIN): run as root (sudo)"
                    : who + ": " + netnsFile + " is not a network namespace (errno "
                    + e.getErrorCode() + "): pass /run/netns/<name> or /proc/<pid>/ns/net");
        } finally {
            libc.close(fd);
        }
    }

    /**
     * Runs {@code work} on a fresh thread that joined {@code netnsFile}, waits for it and returns its result. The
     * thread ends afterwards, so no thread outlives its visit to the namespace.
     *
     * @throws LabException when the namespace cannot be joined, or wrapping a checked exception of {@code work};
     *                      a runtime exception of {@code work} is rethrown as is
     */
    public static <T> T call(String who, Path netnsFile, Callable<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                join(who, netnsFile);
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
            throw new LabException(who + ": interrupted while working in " + netnsFile, e);
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t != null) {
            throw new LabException(who + ": failed in namespace " + netnsFile + ": " + t.getMessage(), t);
        }
        return result.get();
    }

    /** Names of the interfaces in the current thread's network namespace, in index order. */
    public static List<String> interfaceNames() {
        Pointer list = Libc.INSTANCE.if_nameindex();
        if (list == null) {
            return List.of();
        }
        try {
            // struct if_nameindex { unsigned int if_index; char *if_name; }: the int is padded to pointer size
            int stride = 2 * Native.POINTER_SIZE;
            List<String> names = new ArrayList<>();
            for (long offset = 0; list.getInt(offset) != 0; offset += stride) {
                names.add(list.getPointer(offset + Native.POINTER_SIZE).getString(0));
            }
            return names;
        } finally {
            Libc.INSTANCE.if_freenameindex(list);
        }
    }
}
