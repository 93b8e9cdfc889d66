package dev.faultlab.container;

import java.util.ArrayList;
import java.util.List;

/**
 * Many commands in one exec: each exec round trip costs tens of milliseconds, and a lab's bring-up is a hundred
 * small {@code ip}/{@code ethtool} commands. A fixed bash script runs the commands, passed as arguments separated by
 * {@link #SEPARATOR} (never spliced into the script), one after the other, and stops at the first failure naming it.
 */
final class CommandBatch {
    /** Separates the commands among the arguments; no command may contain it as an argument. */
    static final String SEPARATOR = "--faultlab-then--";
    private static final String SCRIPT = """
            cmd=()
            run() { "${cmd[@]}" || { echo "failed (exit $?): ${cmd[*]}" >&2; exit 1; }; cmd=(); }
            for a in "$@"; do if [[ $a == "%s" ]]; then run; else cmd+=("$a"); fi; done
            if (( ${#cmd[@]} )); then run; fi
            """.formatted(SEPARATOR);

    private CommandBatch() {
    }

    /** The one command that runs all of {@code commands} in order. */
    public static List<String> of(List<List<String>> commands) {
        List<String> argv = new ArrayList<>(List.of("bash", "-c", SCRIPT, "faultlab-batch"));
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i).contains(SEPARATOR)) {
                throw new IllegalArgumentException("a batched command may not contain " + SEPARATOR);
            }
            if (i > 0) {
                argv.add(SEPARATOR);
            }
            argv.addAll(commands.get(i));
        }
        return argv;
    }
}
