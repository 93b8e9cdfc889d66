package dev.faultlab.scenario.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * How many matrix labs run side by side, and why. A lab spends most of a run waiting on TCP and BGP timers
 * (retransmission back-off, hold timers), not computing, so a core carries {@value #LABS_PER_CORE} labs; each
 * lab's namespaces, daemons and agent JVMs take up to {@value #MIB_PER_LAB} MiB, so the available memory
 * bounds it too; and there is no point in more labs than cases.
 *
 * @param labs labs at once, at least 1
 * @param why  one line saying how the number was chosen
 */
public record MatrixParallelism(int labs, String why) {
    static final int LABS_PER_CORE = 2;
    static final int MIB_PER_LAB = 512;

    public MatrixParallelism {
        if (labs < 1) {
            throw new IllegalArgumentException("--parallel " + labs + " runs nothing: give 1 (one lab at a time) or"
                    + " more, or leave it out to size it to the machine");
        }
    }

    /** The number the user asked for. */
    public static MatrixParallelism explicit(int labs) {
        return new MatrixParallelism(labs, "--parallel " + labs + " as asked");
    }

    /** What a machine with {@code cores} and {@code availableMemory} bytes (if known) carries for {@code cases}. */
    public static MatrixParallelism forMachine(int cores, OptionalLong availableMemory, int cases) {
        int byCores = Math.max(1, cores * LABS_PER_CORE);
        long byMemory = availableMemory.isPresent()
                ? Math.max(1, availableMemory.getAsLong() / (MIB_PER_LAB * 1024L * 1024L)) : Long.MAX_VALUE;
        int labs = (int) Math.max(1, Math.min(Math.min(byCores, byMemory), Math.max(1, cases)));
        String memory = availableMemory.isPresent()
                ? String.format(Locale.ROOT, "%.1f GiB available / %d MiB per lab = %d", availableMemory.getAsLong()
                / (1024.0 * 1024 * 1024), MIB_PER_LAB, byMemory) : "memory unknown";
        return new MatrixParallelism(labs, String.format(Locale.ROOT, "%d labs at once: %d cores x %d (labs mostly"
                + " wait on TCP/BGP timers, not on the CPU) = %d, %s, %d cases", labs, cores, LABS_PER_CORE,
                byCores, memory, cases));
    }

    /** {@link #forMachine} for this machine: its processors and {@code MemAvailable} of /proc/meminfo. */
    public static MatrixParallelism forThisMachine(int cases) {
        return forMachine(Runtime.getRuntime().availableProcessors(), availableMemory(Path.of("/proc/meminfo")), cases);
    }

    static OptionalLong availableMemory(Path meminfo) {
        try {
            List<String> lines = Files.readAllLines(meminfo);
            return lines.stream().filter(l -> l.startsWith("MemAvailable:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024L).findFirst();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
