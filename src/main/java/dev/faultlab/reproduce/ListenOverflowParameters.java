package dev.faultlab.reproduce;

import dev.faultlab.detect.Finding;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code listen-overflow}: the listener's port and backlog (Send-Q of its {@code ss -ltn} line, which the kernel
 * caps at {@code somaxconn}), the server's overflow sysctls, and a first wave of clients that fills the accept
 * queue up to that backlog before the burst arrives, as the template does for its own backlog.
 */
public final class ListenOverflowParameters implements CauseParameters {
    private static final List<String> SERVER_SYSCTLS = List.of("net.ipv4.tcp_abort_on_overflow",
            "net.ipv4.tcp_syncookies", "net.core.somaxconn");

    @Override
    public String cause() {
        return "listen-overflow";
    }

    @Override
    public List<FilledValue> fill(Finding rootCause, CustomerEvidence evidence, ScenarioTemplate template) {
        List<FilledValue> values = new ArrayList<>();
        String port = rootCause.attributes().get("port");
        if (port != null) {
            int p = Integer.parseInt(port);
            String source = CustomerFacts.attribute(rootCause, "port") + " (the listener the handshakes fail on)";
            values.addAll(CustomerFacts.serverPort(template, p, source));
        }
        String backlog = rootCause.attributes().get("backlog");
        String server = CustomerFacts.hostQuoting(rootCause, "ss-ltn.txt")
                .or(() -> CustomerFacts.hostQuoting(rootCause, "nstat.txt")).orElse(null);
        if (backlog != null) {
            int b = Integer.parseInt(backlog);
            String source = (server == null ? "" : server + "/ss-ltn.txt: ") + "listener Send-Q " + b
                    + " (the effective backlog: listen()'s argument capped by net.core.somaxconn)";
            values.add(FilledValue.of("fault.params.backlog", b, source));
            values.add(FilledValue.of("expect.attributes.backlog", b, source));
            int fill = Math.max(1, b - 1);
            String derived = "backlog " + b + ": " + fill + " clients wait in the accept queue before the burst, as"
                    + " the template's " + (Integer.parseInt(template.get("fault.params.backlog")) - 1)
                    + " do for its backlog " + template.get("fault.params.backlog");
            values.add(FilledValue.of("workload.clients[0].args.count", fill, derived));
            values.add(FilledValue.of("workload.clients[0].args.parallel", fill, derived));
        }
        if (port != null) {
            values.add(FilledValue.of("expect.attributes.port", port, CustomerFacts.attribute(rootCause, "port")));
        }
        if (server != null) {
            values.addAll(CustomerFacts.sysctls(evidence, server, template.get("fault.params.host"),
                    template.count("sysctls"), SERVER_SYSCTLS));
        }
        return values;
    }
}
