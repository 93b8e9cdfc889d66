package dev.faultlab.fault;

import java.util.Map;

/**
 * {@code net.bridge.bridge-nf-call-iptables=0} on a node: bridged frames skip iptables, so a pod's reply to
 * another pod on the same bridge bypasses the conntrack entry that DNATed its ClusterIP request; the client
 * gets a SYN-ACK from the pod IP instead of the ClusterIP and the connection never completes.
 */
public final class BridgeNetfilterOff implements Fault {
    static final String KEY = "net.bridge.bridge-nf-call-iptables";

    private static final FaultInfo INFO = new FaultInfo("bridge-nf-call-iptables-off",
            "sets net.bridge.bridge-nf-call-iptables=0 on a node",
            Map.of("node", "the node whose bridge skips iptables"));

    @Override
    public FaultInfo info() {
        return INFO;
    }

    @Override
    public void inject(FaultContext context) {
        String node = context.params().string("node");
        Sysctl.write(context.cluster(), node, KEY, "0");
        context.log().accept(node + ": " + KEY + "=0");
    }
}
