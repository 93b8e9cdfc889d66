package dev.faultlab.capture.live;

import dev.faultlab.LabException;

/** Turns libpcap's errors into one line that names the cause and the fix. */
final class CaptureErrors {
    private CaptureErrors() {
    }

    static LabException openFailed(String host, String device, Exception e) {
        String detail = oneLine(e);
        String fix = detail.toLowerCase().contains("permission") || detail.contains("Operation not permitted")
                ? "run as root (capturing needs CAP_NET_RAW)"
                : "check that device '" + device + "' is up in " + host + " (ip link show " + device + ")";
        return new LabException("capture on " + host + ": cannot open '" + device + "': " + detail + ": " + fix);
    }

    static LabException badFilter(String host, String filter, Exception e) {
        return new LabException("capture on " + host + ": bad BPF filter '" + filter + "': " + oneLine(e)
                + ": fix the filter (tcpdump syntax; try it with: tcpdump -d '" + filter + "')");
    }

    /** pcap4j or JNA could not load libpcap / libc (their class initialisation fails with a LinkageError). */
    static LabException nativeLibraryMissing(String host, LinkageError e) {
        return new LabException("capture on " + host + ": cannot load libpcap (" + e + "): install it with "
                + "'apt-get install libpcap0.8'", e);
    }

    private static String oneLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s+", " ").strip();
    }
}
