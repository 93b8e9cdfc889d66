package dev.faultlab.capture.live;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.faultlab.backend.LabException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins the calling thread to a network namespace. Network namespaces are per thread on Linux, so a thread
 * that called {@link #join} stays there for good: callers must use a dedicated thread and let it end with its
 * work, never a pooled thread that would later run unrelated code inside the lab.
 */
final class NetworkNamespace {
    private static final int EPERM = 1;
    private static final int ENOENT = 2;

    private NetworkNamespace() {
    }

    /**
     * Moves the current thread into the namespace of {@code netnsFile} ({@code /run/netns/<name>} or
     * {@code /proc/<pid>/ns/net}).
     *
     * @throws LabException when the namespace is gone or the process may not join it
     */
    static void join(String host, Path netnsFile) {
        Libc libc = Libc.INSTANCE;
        int fd;
        try {
            fd = libc.open(netnsFile.toString(), Libc.O_RDONLY | Libc.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new LabException(e.getErrorCode() == ENOENT || !Files.exists(netnsFile)
                    ? "capture on " + host + ": network namespace " + netnsFile
                    + " is gone (host removed or its process exited): start the lab (or pod) again, then capture"
                    : "capture on " + host + ": cannot open " + netnsFile + " (errno " + e.getErrorCode()
                    + "): run as root");
        }
        try {
            libc.setns(fd, Libc.CLONE_NEWNET);
        } catch (LastErrorException e) {
            throw new LabException(e.getErrorCode() == EPERM
                    ? "capture on " + host + ": not allowed to join network namespace " + netnsFile
                    + " (needs CAP_SYS_ADMIN): run as root (sudo)"
                    : "capture on " + host + ": " + netnsFile + " is not a network namespace (errno "
                    + e.getErrorCode() + "): pass /run/netns/<name> or /proc/<pid>/ns/net");
        } finally {
            libc.close(fd);
        }
    }

    /** Names of the interfaces in the current thread's network namespace, in index order. */
    static List<String> interfaceNames() {
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
