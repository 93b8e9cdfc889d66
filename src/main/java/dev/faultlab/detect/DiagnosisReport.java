package dev.faultlab.detect;

import java.util.List;

/**
 * PLACEHOLDER per CONTRACT.md until the detect branch lands its own type (which replaces this file).
 */
public record DiagnosisReport(List<Finding> findings, long packets, long badFrames) {
}
