package dev.faultlab.backend;

import dev.faultlab.LabException;
import java.util.List;

/**
 * What a command run in a lab host returned.
 *
 * @param argv     the command as run (an argument list, never a shell string)
 * @param exitCode its exit code
 * @param stdout   standard output
 * @param stderr   standard error
 */
public record ExecResult(List<String> argv, int exitCode, String stdout, String stderr) {
    public ExecResult {
        argv = List.copyOf(argv);
    }

    public boolean ok() {
        return exitCode == 0;
    }

    /** Returns this result, or throws {@link LabException} naming the command and its stderr when it failed. */
    public ExecResult orThrow() {
        if (!ok()) {
            throw new LabException("command failed (exit " + exitCode + "): " + String.join(" ", argv)
                    + (stderr.isBlank() ? "" : ": " + stderr.strip()));
        }
        return this;
    }
}
