package dev.faultlab.detect;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A built incident (or near miss) for detector tests.
 *
 * @param name               what it models
 * @param captures           capture files
 * @param states             state directories (possibly none)
 * @param expectedCause      the root cause that must be found, or null when none may be
 * @param expectedAttributes attributes the expected finding must carry
 * @param alsoAllowed        other causes that may appear (the syn-unanswered symptom where SYNs go unanswered)
 */
public record IncidentCase(String name, List<Path> captures, List<Path> states, String expectedCause,
                           Map<String, String> expectedAttributes, Set<String> alsoAllowed) {
    @Override
    public String toString() {
        return name;
    }
}
