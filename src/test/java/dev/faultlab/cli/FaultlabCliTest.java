package dev.faultlab.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class FaultlabCliTest {
    @Test
    void aNamedSubcommandIsTheOnlyOneBuilt() {
        assertThat(FaultlabCli.commandLine(new String[]{"diagnose", "--json"}).getSubcommands().keySet())
                .containsExactly("diagnose");
    }

    @Test
    void withoutASubcommandNameEverySubcommandIsBuiltForHelpAndSuggestions() {
        assertThat(FaultlabCli.commandLine(new String[]{"diagnos"}).getSubcommands().keySet())
                .isEqualTo(FaultlabCli.commandLine().getSubcommands().keySet())
                .contains("diagnose", "run", "list");
        CliRun run = CliRun.of("diagnos");
        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("Did you mean: faultlab diagnose");
    }

    /**
     * The launcher starts the JVM with the main class by name (not -jar, which opens the shaded jar twice): that name
     * must be the one the jar's manifest gives, and this class.
     */
    @Test
    void theLauncherStartsTheJarsMainClass() throws IOException {
        Matcher launcher = Pattern.compile("(?m)^main=(\\S+)$").matcher(Files.readString(Path.of("faultlab")));
        Matcher pom = Pattern.compile("<mainClass>([^<]+)</mainClass>").matcher(Files.readString(Path.of("pom.xml")));
        assertThat(launcher.find()).as("a main= line in ./faultlab").isTrue();
        assertThat(pom.find()).as("the shade plugin's mainClass in pom.xml").isTrue();
        assertThat(launcher.group(1)).isEqualTo(pom.group(1)).isEqualTo(FaultlabCli.class.getName());
    }
}
