package dev.faultlab.cli;

import org.junit.jupiter.api.Test;


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
}
