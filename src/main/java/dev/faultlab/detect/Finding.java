package dev.faultlab.detect;

import java.util.List;
import java.util.Map;

/**
 * PLACEHOLDER per CONTRACT.md until the detect branch lands its own type (which replaces this file).
 */
public record Finding(String cause, String summary, String explanation, String remediation, double confidence,
                      List<Evidence> evidence, Map<String, String> attributes) {
}
