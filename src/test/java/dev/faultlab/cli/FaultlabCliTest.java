package dev.faultlab.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

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
        StringWriter err = new StringWriter();
        CommandLine cli = FaultlabCli.commandLine(new String[]{"diagnos"});
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("diagnos")).isNotZero();
        assertThat(err.toString()).contains("Did you mean: faultlab diagnose");
    }
}
