package dev.faultlab.reproduce;

import dev.faultlab.Registry;
import dev.faultlab.backend.BackendSettings;
import dev.faultlab.detect.Diagnosis;
import dev.faultlab.detect.DiagnosisReport;
import dev.faultlab.detect.Finding;
import dev.faultlab.fault.FaultRegistry;
import dev.faultlab.scenario.RunOptions;
import dev.faultlab.scenario.Scenario;
import dev.faultlab.scenario.ScenarioCatalog;
import dev.faultlab.scenario.ScenarioResult;
import dev.faultlab.scenario.ScenarioRunner;
import dev.faultlab.scenario.report.ReportWriter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reproduce pipeline: diagnose the customer's evidence, regenerate the scenario of its top root cause with the
 * customer's parameters, run it with and without the fault, and compare.
 */
public final class Reproducer {
    /** Suffix of a regenerated scenario's name (and file), after its template's name. */
    public static final String NAME_SUFFIX = "-reproduced";
    private static final Pattern FLOW_RESULT = Pattern.compile("^(\\d+)/(\\d+) ok");
    private static final String HEAL_NOTE = "after heal: ";

    /**
     * @param catalog   the scenarios to choose templates from
     * @param outDir    where the scenario and the lab runs go
     * @param backend   the lab backend
     * @param backendSettings its kubeconfig and images
     * @param run       false to write the scenario only
     * @param verifyFix heal the fault after the fault run and require every client to succeed
     * @param progress  receives progress lines
     */
    public record Options(ScenarioCatalog catalog, Path outDir, String backend, BackendSettings backendSettings,
                          boolean run, boolean verifyFix,
                          Consumer<String> progress) {
    }

    private Reproducer() {
    }

    public static ReproduceOutcome reproduce(CustomerEvidence evidence, Options options) {
        List<String> notes = new ArrayList<>(evidence.gaps());
        DiagnosisReport customer = Diagnosis.analyze(evidence.captures(), evidence.stateDirs());
        if (customer.rootCauses().isEmpty()) {
            return new ReproduceOutcome(customer, null, null, null, List.of(), null, null, null, null, notes);
        }
        Finding rootCause = customer.rootCauses().get(0);
        ScenarioTemplate template = ScenarioTemplate.forFinding(options.catalog(), rootCause);
        List<FilledValue> filled = new ArrayList<>(parametersFor(rootCause.cause())
                .map(p -> p.fill(rootCause, evidence, template))
                .orElseGet(() -> {
                    notes.add("no parameter class for " + rootCause.cause() + ": the scenario keeps "
                            + template.scenario().name() + "'s own parameters");
                    return List.of();
                }));
        datapathNote(evidence, template, filled).ifPresent(notes::add);
        VxlanPort.of(evidence.captures()).ifPresent(port -> {
            filled.addAll(port.fill(template));
            port.mismatch(template).ifPresent(notes::add);
        });
        String fault = template.get("fault.name");
        if (options.verifyFix()) {
            if (heals(fault)) {
                filled.add(FilledValue.of("heal", "verify", "--verify-fix: heal " + fault
                        + " after the failure and drive the clients again"));
            } else {
                notes.add("--verify-fix: fault " + fault + " has no heal in faultlab, so the lab cannot show the fix;"
                        + " apply the finding's remedy by hand: " + rootCause.remediation());
            }
        }
        filled.add(FilledValue.of("incident", "customer evidence: " + evidence.captures().size() + " captures, "
                + evidence.stateDirs().size() + " state snapshots", "the inputs of faultlab reproduce"));
        filled.forEach(v -> template.set(v.path(), v.value()));
        Path file = template.write(options.outDir().resolve("scenario"), template.scenario().name() + NAME_SUFFIX,
                header(rootCause, template), filled);
        Scenario scenario = ScenarioCatalog.load(file.getParent()).find(file.toString());
        options.progress().accept("scenario: " + file + " (from " + template.scenario().name() + ", "
                + filled.size() + " values from the customer's evidence)");
        if (!options.run()) {
            return new ReproduceOutcome(customer, rootCause, template.scenario().name(), file, filled, null, null,
                    null, null, notes);
        }
        RunOptions run = new RunOptions(null, false, options.outDir().resolve("lab-fault"), false, options.backend(),
                options.backendSettings(), options.progress());
        ScenarioResult faultRun = ScenarioRunner.run(scenario, run);
        ScenarioResult baselineRun = ScenarioRunner.run(scenario, run.withNoFault(true)
                .withOutDir(options.outDir().resolve("lab-no-fault")));
        Comparison comparison = compare(rootCause, filled, scenario, faultRun, baselineRun,
                options.verifyFix() && heals(fault));
        List<String> reports = new ArrayList<>();
        for (ScenarioResult result : List.of(faultRun, baselineRun)) {
            Path html = ReportWriter.write(result).html();
            reports.add(options.outDir().toAbsolutePath().relativize(html.toAbsolutePath()).toString());
        }
        Path page = ComparisonPage.write(options.outDir(), rootCause.cause() + " " + rootCause.attributes(), file,
                filled, comparison, reports);
        return new ReproduceOutcome(customer, rootCause, template.scenario().name(), file, filled, faultRun,
                baselineRun, comparison, page, notes);
    }

