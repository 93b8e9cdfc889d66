package dev.faultlab.junit;

import dev.faultlab.fault.FaultRegistry;
import dev.faultlab.fault.FaultSpec;
import dev.faultlab.scenario.CapturePoint;
import dev.faultlab.scenario.Expectation;
import dev.faultlab.scenario.Scenario;
import dev.faultlab.scenario.ScenarioSetup;
import dev.faultlab.scenario.SetupCommand;
import dev.faultlab.scenario.SysctlSetting;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.workload.WorkloadPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds a scenario in code, for tests whose lab is not in a scenario file. The result is the same
 * {@link Scenario} a YAML file loads to, checked the same way (known fault, its parameters bound to its parameter
 * record, a cause some detector reports and attributes it sets).
 *
 * <pre>{@code
 * static Scenario mtu() {
 *     return ScenarioBuilder.named("my-mtu")
 *             .cluster(ClusterSpec.of(2, 1, Datapath.IPIP).withClient("client"))
 *             .workload(new WorkloadPlan(
 *                     List.of(new ServerSpec("pod-2-a", "tcp-server", Map.of("port", "8080"))),
 *                     List.of(new ClientSpec("client", "tcp-client", List.of("pod-2-a:8080"), Map.of(), null)),
 *                     false, null))
 *             .fault(new TunnelMtuBlackhole.Params(List.of("node-2"), 1440, "client"))
 *             .capture("client", "eth0", "tcp")
 *             .expect("tunnel-mtu-blackhole", Map.of("node", "node-2"))
 *             .build();
 * }
 * }</pre>
 */
public final class ScenarioBuilder {
    private final String name;
    private String title;
    private ClusterSpec cluster;
    private final List<SysctlSetting> sysctls = new ArrayList<>();
    private final List<SetupCommand> commands = new ArrayList<>();
    private WorkloadPlan workload = new WorkloadPlan(List.of(), List.of(), false, null);
    private FaultSpec fault;
    private final List<CapturePoint> captures = new ArrayList<>();
    private Expectation expectation;

    private ScenarioBuilder(String name) {
        this.name = name;
        this.title = name;
    }

    public static ScenarioBuilder named(String name) {
        return new ScenarioBuilder(name);
    }

    public ScenarioBuilder title(String oneLine) {
        this.title = oneLine;
        return this;
    }

    public ScenarioBuilder cluster(ClusterSpec spec) {
        this.cluster = spec;
        return this;
    }

    public ScenarioBuilder sysctl(String host, String key, String value) {
        sysctls.add(new SysctlSetting(host, key, value));
        return this;
    }

    /** A command run in {@code host} after the lab starts, with or without the fault; {@code why} names what it stands in for. */
    public ScenarioBuilder command(String host, List<String> argv, String why) {
        commands.add(new SetupCommand(host, argv, why));
        return this;
    }

    /** The servers started with the lab and the clients driven after the fault. */
    public ScenarioBuilder workload(WorkloadPlan plan) {
        this.workload = plan;
        return this;
    }

    /** The fault whose parameter record {@code params} is, e.g. {@code new RoutingAgentKill.Params("node-3", "kill", 30)}. */
    public ScenarioBuilder fault(Record params) {
        this.fault = FaultRegistry.load().spec(params);
        return this;
    }

    /** The fault by name with its parameters as a scenario file writes them. */
    public ScenarioBuilder fault(String faultName, Map<String, String> params) {
        this.fault = new FaultSpec(faultName, params);
        return this;
    }

    public ScenarioBuilder capture(String host, String device, String filter) {
        captures.add(new CapturePoint(host, device, filter));
        return this;
    }

    /** The root cause the diagnosis must name, with attributes the finding must carry. */
    public ScenarioBuilder expect(String cause, Map<String, String> attributes) {
        this.expectation = new Expectation(cause, attributes);
        return this;
    }

    /** Throws one line naming what is missing or wrong. */
    public Scenario build() {
        if (cluster == null || fault == null) {
            throw new IllegalArgumentException("scenario " + name + " needs "
                    + (cluster == null ? "a cluster (cluster(ClusterSpec))" : "a fault (fault(name, params))"));
        }
        FaultRegistry.load().validate(fault);
        if (expectation != null) {
            expectation.checkKnown();
        }
        ScenarioSetup setup = new ScenarioSetup(cluster, sysctls, commands, workload, fault, captures,
                expectation, false);
        return new Scenario(name, title, "built in code", title, null, setup, List.of());
    }
}
