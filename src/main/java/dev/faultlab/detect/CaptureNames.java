package dev.faultlab.detect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Short names for captures in evidence: the file name, or parent/file name when two captures share a file name
 * (e.g. {@code node-1/eth0.pcapng} and {@code node-2/eth0.pcapng}).
 */
final class CaptureNames {
    private CaptureNames() {
    }

    static List<String> of(List<Path> captures) {
        List<String> names = new ArrayList<>();
        for (Path capture : captures) {
            String file = String.valueOf(capture.getFileName());
            long same = captures.stream().filter(c -> String.valueOf(c.getFileName()).equals(file)).count();
            Path parent = capture.getParent();
            names.add(same > 1 && parent != null ? parent.getFileName() + "/" + file : file);
        }
        return names;
    }
}
