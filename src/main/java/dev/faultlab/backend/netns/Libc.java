package dev.faultlab.backend.netns;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The libc calls the lab needs without forking: {@code setns} (so a thread can enter a lab namespace to
 * write its sysctls or spawn a tool there) and {@code kill} (so a whole process group can be signalled).
 */
interface Libc extends Library {
    Libc INSTANCE = Native.load("c", Libc.class);

    int CLONE_NEWNET = 0x40000000;

    int O_RDONLY = 0;

    int open(String path, int flags);

    int close(int fd);

    int setns(int fd, int nstype);

    int kill(int pid, int signal);
}
