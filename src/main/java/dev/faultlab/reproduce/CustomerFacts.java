package dev.faultlab.reproduce;

import dev.faultlab.detect.Evidence;
import dev.faultlab.detect.Finding;
import dev.faultlab.detect.state.HostSnapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading one fact out of a finding or the customer's state, with the words that say where it came from. */
final class CustomerFacts {
    private CustomerFacts() {
    }

    /** Where a finding's attribute came from: the first capture it quotes, else its first host/file. */
    static String attribute(Finding finding, String key) {
        String from = finding.evidence().stream().filter(e -> e.frame() >= 0).findFirst()
                .or(() -> finding.evidence().stream().findFirst()).map(Evidence::source)
                .orElse("the customer's evidence");
        return from + ": " + finding.cause() + " finding, " + key + "=" + finding.attributes().get(key);
    }

    /** The host whose state the finding quotes for {@code file} (e.g. {@code ss-ltn.txt}), if any. */
    static Optional<String> hostQuoting(Finding finding, String file) {
        return finding.evidence().stream().map(Evidence::source).filter(s -> s.endsWith("/" + file))
                .map(s -> s.substring(0, s.length() - file.length() - 1)).findFirst();
    }

    /**
     * The customer's values of {@code keys} on {@code host}, written as the scenario's {@code sysctls} for lab host
     * {@code labHost}, appended after {@code existing} entries. Keys the state lacks are left out.
     */
    static List<FilledValue> sysctls(CustomerEvidence evidence, String host, String labHost, int existing,
                                     List<String> keys) {
        List<FilledValue> values = new ArrayList<>();
        Optional<HostSnapshot> snapshot = evidence.hosts().stream().filter(h -> h.name().equals(host)).findFirst();
        if (snapshot.isEmpty()) {
            return values;
        }
        int index = existing;
        for (String key : keys) {
            Optional<String> value = snapshot.get().sysctl(key);
            if (value.isPresent()) {
                String source = host + "/sysctl.txt: " + key + " = " + value.get();
                String at = "sysctls[" + index++ + "]";
                values.add(FilledValue.playing(at + ".host", labHost, host, source));
                values.add(FilledValue.of(at + ".key", key, source));
                values.add(FilledValue.of(at + ".value", value.get(), source));
            }
        }
        return values;
    }

    /** {@code host:port} or {@code kind/name} targets with their port replaced (kind/name targets stay). */
    static String withPort(String target, int port) {
        int colon = target.lastIndexOf(':');
        return colon < 0 ? target : target.substring(0, colon + 1) + port;
    }

    /** The port of an {@code address:port} attribute such as {@code 10.0.0.5:8080}, or -1. */
    static int portOf(String endpoint) {
        if (endpoint == null || endpoint.lastIndexOf(':') < 0) {
            return -1;
        }
        try {
            return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Rewrites every {@code port N} in a capture filter to {@code port}. */
    static String filterWithPort(String filter, int port) {
        return filter.replaceAll("port \\d+", "port " + port);
    }
}