    static Comparison compare(Finding rootCause, List<FilledValue> filled, Scenario scenario, ScenarioResult faultRun,
                              ScenarioResult baselineRun, boolean healAsked) {
        Map<String, String> labSpelling = new HashMap<>();
        filled.stream().filter(v -> v.customerValue() != null).forEach(v -> labSpelling.put(v.customerValue(), v.value()));
        Map<String, String> customerAttributes = new LinkedHashMap<>();
        rootCause.attributes().forEach((k, v) -> customerAttributes.put(k, labSpelling.getOrDefault(v, v)));
        Signature customer = Signature.of(rootCause, null);
        customer = new Signature(customer.cause(), customerAttributes, customer.retransmission(),
                customer.countersRose(), customer.failedPeers());
        List<Finding> labRoots = faultRun.diagnosis() == null ? List.of() : faultRun.diagnosis().rootCauses();
        Signature lab = labRoots.stream().filter(f -> f.cause().equals(rootCause.cause())).findFirst()
                .or(() -> labRoots.stream().findFirst()).map(f -> Signature.of(f, null)).orElse(Signature.none());
        Set<String> compared = new TreeSet<>();
        if (scenario.expectation() != null) {
            scenario.expectation().attributes().forEach((k, v) -> {
                if (!v.contains("${")) {
                    compared.add(k);
                }
            });
        }
        Set<String> baseline = new TreeSet<>();
        if (baselineRun.diagnosis() != null) {
            baselineRun.diagnosis().rootCauses().forEach(f -> baseline.add(f.cause()));
        } else {
            baseline.add("(baseline run failed: " + baselineRun.verdict() + ")");
        }
        Boolean healed = healAsked ? allOk(faultRun.notes()) : null;
        Set<String> timingCounters = parametersFor(rootCause.cause()).map(CauseParameters::arrivalTimingCounters)
                .orElse(Set.of());
        return Comparison.of(customer, lab, compared, timingCounters, baseline, healed);
    }

    /**
     * A line when the customer's state shows another datapath than the scenario runs (a cause class that can move
     * the scenario to the customer's datapath fills {@code cluster.datapath} itself).
     */
    private static Optional<String> datapathNote(CustomerEvidence evidence, ScenarioTemplate template,
                                                           List<FilledValue> filled) {
        if (filled.stream().anyMatch(v -> v.path().equals(Datapaths.PATH))) {
            return Optional.empty();
        }
        String ours = template.get(Datapaths.PATH);
        return Datapaths.ofHosts(evidence.hosts()).filter(theirs -> !theirs.value().equals(ours))
                .map(theirs -> "the customer runs " + theirs.value() + " (" + theirs.source() + "); "
                        + template.scenario().name() + " reproduces the cause on " + ours);
    }

    /** Whether every client flow the lab drove after the heal succeeded (false when none ran). */
    private static boolean allOk(Map<String, String> notes) {
        List<String> afterHeal = notes.entrySet().stream().filter(e -> e.getKey().startsWith(HEAL_NOTE))
                .map(Map.Entry::getValue).toList();
        return !afterHeal.isEmpty() && afterHeal.stream().allMatch(s -> {
            Matcher m = FLOW_RESULT.matcher(s);
            return m.find() && m.group(1).equals(m.group(2));
        });
    }

    /** Whether a fault undoes itself: it overrides {@link Fault#heal}, whose default does nothing. */
    private static boolean heals(String faultName) {
        return FaultRegistry.load().named(faultName).heals();
    }

    private static Optional<CauseParameters> parametersFor(String cause) {
        return Registry.of(CauseParameters.class, "cause parameters", CauseParameters::cause).find(cause);
    }

    private static List<String> header(Finding rootCause, ScenarioTemplate template) {
        return List.of("Regenerated by 'faultlab reproduce' from a customer's evidence.",
                "Customer's root cause: " + rootCause.cause() + " " + rootCause.attributes(),
                "Template: " + template.scenario().source() + " (values without a '# from' comment are the template's).",
                "Run it with 'faultlab run FILE.yaml', or copy it into lab-scenarios/ or a test's resources as a"
                        + " regression test.");
    }
}
