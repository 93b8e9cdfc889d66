package dev.faultlab.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The few libc calls faultlab makes without forking a tool: entering a network namespace ({@code setns(2)} is per
 * thread, and the JDK cannot call it), listing that namespace's interfaces, and signalling a process group. JNA,
 * because only native code can move a thread into a namespace. One binding for the whole project, so every
 * caller gets the same errno handling.
 */
public interface Libc extends Library {
    Libc INSTANCE = Native.load("c", Libc.class);

    int O_RDONLY = 0;
    int O_CLOEXEC = 0x80000;
    int CLONE_NEWNET = 0x40000000;

    int open(String path, int flags) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    /** Moves the calling thread (only it) into the namespace {@code fd} refers to. */
    int setns(int fd, int nstype) throws LastErrorException;

    /** Interfaces of the calling thread's network namespace (glibc asks netlink, so it sees the thread's netns). */
    Pointer if_nameindex();

    void if_freenameindex(Pointer list);

    /** Signals a process ({@code pid > 0}) or a process group ({@code pid < 0}); 0 on success, -1 otherwise. */
    int kill(int pid, int signal);
}
