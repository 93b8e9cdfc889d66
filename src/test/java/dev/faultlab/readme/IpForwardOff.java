package dev.faultlab.readme;

import dev.faultlab.fault.Fault;
import dev.faultlab.fault.FaultContext;
import dev.faultlab.fault.FaultInfo;
import dev.faultlab.fault.Param;
import dev.faultlab.fault.Sysctl;

public final class IpForwardOff implements Fault<IpForwardOff.Params> {
    public record Params(
            @Param("the node that stops forwarding") String node,
            @Param(value = "what net.ipv4.ip_forward is set to", fallback = "0") int value) {
    }

    private static final FaultInfo<Params> INFO = new FaultInfo<>("ip-forward-off",
            "sets net.ipv4.ip_forward=0 on a node: pods behind it lose every off-node peer", Params.class);

    @Override
    public FaultInfo<Params> info() {
        return INFO;
    }

    @Override
    public void inject(FaultContext context, Params params) {
        Sysctl.write(context.cluster(), params.node(), "net.ipv4.ip_forward", String.valueOf(params.value()));
        context.log().accept(params.node() + ": net.ipv4.ip_forward=" + params.value());
    }

    @Override
    public void heal(FaultContext context, Params params) {
        Sysctl.write(context.cluster(), params.node(), "net.ipv4.ip_forward", "1");
    }
}
