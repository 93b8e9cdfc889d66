package dev.faultlab.fault;

/**
 * {@code net.bridge.bridge-nf-call-iptables=0} on a node: bridged frames skip iptables, so a pod's reply to
 * another pod on the same bridge bypasses the conntrack entry that DNATed its ClusterIP request; the client
 * gets a SYN-ACK from the pod IP instead of the ClusterIP and the connection never completes. Healing applies the
 * finding's remedy: the setting back to 1.
 */
public final class BridgeNetfilterOff implements Fault<BridgeNetfilterOff.Params> {
    static final String KEY = "net.bridge.bridge-nf-call-iptables";

    private static final FaultInfo<Params> INFO = new FaultInfo<>("bridge-nf-call-iptables-off",
            "sets net.bridge.bridge-nf-call-iptables=0 on a node", Params.class);

    public record Params(@Param("the node whose bridge skips iptables") String node) {
    }

    @Override
    public FaultInfo<Params> info() {
        return INFO;
    }

    @Override
    public void inject(FaultContext context, Params params) {
        String node = params.node();
        Sysctl.write(context.cluster(), node, KEY, "0");
        context.log().accept(node + ": " + KEY + "=0");
    }

    @Override
    public boolean heals() {
        return true;
    }

    @Override
    public void heal(FaultContext context, Params params) {
        Sysctl.write(context.cluster(), params.node(), KEY, "1");
        context.log().accept(params.node() + ": " + KEY + "=1");
    }
}
