package dev.faultlab.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultlab.fault.FaultSpec;
import dev.faultlab.workload.ClientSpec;
import dev.faultlab.workload.RepeatUntil;
import dev.faultlab.workload.ServerSpec;

import java.util.List;
import java.util.Map;

/**
 * The scenario file format, one record per YAML section, bound strictly (an unknown key is an error). Kept apart
 * from {@link Scenario} so the file can stay friendly (defaults, names instead of types) while the model stays exact.
 */
final class ScenarioDocument {
    private ScenarioDocument() {
    }

    /** A whole file without its {@code variants} section (variants are overlaid onto it before binding). */
    record File(String name, String title, String incident, String description, ClusterSection cluster,
                List<SysctlSetting> sysctls, List<SetupCommand> commands, WorkloadSection workload, FaultSpec fault, List<CapturePoint> captures,
                JsonNode expect, String heal) {
    }

    record ClusterSection(Integer nodes, Integer podsPerNode, String datapath, List<String> clients,
                          List<ServiceSection> services, BgpSection bgp) {
    }

    record ServiceSection(String name, String protocol, Integer port, Integer targetPort, Integer nodePort,
                          String policy, List<String> endpoints) {
    }

    record BgpSection(Integer holdTime, Integer keepalive, Boolean gracefulRestart, Integer restartTime, String daemon) {
    }

    record WorkloadSection(List<ServerSpec> servers, List<ClientSpec> clients, Boolean sequential,
                           RepeatUntil until) {
    }

    record ExpectSection(String cause, Map<String, String> attributes) {
    }
}
