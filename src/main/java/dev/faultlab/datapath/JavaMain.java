package dev.faultlab.datapath;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The command line that runs a main class of this jar in a new JVM, with the running JVM's java and class path:
 * how a lab's agent host (every node's agent, as threads) is started. Small heap (a 100-node host keeps about
 * 12 MB live), started small and kept within 30% of what is live (a 100-node flannel host: ~90 MB RSS, not
 * ~108 MB), C1 only and serial GC, because its start-up time is part of the lab's bring-up time. Public: the docker backend runs
 * the same route sync joined to a node container's network namespace.
 */
public final class JavaMain {
    private JavaMain() {
    }

    public static List<String> command(Class<?> main, List<String> args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> argv = new ArrayList<>(List.of(java, "-Xmx64m", "-Xms8m", "-XX:MinHeapFreeRatio=10",
                "-XX:MaxHeapFreeRatio=30", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:ReservedCodeCacheSize=16m", "-Xshare:auto", "-cp", absoluteClassPath(),
                main.getName()));
        argv.addAll(args);
        return argv;
    }

    /** The class path with absolute entries, so an agent does not depend on the directory it was started from. */
    private static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
