package dev.faultlab.backend;

/**
 * One check {@code faultlab doctor} reports for a backend.
 *
 * @param name     what was checked
 * @param ok       whether it passed
 * @param required whether a failure prevents labs (an optional one only changes how a lab is built)
 * @param detail   what was found, or the fix when it failed
 */
public record HostCheck(String name, boolean ok, boolean required, String detail) {
}
