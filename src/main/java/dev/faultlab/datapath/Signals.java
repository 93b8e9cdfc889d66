package dev.faultlab.datapath;

import dev.faultlab.linux.Libc;

import java.util.Map;

/** Signal numbers by name (Linux x86-64/arm64 share these), so processes are signalled without forking kill(1). */
public final class Signals {
    private static final Map<String, Integer> NUMBERS = Map.of(
            "HUP", 1, "INT", 2, "KILL", 9, "TERM", 15, "CONT", 18, "STOP", 19, "USR1", 10, "USR2", 12);

    private Signals() {
    }

    public static int number(String name) {
        String key = name.startsWith("SIG") ? name.substring(3) : name;
        Integer n = NUMBERS.get(key);
        if (n == null) {
            throw new IllegalArgumentException("unknown signal '" + name + "': use one of " + NUMBERS.keySet());
        }
        return n;
    }

    /** Signals the process group led by {@code pid} (lab processes are started with setsid, so pgid == pid). */
    public static boolean group(long pid, String name) {
        return Libc.INSTANCE.kill((int) -pid, number(name)) == 0;
    }

    public static boolean process(long pid, String name) {
        return Libc.INSTANCE.kill((int) pid, number(name)) == 0;
    }
}
