package dev.faultlab.scenario;

/**
 * A kernel setting a scenario needs in one host whether or not the fault is injected (e.g. syncookies off for a
 * variant), applied right after the lab starts. Settings that ARE the fault belong to a Fault instead.
 *
 * @param host  lab host
 * @param key   sysctl key, e.g. {@code net.ipv4.tcp_abort_on_overflow}
 * @param value value to write
 */
public record SysctlSetting(String host, String key, String value) {
}
