package dev.faultlab.capture.live;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The few libc calls a capture thread needs to enter a network namespace and look around in it. JNA, because
 * the JDK has no way to call {@code setns(2)} and a namespace is per thread: only native code can move one.
 */
interface Libc extends Library {
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
}
