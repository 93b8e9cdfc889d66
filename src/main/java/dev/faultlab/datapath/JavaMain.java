package dev.faultlab.datapath;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The command line that runs a main class of this jar in a new JVM, with the running JVM's java and class path:
 * how the in-lab flannel agents and BGP route syncs are started. Small heap, C1 only and serial GC, because
 * these agents are tiny and their start-up time is part of the lab's bring-up time. Public: the docker backend runs
 * the same route sync joined to a node container's network namespace.
 */
public final class JavaMain {
    private JavaMain() {
    }

    public static List<String> command(Class<?> main, List<String> args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> argv = new ArrayList<>(List.of(java, "-Xmx32m", "-Xss512k", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", absoluteClassPath(),
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
