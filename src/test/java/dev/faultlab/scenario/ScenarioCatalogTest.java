package dev.faultlab.scenario;

import dev.faultlab.topology.BgpDaemon;
import dev.faultlab.topology.Datapath;
import dev.faultlab.topology.ExternalTrafficPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioCatalogTest {
    @TempDir
    Path dir;

    @Test
    void loadsTheSevenIncidentScenarios() {
        ScenarioCatalog catalog = ScenarioCatalog.loadDefault();

        assertThat(catalog.all()).extracting(Scenario::name).containsExactly(
                "bridge-nf-call-iptables-off", "flannel-mac-change", "kube-router-kill", "listen-backlog-overflow",
                "nat-timestamp-clients", "nodeport-snat-tuple-reuse", "tunl0-mtu-blackhole");
        assertThat(catalog.all()).allSatisfy(s -> {
            assertThat(s.title()).isNotBlank();
            assertThat(s.description()).isNotBlank();
            assertThat(s.captures()).isNotEmpty();
            assertThat(s.expectation()).isNotNull();
        });
    }

    @Test
    void variantsOverlayOnlyWhatTheyChange() {
        Scenario kill = ScenarioCatalog.loadDefault().find("kube-router-kill");

        assertThat(kill.variantNames()).containsExactly("default", "graceful-restart", "hung", "asymmetric", "gobgpd",
                "embedded");
        ScenarioSetup graceful = kill.setup("graceful-restart");
        assertThat(graceful.cluster().bgp().gracefulRestart()).isTrue();
        assertThat(graceful.cluster().bgp().restartTimeSeconds()).isEqualTo(3);
        assertThat(graceful.cluster().bgp().holdTimeSeconds()).isEqualTo(3);
        assertThat(graceful.fault()).isEqualTo(kill.fault());
        assertThat(graceful.workload()).isEqualTo(kill.workload());
        assertThat(kill.setup("hung").fault().params()).containsEntry("signal", "stop").containsEntry("node", "node-3");
        assertThat(kill.setup("asymmetric").expectation().attributes()).containsEntry("direction", "return")
                .containsEntry("node", "node-3");
        assertThat(kill.setup("asymmetric").workload().clients()).singleElement()
                .satisfies(c -> assertThat(c.host()).isEqualTo("pod-3-a"));
        assertThat(kill.cluster().datapath()).isEqualTo(Datapath.BGP);
        assertThat(kill.cluster().bgp().daemon()).isEqualTo(BgpDaemon.BIRD);
        assertThat(kill.setup("gobgpd").cluster().bgp().daemon()).isEqualTo(BgpDaemon.GOBGPD);
        assertThat(kill.setup("embedded").cluster().bgp().daemon()).isEqualTo(BgpDaemon.EMBEDDED);
        assertThat(kill.setup("embedded").cluster().bgp().holdTimeSeconds()).as("only the daemon changes")
                .isEqualTo(kill.cluster().bgp().holdTimeSeconds());
        assertThat(kill.setup("gobgpd").cluster().bgp().holdTimeSeconds()).isEqualTo(3);
        assertThat(kill.expectation().attributes()).containsEntry("podCidr", "10.244.3.0/24");
    }

    @Test
    void variantsWithExpectNoneAreListed() {
        ScenarioCatalog catalog = ScenarioCatalog.loadDefault();

        assertThat(catalog.find("tunl0-mtu-blackhole").noRootCauseVariants()).containsExactly("icmp-delivered");
        Scenario nodePort = catalog.find("nodeport-snat-tuple-reuse");
        assertThat(nodePort.noRootCauseVariants()).containsExactly("policy-local");
        assertThat(nodePort.setup("policy-local").cluster().services().get(0).policy())
                .isEqualTo(ExternalTrafficPolicy.LOCAL);
        assertThat(catalog.find("kube-router-kill").noRootCauseVariants()).isEmpty();
    }

    @Test
    void findsAFileByPath() throws IOException {
        Path file = write("mine.yaml", minimal("mine"));

        Scenario scenario = ScenarioCatalog.loadDefault().find(file.toString());

        assertThat(scenario.name()).isEqualTo("mine");
        assertThat(scenario.source()).isEqualTo(file);
    }

    @Test
    void unknownScenarioAndVariantNameTheChoices() {
        ScenarioCatalog catalog = ScenarioCatalog.loadDefault();

        assertThatThrownBy(() -> catalog.find("nope")).hasMessageContaining("no scenario 'nope'")
                .hasMessageContaining("kube-router-kill");
        assertThatThrownBy(() -> catalog.find("kube-router-kill").setup("nope"))
                .hasMessageContaining("no variant 'nope'").hasMessageContaining("graceful-restart");
    }

    /** A one-place edit of a valid file, and the start of the one-line error it must produce. */
    static Stream<Arguments> brokenFiles() {
        return Stream.of(
                Arguments.of("  params: {node: node-1}", "  params: {node: node-1}\n  parms: {}",
                        "fault.parms is not a known key: use one of name, params"),
                Arguments.of("run: tcp-client,", "run: tcp-client, tagets: [x],",
                        "workload.clients[0].tagets is not a known key"),
                Arguments.of("  name: bridge-nf-call-iptables-off\n", "",
                        "fault.name is missing: name one of bridge-nf-call-iptables-off, listen-backlog"),
                Arguments.of("params: {node: node-1}", "params: {node: node-1, mtu: 9}",
                        "fault.params fault bridge-nf-call-iptables-off has no parameter 'mtu'; known: node"),
                Arguments.of("datapath: flannel-vxlan", "datapath: vxlan",
                        "cluster.datapath unknown datapath 'vxlan': use one of flannel-vxlan, bgp, ipip"),
                Arguments.of("host: pod-1-b, run: tcp-server", "host: pod-7-b, run: tcp-server",
                        "workload.servers[0].host 'pod-7-b' is not a host of this cluster: use one of node-1, pod-1-a"),
                Arguments.of("expect: {cause: bridge-netfilter-off}\n", "",
                        "expect is missing: write expect: {cause: ..., attributes: {...}} or expect: none"),
                Arguments.of("    - {host: pod-1-a, run: tcp-client, to: [service/web]}",
                        "    - {host: pod-1-a, run: tcp-client}", "workload.clients[0].to is missing"),
                Arguments.of("workload:\n", "workload:\n  until: {host: pod-1-b, counter: TcpExtListenDrops, rounds: 0}\n",
                        "workload.until is invalid: until.rounds must be between 1 and 100, got 0"),
                Arguments.of("nodes: 1", "nodes: one", "cluster.nodes has the wrong type"),
                Arguments.of("datapath: flannel-vxlan", "datapath: bgp\n  bgp: {daemon: quagga}",
                        "cluster.bgp.daemon unknown BGP daemon 'quagga': use one of bird, gobgpd, embedded"),
                Arguments.of("params: {node: node-1}", "params: {nod: node-1}",
                        "fault.params fault bridge-nf-call-iptables-off has no parameter 'nod'; known: node"),
                Arguments.of("params: {node: node-1}", "params: {}",
                        "fault.params fault bridge-nf-call-iptables-off needs parameter 'node'"),
                Arguments.of("expect: {cause: bridge-netfilter-off}", "expect: {cause: bridge-netfilter-of}",
                        "expect.cause unknown cause 'bridge-netfilter-of': use one of "),
                Arguments.of("expect: {cause: bridge-netfilter-off}",
                        "expect: {cause: bridge-netfilter-off, attributes: {nod: node-1}}",
                        // the known list is the detector's own declaration (DetectorAttributesTest keeps it true)
                        "expect.attributes 'nod' is not an attribute of cause bridge-netfilter-off; known: client, node,"),
                Arguments.of("args: {port: 8080}", "args: {port: 8080, backlg: 4}",
                        "workload.servers[0].args 'backlg' is not a workload option; known: close-first"),
                Arguments.of("to: [service/web]}", "to: [service/web], args: {cont: 3}}",
                        "workload.clients[0].args 'cont' is not a workload option; known: "));
    }

    @ParameterizedTest
    @MethodSource("brokenFiles")
    void aBrokenFileIsOneLineNamingFileAndField(String from, String to, String message) throws IOException {
        String yaml = minimal("bad");
        assertThat(yaml).contains(from);
        write("bad.yaml", yaml.replace(from, to));

        assertThatThrownBy(() -> ScenarioCatalog.load(dir))
                .hasMessageStartingWith(dir.resolve("bad.yaml") + ": " + message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void errorInAVariantNamesTheVariant() throws IOException {
        write("bad.yaml", minimal("bad") + "variants:\n  broken:\n    cluster: {datapath: gre}\n");

        assertThatThrownBy(() -> ScenarioCatalog.load(dir))
                .hasMessageContaining("bad.yaml: variants.broken.cluster.datapath unknown datapath 'gre'");
    }

    @Test
    void nameMustMatchTheFile() throws IOException {
        write("other.yaml", minimal("bad"));

        assertThatThrownBy(() -> ScenarioCatalog.load(dir))
                .hasMessageContaining("other.yaml: name must be 'other'");
    }

    @Test
    void brokenYamlIsOneLine() throws IOException {
        write("bad.yaml", "name: [unclosed\n");

        assertThatThrownBy(() -> ScenarioCatalog.load(dir))
                .hasMessageStartingWith(dir.resolve("bad.yaml") + ": not valid YAML")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void theBuiltInsAreTheRepositoryCatalogShippedAsResources() throws IOException {
        ScenarioCatalog builtIn = ScenarioCatalog.builtIn();

        assertThat(builtIn.layers()).containsExactly("built-in");
        try (Stream<Path> files = Files.list(ScenarioCatalog.DEFAULT_DIR)) {
            assertThat(builtIn.all()).extracting(Scenario::name).containsExactlyElementsOf(
                    files.map(f -> f.getFileName().toString().replace(".yaml", "")).sorted().toList());
        }
        assertThat(builtIn.find("kube-router-kill").variantNames())
                .isEqualTo(ScenarioCatalog.load(ScenarioCatalog.DEFAULT_DIR).find("kube-router-kill").variantNames());
    }

    @Test
    void aProjectWithoutScenarioFilesSeesTheBuiltIns() {
        ScenarioCatalog catalog = ScenarioCatalog.resolve(null, dir);

        assertThat(catalog.layers()).containsExactly("built-in");
        assertThat(catalog.find("tunl0-mtu-blackhole").variantNames()).contains("icmp-delivered");
    }

    @Test
    void explicitDirectoryThenProjectDirectoryThenBuiltIns() throws IOException {
        Path project = Files.createDirectories(dir.resolve("project/lab-scenarios"));
        Files.writeString(project.resolve("mine.yaml"), minimal("mine"));
        Files.writeString(project.resolve("tunl0-mtu-blackhole.yaml"), minimal("tunl0-mtu-blackhole"));
        Path explicit = Files.createDirectories(dir.resolve("explicit"));
        Files.writeString(explicit.resolve("mine.yaml"), minimal("mine").replace("nodes: 1", "nodes: 1\n  clients: [ext]"));

        ScenarioCatalog catalog = ScenarioCatalog.resolve(explicit, project.getParent());

        assertThat(catalog.layers()).containsExactly(explicit.toString(), project.toString(), "built-in");
        assertThat(catalog.find("mine").cluster().clients()).containsExactly("ext");
        assertThat(catalog.find("mine").source()).isEqualTo(explicit.resolve("mine.yaml"));
        assertThat(catalog.find("tunl0-mtu-blackhole").cluster().datapath()).isEqualTo(Datapath.FLANNEL_VXLAN);
        assertThat(catalog.find("tunl0-mtu-blackhole").variantNames()).containsExactly("default");
        assertThat(catalog.find("kube-router-kill").cluster().datapath()).isEqualTo(Datapath.BGP);
        assertThat(catalog.all()).extracting(Scenario::name).containsExactly("mine");
        assertThat(ScenarioCatalog.resolve(null, project.getParent()).all()).extracting(Scenario::name)
                .contains("mine", "kube-router-kill", "tunl0-mtu-blackhole").doesNotHaveDuplicates();
    }

    @Test
    void aFileExtendingABuiltInAddsVariantsAndKeepsTheRest() throws IOException {
        Path project = Files.createDirectories(dir.resolve("lab-scenarios"));
        Files.writeString(project.resolve("tunl0-mtu-blackhole.yaml"), String.join("\n",
                "extends: tunl0-mtu-blackhole",
                "variants:",
                "  two-pods:",
                "    description: a second pod per node",
                "    cluster: {podsPerNode: 2}", ""));
        Files.writeString(project.resolve("my-mtu.yaml"), "extends: tunl0-mtu-blackhole\ntitle: mine\n");

        ScenarioCatalog catalog = ScenarioCatalog.resolve(null, dir);
        Scenario builtIn = ScenarioCatalog.builtIn().find("tunl0-mtu-blackhole");
        Scenario extended = catalog.find("tunl0-mtu-blackhole");

        assertThat(extended.variantNames()).containsExactly("default", "icmp-delivered", "two-pods");
        assertThat(extended.setup("two-pods").cluster().podsPerNode()).isEqualTo(2);
        assertThat(extended.setup("two-pods").cluster().datapath()).isEqualTo(builtIn.cluster().datapath());
        assertThat(extended.fault()).isEqualTo(builtIn.fault());
        assertThat(extended.workload()).isEqualTo(builtIn.workload());
        assertThat(extended.source()).isEqualTo(project.resolve("tunl0-mtu-blackhole.yaml"));
        Scenario mine = catalog.find("my-mtu");
        assertThat(mine.title()).isEqualTo("mine");
        assertThat(mine.cluster()).isEqualTo(builtIn.cluster());
        assertThat(mine.variantNames()).isEqualTo(builtIn.variantNames());
    }

    @Test
    void aBrokenFileShadowingABuiltInSaysSoInOneLine() throws IOException {
        Path project = Files.createDirectories(dir.resolve("lab-scenarios"));
        Files.writeString(project.resolve("tunl0-mtu-blackhole.yaml"), minimal("tunl0-mtu-blackhole")
                .replace("datapath: flannel-vxlan", "datapath: vxlan"));

        assertThatThrownBy(() -> ScenarioCatalog.resolve(null, dir))
                .hasMessageStartingWith(project.resolve("tunl0-mtu-blackhole.yaml") + ": cluster.datapath unknown")
                .hasMessageContaining("replaces the built-in scenario 'tunl0-mtu-blackhole'")
                .hasMessageContaining("extends: tunl0-mtu-blackhole")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aBrokenProjectFileGivenByPathIsNotSaidToReplaceItself() throws IOException {
        Path project = Files.createDirectories(dir.resolve("lab-scenarios"));
        Path file = Files.writeString(project.resolve("mine.yaml"), minimal("mine").replace("nodes: 1", "nodes: one"));
        ScenarioCatalog catalog = ScenarioCatalog.resolve(Files.createDirectories(dir.resolve("empty")), dir);

        assertThatThrownBy(() -> catalog.file(file))
                .hasMessageStartingWith(file + ": cluster.nodes has the wrong type")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("replaces"));
    }

    @Test
    void extendingAnUnknownScenarioNamesTheChoices() throws IOException {
        write("mine.yaml", "extends: tunl0-mtu-blackhol\n");

        assertThatThrownBy(() -> ScenarioCatalog.load(dir))
                .hasMessageStartingWith(dir.resolve("mine.yaml") + ": extends 'tunl0-mtu-blackhol' is not a scenario of built-in")
                .hasMessageContaining("tunl0-mtu-blackhole");
    }

    @Test
    void aMissingExplicitDirectoryNamesTheFix() {
        assertThatThrownBy(() -> ScenarioCatalog.resolve(dir.resolve("nope"), dir))
                .hasMessage("scenario directory " + dir.resolve("nope") + " not found: pass an existing directory,"
                        + " or leave it out to use ./lab-scenarios and the built-ins");
    }

    @Test
    void builtInsReadFromAJarStayUsableAfterItIsClosed() throws IOException {
        Path jar = dir.resolve("faultlab.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.list(ScenarioCatalog.DEFAULT_DIR)) {
            for (Path f : files.sorted().toList()) {
                zip.putNextEntry(new ZipEntry(CatalogLayer.RESOURCE_DIR + "/" + f.getFileName()));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Path extending = Files.writeString(dir.resolve("my-mtu.yaml"), "extends: tunl0-mtu-blackhole\n");

        ScenarioCatalog catalog = new ScenarioCatalog(List.of(CatalogLayer.directory(mine), CatalogLayer.builtIn(jar)), 1);

        assertThat(catalog.all()).isEmpty();
        assertThat(catalog.find("kube-router-kill").variantNames()).contains("gobgpd");
        assertThat(catalog.file(extending).variantNames()).containsExactly("default", "icmp-delivered");
        assertThat(catalog.find("tunl0-mtu-blackhole").source().toString())
                .isEqualTo("/" + CatalogLayer.RESOURCE_DIR + "/tunl0-mtu-blackhole.yaml");
    }

    @Test
    void aJarWithoutBuiltInsSaysToRebuild() throws IOException {
        Path jar = dir.resolve("empty.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.closeEntry();
        }

        assertThatThrownBy(() -> CatalogLayer.builtIn(jar)).hasMessageEndingWith("rebuild faultlab with 'mvn install'");
    }

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    static String minimal(String name) {
        return """
                name: %s
                title: t
                incident: i
                description: d
                cluster:
                  nodes: 1
                  podsPerNode: 2
                  datapath: flannel-vxlan
                  services:
                    - {name: web, port: 80, targetPort: 8080, endpoints: [pod-1-b]}
                workload:
                  servers:
                    - {host: pod-1-b, run: tcp-server, args: {port: 8080}}
                  clients:
                    - {host: pod-1-a, run: tcp-client, to: [service/web]}
                fault:
                  name: bridge-nf-call-iptables-off
                  params: {node: node-1}
                captures:
                  - {host: node-1, device: cni0}
                expect: {cause: bridge-netfilter-off}
                """.formatted(name);
    }
}
