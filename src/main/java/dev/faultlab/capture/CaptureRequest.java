package dev.faultlab.capture;

import java.nio.file.Path;

/**
 * What to capture in a lab host.
 *
 * @param device  the interface, e.g. {@code eth0}, {@code cni0}, {@code flannel.1}, {@code tunl0}, {@code any}
 * @param filter  a BPF filter in tcpdump syntax, or empty for everything
 * @param output  the pcapng file to write
 * @param snaplen bytes kept per frame
 */
public record CaptureRequest(String device, String filter, Path output, int snaplen) {
    public static CaptureRequest of(String device, Path output) {
        return new CaptureRequest(device, "", output, 65535);
    }

    public CaptureRequest withFilter(String bpf) {
        return new CaptureRequest(device, bpf, output, snaplen);
    }

    public CaptureRequest withSnaplen(int bytes) {
        return new CaptureRequest(device, filter, output, bytes);
    }
}
