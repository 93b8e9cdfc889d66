package dev.faultlab.capture.state;

import dev.faultlab.capture.layout.StateFile;
import dev.faultlab.capture.layout.HostRole;
import dev.faultlab.capture.layout.StateLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What {@code ci/collect-node-state.sh} declares: its {@code save FILE ROLES COMMAND...} lines, its SYSCTL_KEYS
 * and its other constants, read from the script text so tests can hold it against {@link StateLayout}.
 *
 * @param files       the script's catalogue, in order
 * @param sysctlKeys  its SYSCTL_KEYS, in order
 * @param constants   its {@code NAME='...'} / {@code NAME="..."} assignments
 */
record CollectNodeStateScript(List<StateFile> files, List<String> sysctlKeys, Map<String, String> constants) {
    static final Path PATH = Path.of("ci", "collect-node-state.sh");

    private static final Pattern SAVE = Pattern.compile("(?m)^\\s+save\\s+(\\S+)\\s+(\\S+)\\s+(.+)$");
    private static final Pattern CONSTANT = Pattern.compile("(?ms)^([A-Z_]+)=(?:'([^']*)'|\"([^\"]*)\")");
    private static final Pattern QUOTED_VARIABLE = Pattern.compile("^\"\\$([A-Z_]+)\"$");
    private static final Pattern VARIABLE = Pattern.compile("^\\$([A-Z_]+)$");

    static CollectNodeStateScript read() throws IOException {
        String text = Files.readString(PATH);
        Map<String, String> constants = new LinkedHashMap<>();
        CONSTANT.matcher(text).results().forEach(m -> constants.put(m.group(1),
                m.group(2) != null ? m.group(2) : m.group(3)));
        String keys = constants.get("SYSCTL_KEYS");
        if (keys == null) {
            throw new IllegalStateException(PATH + " has no SYSCTL_KEYS=\"...\" block");
        }
        List<String> sysctlKeys = keys.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        List<StateFile> files = SAVE.matcher(text).results()
                .map(m -> new StateFile(m.group(1), argv(m.group(3), constants), roles(m.group(2)), ""))
                .toList();
        return new CollectNodeStateScript(files, sysctlKeys, constants);
    }

    /**
     * The command as the shell runs it: words split, {@code "$NAME"} one word holding the constant, an unquoted
     * {@code $NAME} split into the constant's words. Any other quoting is refused rather than guessed.
     */
    private static List<String> argv(String command, Map<String, String> constants) {
        List<String> argv = new ArrayList<>();
        for (String word : command.strip().split("\\s+")) {
            Matcher quoted = QUOTED_VARIABLE.matcher(word);
            Matcher bare = VARIABLE.matcher(word);
            if (quoted.matches()) {
                argv.add(constant(constants, quoted.group(1)));
            } else if (bare.matches()) {
                Arrays.stream(constant(constants, bare.group(1)).strip().split("\\s+")).forEach(argv::add);
            } else if (word.matches(".*[\"'$\\\\].*")) {
                throw new IllegalStateException(PATH + ": cannot read the word " + word + " of '" + command
                        + "': use a plain word, \"$NAME\" or $NAME");
            } else {
                argv.add(word);
            }
        }
        return argv;
    }

    private static String constant(Map<String, String> constants, String name) {
        String value = constants.get(name);
        if (value == null) {
            throw new IllegalStateException(PATH + " uses $" + name + " but never sets it");
        }
        return value;
    }

    private static Set<HostRole> roles(String list) {
        return Arrays.stream(list.split(",")).map(id -> HostRole.valueOf(id.toUpperCase(Locale.ROOT)))
                .collect(Collectors.toSet());
    }
}
