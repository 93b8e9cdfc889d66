package dev.faultlab.scenario;

import dev.faultlab.detect.Diagnosis;
import dev.faultlab.workload.WorkloadArgs;
import dev.faultlab.datapath.DatapathDefinition;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.faultlab.fault.FaultRegistry;
import dev.faultlab.fault.FaultSpec;
import dev.faultlab.topology.BgpDaemon;
import dev.faultlab.topology.BgpOptions;
import dev.faultlab.topology.ClusterSpec;
import dev.faultlab.topology.Datapath;
import dev.faultlab.topology.ExternalTrafficPolicy;
import dev.faultlab.topology.ServiceSpec;
import dev.faultlab.workload.ClientSpec;
import dev.faultlab.workload.RepeatUntil;
import dev.faultlab.workload.ServerSpec;
import dev.faultlab.workload.WorkloadPlan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Reads one scenario file. Each variant is the file's own sections with the variant's sections overlaid (maps
 * merge key by key, anything else replaces), then bound and checked like the defaults, so a variant states
 * only what differs. Every problem is one {@link IllegalArgumentException} line naming the file, the field and
 * the fix.
 */
final class ScenarioLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private static final Set<String> SERVER_RUNS = Set.of("tcp-server", "udp-server");
    private static final Set<String> CLIENT_RUNS = Set.of("tcp-client", "udp-client");

    private final FaultRegistry faults;

    ScenarioLoader(FaultRegistry faults) {
        this.faults = faults;
    }

    Scenario load(Path file) {
        return load(file, readTree(file));
    }

    /** A scenario from a file's tree as read (or as a catalog composed it from a file that extends another). */
    Scenario load(Path file, JsonNode tree) {
        if (!(tree instanceof ObjectNode root)) {
            throw problem(file, "", "is not a scenario: expected keys name, cluster, workload, fault, expect");
        }
        JsonNode variantsNode = root.remove("variants");
        ScenarioDocument.File doc = bind(file, root, "");
        String expectedName = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        if (doc.name() == null || !doc.name().equals(expectedName)) {
            throw problem(file, "name", "must be '" + expectedName + "' (the file name without .yaml), got '"
                    + doc.name() + "'");
        }
        ScenarioSetup setup = setup(file, doc, "");
        List<ScenarioVariant> variants = new ArrayList<>();
        if (variantsNode != null) {
            if (!variantsNode.isObject()) {
                throw problem(file, "variants", "must map variant names to overlays");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = variantsNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                variants.add(variant(file, root, entry.getKey(), entry.getValue()));
            }
        }
        return new Scenario(doc.name(), doc.title(), doc.incident(), doc.description(), file, setup, variants);
    }

    private ScenarioVariant variant(Path file, ObjectNode root, String name, JsonNode overlay) {
        String prefix = "variants." + name + ".";
        if (name.equals(ScenarioVariant.DEFAULT) || !(overlay instanceof ObjectNode overlayObject)) {
            throw problem(file, prefix, "must be a map of sections overriding the defaults, and not be named 'default'");
        }
        ObjectNode copy = overlayObject.deepCopy();
        JsonNode description = copy.remove("description");
        ObjectNode merged = root.deepCopy();
        overlay(merged, copy);
        ScenarioSetup setup = setup(file, bind(file, merged, prefix), prefix);
        return new ScenarioVariant(name, description == null ? "" : description.asText(), setup);
    }

    /** Overlays {@code top} on {@code base}: objects merge key by key, anything else replaces. */
    static void overlay(ObjectNode base, ObjectNode top) {
        top.fields().forEachRemaining(e -> {
            JsonNode under = base.get(e.getKey());
            if (under instanceof ObjectNode underObject && e.getValue() instanceof ObjectNode topObject) {
                overlay(underObject, topObject);
            } else {
                base.set(e.getKey(), e.getValue());
            }
        });
    }

    private ScenarioSetup setup(Path file, ScenarioDocument.File doc, String prefix) {
        ClusterSpec cluster = cluster(file, require(file, prefix + "cluster", doc.cluster()), prefix + "cluster.");
        Set<String> hosts = hostNames(cluster);
        List<SysctlSetting> sysctls = orEmpty(doc.sysctls());
        for (int i = 0; i < sysctls.size(); i++) {
            checkHost(file, prefix + "sysctls[" + i + "].host", sysctls.get(i).host(), hosts);
        }
        List<SetupCommand> commands = orEmpty(doc.commands());
        for (int i = 0; i < commands.size(); i++) {
            checkHost(file, prefix + "commands[" + i + "].host", commands.get(i).host(), hosts);
            if (commands.get(i).argv().isEmpty()) {
                throw problem(file, prefix + "commands[" + i + "].argv", "is missing: give the command as a list");
            }
        }
        WorkloadPlan workload = workload(file, require(file, prefix + "workload", doc.workload()), prefix, hosts);
        FaultSpec fault = require(file, prefix + "fault", doc.fault());
        require(file, prefix + "fault.name", fault.name(), () -> "name one of " + String.join(", ", faults.names()));
        guard(file, prefix + "fault.params", () -> faults.validate(fault));
        List<CapturePoint> captures = orEmpty(doc.captures());
        for (int i = 0; i < captures.size(); i++) {
            checkHost(file, prefix + "captures[" + i + "].host", captures.get(i).host(), hosts);
            require(file, prefix + "captures[" + i + "].device", captures.get(i).device());
        }
        if (doc.heal() != null && !doc.heal().equals("verify")) {
            throw problem(file, prefix + "heal", "must be 'verify' or left out, got '" + doc.heal() + "'");
        }
        return new ScenarioSetup(cluster, sysctls, commands, workload, fault, captures,
                expectation(file, doc.expect(), prefix), doc.heal() != null);
    }

    private ClusterSpec cluster(Path file, ScenarioDocument.ClusterSection section, String prefix) {
        int nodes = require(file, prefix + "nodes", section.nodes());
        String datapathId = require(file, prefix + "datapath", section.datapath(),
                () -> "use one of " + String.join(", ", DatapathDefinition.registry().keys()));
        Datapath datapath = guard(file, prefix + "datapath",
                () -> DatapathDefinition.registry().get(datapathId).datapath());
        ScenarioDocument.BgpSection bgp = section.bgp();
        BgpOptions defaults = BgpOptions.labDefaults();
        BgpDaemon daemon = bgp == null || bgp.daemon() == null ? defaults.daemon()
                : guard(file, prefix + "bgp.daemon", () -> BgpDaemon.fromId(bgp.daemon()));
        BgpOptions bgpOptions = bgp == null ? defaults : new BgpOptions(
                Objects.requireNonNullElse(bgp.holdTime(), defaults.holdTimeSeconds()),
                Objects.requireNonNullElse(bgp.keepalive(), defaults.keepaliveSeconds()),
                Objects.requireNonNullElse(bgp.gracefulRestart(), defaults.gracefulRestart()),
                Objects.requireNonNullElse(bgp.restartTime(), defaults.restartTimeSeconds()),
                daemon);
        List<ScenarioDocument.ServiceSection> services = orEmpty(section.services());
        List<ServiceSpec> serviceSpecs = new ArrayList<>();
        for (int i = 0; i < services.size(); i++) {
            serviceSpecs.add(service(file, services.get(i), prefix + "services[" + i + "]."));
        }
        return guard(file, prefix.substring(0, prefix.length() - 1), () -> new ClusterSpec(nodes,
                Objects.requireNonNullElse(section.podsPerNode(), 1), datapath, orEmpty(section.clients()),
                serviceSpecs, bgpOptions));
    }

    private ServiceSpec service(Path file, ScenarioDocument.ServiceSection s, String prefix) {
        String name = require(file, prefix + "name", s.name());
        int port = require(file, prefix + "port", s.port());
        String policyName = Objects.requireNonNullElse(s.policy(), "cluster");
        ExternalTrafficPolicy policy = guard(file, prefix + "policy",
                () -> policyOf(policyName));
        return new ServiceSpec(name, Objects.requireNonNullElse(s.protocol(), "tcp"), port,
                Objects.requireNonNullElse(s.targetPort(), port), Objects.requireNonNullElse(s.nodePort(), 0), policy,
                require(file, prefix + "endpoints", s.endpoints()));
    }

    private static ExternalTrafficPolicy policyOf(String name) {
        try {
            return ExternalTrafficPolicy.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + name + "' is not a policy: use cluster or local");
        }
    }

    private static WorkloadPlan workload(Path file, ScenarioDocument.WorkloadSection section, String prefix,
                                         Set<String> hosts) {
        List<ServerSpec> servers = orEmpty(section.servers());
        for (int i = 0; i < servers.size(); i++) {
            String field = prefix + "workload.servers[" + i + "]";
            checkHost(file, field + ".host", servers.get(i).host(), hosts);
            checkRun(file, field + ".run", servers.get(i).run(), SERVER_RUNS);
            ServerSpec server = servers.get(i);
            guard(file, field + ".args", () -> WorkloadArgs.check(server.args()));
            guard(file, field + ".args.port", server::port);
        }
        List<ClientSpec> clients = orEmpty(section.clients());
        for (int i = 0; i < clients.size(); i++) {
            String field = prefix + "workload.clients[" + i + "]";
            checkHost(file, field + ".host", clients.get(i).host(), hosts);
            checkRun(file, field + ".run", clients.get(i).run(), CLIENT_RUNS);
            ClientSpec client = clients.get(i);
            guard(file, field + ".args", () -> WorkloadArgs.check(client.args()));
            if (clients.get(i).to().isEmpty()) {
                throw problem(file, field + ".to", "is missing: list targets like pod-3-a:8080 or service/NAME");
            }
        }
        RepeatUntil until = section.until();
        if (until != null) {
            checkHost(file, prefix + "workload.until.host", until.host(), hosts);
            require(file, prefix + "workload.until.counter", until.counter(), () -> "name an nstat counter");
        }
        return new WorkloadPlan(servers, clients, Boolean.TRUE.equals(section.sequential()), until);
    }

    private Expectation expectation(Path file, JsonNode node, String prefix) {
        String field = prefix + "expect";
        if (node == null || node.isNull()) {
            throw problem(file, field, "is missing: write expect: {cause: ..., attributes: {...}} or expect: none");
        }
        if (node.isTextual() && node.asText().equals("none")) {
            return null;
        }
        ScenarioDocument.ExpectSection section;
        try {
            section = YAML.treeToValue(node, ScenarioDocument.ExpectSection.class);
        } catch (JsonProcessingException e) {
            throw bindingProblem(file, field + ".", e);
        }
        String cause = require(file, field + ".cause", section.cause(),
                () -> "name a cause id such as route-missing, or write expect: none");
        guard(file, field + ".cause", () -> Diagnosis.detectorOf(cause));
        Expectation expectation = new Expectation(cause, section.attributes());
        guard(file, field + ".attributes", expectation::checkKnown);
        return expectation;
    }

    private static Set<String> hostNames(ClusterSpec cluster) {
        Set<String> names = new TreeSet<>(cluster.clients());
        for (int node = 1; node <= cluster.nodes(); node++) {
            names.add(ClusterSpec.nodeName(node));
            for (int pod = 0; pod < cluster.podsPerNode(); pod++) {
                names.add(ClusterSpec.podName(node, pod));
            }
        }
        return names;
    }

    private static void checkHost(Path file, String field, String host, Set<String> hosts) {
        require(file, field, host);
        if (!hosts.contains(host)) {
            throw problem(file, field, "'" + host + "' is not a host of this cluster: use one of "
                    + String.join(", ", hosts));
        }
    }

    private static void checkRun(Path file, String field, String run, Set<String> allowed) {
        if (run == null || !allowed.contains(run)) {
            throw problem(file, field, "'" + run + "' is not a workload command here: use one of "
                    + allowed.stream().sorted().collect(Collectors.joining(", ")));
        }
    }

    static JsonNode readTree(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return YAML.readTree(in);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getOriginalMessage().lines().findFirst()
                    .orElse("") + " (line " + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + file + ": " + e.getMessage(), e);
        }
    }

    private static ScenarioDocument.File bind(Path file, JsonNode tree, String prefix) {
        try {
            return YAML.treeToValue(tree, ScenarioDocument.File.class);
        } catch (JsonProcessingException e) {
            throw bindingProblem(file, prefix, e);
        }
    }

    private static IllegalArgumentException bindingProblem(Path file, String prefix, JsonProcessingException e) {
        String path = e instanceof JsonMappingException m ? fieldPath(m) : "";
        if (e instanceof UnrecognizedPropertyException u) {
            String parent = path.contains(".") ? path.substring(0, path.lastIndexOf('.')) + "." : "";
            return problem(file, prefix + parent + u.getPropertyName(), "is not a known key: use one of "
                    + u.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")));
        }
        if (e instanceof ValueInstantiationException v && v.getCause() instanceof IllegalArgumentException cause) {
            return problem(file, prefix + path, "is invalid: " + cause.getMessage());
        }
        return problem(file, prefix + path, "has the wrong type: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static <T> T require(Path file, String field, T value) {
        return require(file, field, value, () -> "add it");
    }

    private static <T> T require(Path file, String field, T value, Supplier<String> fix) {
        if (value == null) {
            throw problem(file, field, "is missing: " + fix.get());
        }
        return value;
    }

    private static <T> T guard(Path file, String field, Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException e) {
            throw problem(file, field, e.getMessage());
        }
    }

    private static void guard(Path file, String field, Runnable step) {
        guard(file, field, () -> {
            step.run();
            return null;
        });
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static IllegalArgumentException problem(Path file, String field, String message) {
        return new IllegalArgumentException(file + ": " + (field.isEmpty() ? "" : field + " ") + message);
    }
}
