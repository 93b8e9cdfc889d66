package dev.faultlab.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The few libc calls faultlab makes without forking a tool: entering a network namespace ({@code setns(2)} is per
 * thread, and the JDK cannot call it), listing that namespace's interfaces, signalling a process group, and a
 * netlink socket to follow a namespace's routes without an {@code ip monitor} process per node, and the ethtool
 * ioctl that turns a device's offloads off without an {@code ethtool} process per veth. JNA,
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

    /** The index of an interface of the calling thread's namespace, 0 when there is none. */
    int if_nametoindex(String name);

    /** Signals a process ({@code pid > 0}) or a process group ({@code pid < 0}); 0 on success, -1 otherwise. */
    int kill(int pid, int signal);

    int AF_NETLINK = 16;
    int SOCK_RAW = 3;
    int SOCK_CLOEXEC = 0x80000;
    int MSG_DONTWAIT = 0x40;
    int EAGAIN = 11;
    int ENOBUFS = 105;

    /** A socket in the calling thread's network namespace (a netlink socket follows the routes of that one). */
    int socket(int domain, int type, int protocol) throws LastErrorException;

    int bind(int fd, byte[] address, int length) throws LastErrorException;

    long send(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

    long recv(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

    short POLLIN = 1;

    /** Waits until one of {@code fds} (an array of {@code struct pollfd}: int fd, short events, short revents) is ready. */
    int poll(byte[] fds, long count, int timeoutMillis) throws LastErrorException;

    int AF_INET = 2;
    int SOCK_DGRAM = 2;
    long SIOCETHTOOL = 0x8946;

    /** {@code ioctl(fd, request, arg)}, here for SIOCETHTOOL on a socket of the calling thread's namespace. */
    int ioctl(int fd, long request, Pointer arg) throws LastErrorException;
}
