package dev.faultlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.faultlab.scenario.report.MatrixShard;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CI templates in {@code ci/}, read with a YAML parser: every {@code faultlab} command they run parses
 * against the CLI's own command spec (subcommand and options exist, values fit), the shards of one CI run
 * cover the matrix exactly once, and what they publish and upload is what the matrix writes.
 */
class CiTemplatesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> SHELL_OPERATORS = Set.of("&&", "||", ";", "|", ">", ">>", "2>", "2>&1", "&");

    @Test
    void githubActionsRunsTheMatrixInShardsAndPublishesWhatItWrites() throws IOException {
        JsonNode workflow = YAML.readTree(Path.of("ci/github-actions.yml").toFile());
        JsonNode job = workflow.get("jobs").elements().next();
        List<Integer> shards = new ArrayList<>();
        job.at("/strategy/matrix/shard").forEach(s -> shards.add(s.asInt()));
        assertThat(shards).isNotEmpty();

        List<List<String>> matrixRuns = new ArrayList<>();
        for (int shard : shards) {
            UnaryOperator<String> expand = s -> s.replace("${{ matrix.shard }}", Integer.toString(shard));
            List<List<String>> commands = faultlabCommands(runScripts(job.get("steps"), "run"), expand);
            assertThat(commands).as("faultlab commands").isNotEmpty().allSatisfy(CiTemplatesTest::parsesInTheCli);
            matrixRuns.addAll(commands.stream().filter(c -> c.get(0).equals("matrix")).toList());
        }
        assertCoverEveryShardOnce(matrixRuns);

        List<String> first = matrixRuns.get(0);
        String junit = option(first, "--junit-xml");
        String published = step(job, "mikepenz/action-junit-report").at("/with/report_paths").asText();
        assertThat(FileSystems.getDefault().getPathMatcher("glob:" + published).matches(Path.of(junit)))
                .as("%s publishes %s", published, junit).isTrue();
        assertCollectsFrom(runScripts(job.get("steps"), "run"), option(first, "--out"));
        JsonNode upload = step(job, "actions/upload-artifact");
        assertThat(upload.get("if").asText()).isEqualTo("failure()");
        assertThat(collectDestination(runScripts(job.get("steps"), "run"))).isEqualTo(
                upload.at("/with/path").asText().replaceAll("/$", ""));
    }

    @Test
    void gitlabCiRunsTheMatrixInShardsAndPublishesWhatItWrites() throws IOException {
        JsonNode pipeline = YAML.readTree(Path.of("ci/gitlab-ci.yml").toFile());
        JsonNode job = pipeline.get("faultlab-matrix");
        int total = job.get("parallel").asInt();
        assertThat(total).isGreaterThan(1);
        List<String> scripts = new ArrayList<>();
        for (String section : List.of("before_script", "script", "after_script")) {
            job.path(section).forEach(line -> scripts.add(line.asText()));
        }

        List<List<String>> matrixRuns = new ArrayList<>();
        for (int index = 1; index <= total; index++) {
            int node = index;
            UnaryOperator<String> expand = s -> s.replace("${CI_NODE_INDEX}", Integer.toString(node))
                    .replace("${CI_NODE_TOTAL}", Integer.toString(total));
            List<List<String>> commands = faultlabCommands(scripts, expand);
            assertThat(commands).isNotEmpty().allSatisfy(CiTemplatesTest::parsesInTheCli);
            matrixRuns.addAll(commands.stream().filter(c -> c.get(0).equals("matrix")).toList());
        }
        assertCoverEveryShardOnce(matrixRuns);

        List<String> first = matrixRuns.get(0);
        assertThat(job.at("/artifacts/reports/junit").asText()).isEqualTo(option(first, "--junit-xml"));
        assertCollectsFrom(scripts, option(first, "--out"));
        assertThat(job.at("/artifacts/paths").toString()).contains(collectDestination(scripts));
        assertThat(job.at("/artifacts/when").asText()).isEqualTo("always");
    }

    @Test
    void aCommandTheCliDoesNotHaveIsCaught() {
        List<List<String>> commands = faultlabCommands(List.of("sudo ./faultlab matrix --shards 1/3"), s -> s);

        assertThat(commands).singleElement().satisfies(c -> assertThat(parseError(c)).contains("--shards"));
        assertThat(parseError(List.of("matrics"))).isNotNull();
    }

    private static void parsesInTheCli(List<String> args) {
        assertThat(parseError(args)).as("faultlab %s", String.join(" ", args)).isNull();
        ParseResult parsed = FaultlabCli.commandLine().parseArgs(args.toArray(String[]::new));
        assertThat(parsed.hasSubcommand()).as("faultlab %s names a subcommand", args).isTrue();
    }

    private static String parseError(List<String> args) {
        try {
            FaultlabCli.commandLine().parseArgs(args.toArray(String[]::new));
            return null;
        } catch (CommandLine.ParameterException e) {
            return e.getMessage();
        }
    }

    private static void assertCoverEveryShardOnce(List<List<String>> matrixRuns) {
        assertThat(matrixRuns).isNotEmpty();
        Set<Integer> counts = new TreeSet<>();
        List<Integer> indices = new ArrayList<>();
        for (List<String> run : matrixRuns) {
            MatrixShard shard = MatrixShard.parse(option(run, "--shard"));
            counts.add(shard.count());
            indices.add(shard.index());
        }
        assertThat(counts).as("one shard count").hasSize(1);
        assertThat(indices).containsExactlyElementsOf(IntStream.rangeClosed(1, counts.iterator().next()).boxed().toList());
    }

    private static void assertCollectsFrom(List<String> scripts, String matrixOut) {
        assertThat(scripts.stream().filter(s -> s.contains("ci/collect-failed-runs.sh")))
                .singleElement().satisfies(s -> assertThat(words(s)).containsSubsequence("ci/collect-failed-runs.sh", matrixOut));
        assertThat(Path.of("ci/collect-failed-runs.sh")).isExecutable();
    }

    private static String collectDestination(List<String> scripts) {
        List<String> words = words(scripts.stream().filter(s -> s.contains("ci/collect-failed-runs.sh")).findFirst().orElseThrow());
        return words.get(words.indexOf("ci/collect-failed-runs.sh") + 2);
    }

    private static JsonNode step(JsonNode job, String action) {
        for (JsonNode step : job.get("steps")) {
            if (step.path("uses").asText().startsWith(action + "@")) {
                return step;
            }
        }
        throw new AssertionError("no step uses " + action);
    }

    private static List<String> runScripts(JsonNode steps, String key) {
        List<String> scripts = new ArrayList<>();
        steps.forEach(s -> {
            if (s.has(key)) {
                scripts.add(s.get(key).asText());
            }
        });
        return scripts;
    }

    /** The arguments after each {@code faultlab} (or {@code ./faultlab}) word, up to a shell operator. */
    static List<List<String>> faultlabCommands(List<String> scripts, UnaryOperator<String> expand) {
        List<List<String>> commands = new ArrayList<>();
        for (String script : scripts) {
            for (String line : expand.apply(script).replace("\\\n", " ").split("\n")) {
                List<String> words = words(line);
                for (int i = 0; i < words.size(); i++) {
                    if (words.get(i).equals("faultlab") || words.get(i).endsWith("/faultlab")) {
                        List<String> args = new ArrayList<>();
                        for (int j = i + 1; j < words.size() && !SHELL_OPERATORS.contains(words.get(j)); j++) {
                            args.add(words.get(j));
                        }
                        commands.add(args);
                    }
                }
            }
        }
        return commands;
    }

    /** Shell words of one line: blanks split, single and double quotes group. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"|'([^']*)'|(\\S+)").matcher(line);
        while (m.find()) {
            words.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
        }
        return words;
    }

    private static String option(List<String> args, String name) {
        int i = args.indexOf(name);
        assertThat(i).as("%s in faultlab %s", name, args).isNotNegative();
        return args.get(i + 1);
    }
}
