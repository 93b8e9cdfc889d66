package dev.faultlab.capture.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What {@code ci/collect-node-state.sh} declares: its {@code save FILE ROLES COMMAND...} lines and its
 * SYSCTL_KEYS, read from the script text so tests can hold it against {@link StateLayout}.
 *
 * @param files       the script's catalogue, in order
 * @param sysctlKeys  its SYSCTL_KEYS, in order
 */
record CollectNodeStateScript(List<StateFile> files, List<String> sysctlKeys) {
    static final Path PATH = Path.of("ci", "collect-node-state.sh");

    private static final Pattern SAVE = Pattern.compile("(?m)^\\s+save\\s+(\\S+)\\s+(\\S+)\\s+(.+)$");
    private static final Pattern KEYS = Pattern.compile("(?s)SYSCTL_KEYS=\"(.*?)\"");

    static CollectNodeStateScript read() throws IOException {
        String text = Files.readString(PATH);
        Matcher keys = KEYS.matcher(text);
        if (!keys.find()) {
            throw new IllegalStateException(PATH + " has no SYSCTL_KEYS=\"...\" block");
        }
        List<String> sysctlKeys = keys.group(1).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        List<StateFile> files = SAVE.matcher(text).results()
                .map(m -> new StateFile(m.group(1), argv(m.group(3), sysctlKeys), roles(m.group(2)), ""))
                .toList();
        return new CollectNodeStateScript(files, sysctlKeys);
    }

    /** The command as the shell runs it: words split, {@code $SYSCTL_KEYS} expanded. */
    private static List<String> argv(String command, List<String> sysctlKeys) {
        return Arrays.stream(command.strip().split("\\s+"))
                .flatMap(word -> word.equals("$SYSCTL_KEYS") ? sysctlKeys.stream() : java.util.stream.Stream.of(word))
                .toList();
    }

    private static Set<HostRole> roles(String list) {
        return Arrays.stream(list.split(",")).map(id -> HostRole.valueOf(id.toUpperCase(java.util.Locale.ROOT)))
                .collect(Collectors.toSet());
    }
}
