package dev.faultlab.backend.docker;

import dev.faultlab.LabException;
import dev.faultlab.datapath.LogFileProcess;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts a process the docker lab runs on this machine (its agent host), logging to a file. It is a child of the
 * lab's JVM, not a session of its own: the lab ends it on close, and the agent host also exits by itself once the
 * lab's state directory or its owner is gone.
 */
final class HostJvm {
    private HostJvm() {
    }

    static LogFileProcess start(String host, List<String> command, Path log) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new LogFileProcess(host, process, log, false);
        } catch (IOException e) {
            throw new LabException("cannot start " + host + " (" + e.getMessage() + "): is java on the PATH?", e);
        }
    }
}
