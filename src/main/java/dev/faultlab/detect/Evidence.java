package dev.faultlab.detect;

/**
 * PLACEHOLDER per CONTRACT.md until the detect branch lands its own type (which replaces this file).
 *
 * @param source where it was seen (a capture file and frame numbers, or a state file)
 * @param detail what was seen
 */
public record Evidence(String source, String detail) {
}
