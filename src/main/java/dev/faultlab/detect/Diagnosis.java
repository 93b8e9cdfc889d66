package dev.faultlab.detect;

import dev.faultlab.backend.LabException;

import java.nio.file.Path;
import java.util.List;

/**
 * PLACEHOLDER per CONTRACT.md until the detect branch lands the real detectors (which replace this file).
 */
public final class Diagnosis {
    private Diagnosis() {
    }

    public static DiagnosisReport analyze(List<Path> captures, List<Path> stateDirs) {
        throw new LabException("detectors not merged yet: merge the detect branch");
    }
}
