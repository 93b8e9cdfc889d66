package dev.faultlab.scenario;

import dev.faultlab.backend.Backend;
import dev.faultlab.backend.Cluster;
import dev.faultlab.LabException;
import dev.faultlab.capture.CaptureRequest;
import dev.faultlab.capture.CaptureStats;
import dev.faultlab.capture.LiveCapture;
import dev.faultlab.capture.state.HostStateCollector;
import dev.faultlab.detect.Diagnosis;
import dev.faultlab.detect.DiagnosisReport;
import dev.faultlab.fault.Fault;
import dev.faultlab.fault.FaultContext;
import dev.faultlab.fault.FaultRegistry;
import dev.faultlab.fault.Sysctl;
import dev.faultlab.workload.RepeatUntil;
import dev.faultlab.workload.RunningWorkload;
import dev.faultlab.workload.WorkloadBinary;
import dev.faultlab.workload.WorkloadOutcome;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One run of a scenario, step by step, so a JUnit test can stop between steps and look around (exec in a host,
 * read a counter) while {@link ScenarioRunner} simply runs them all. Steps, in order: {@link #startLab()},
 * {@link #startWorkload()}, {@link #startCaptures()}, {@link #snapshot(String) snapshot("before")},
 * {@link #injectFault()}, {@link #driveWorkload()}, {@link #snapshot(String) snapshot("after")},
 * {@link #stopCaptures()}, {@link #diagnose()}, then {@link #healAndVerify()} and {@link #result()}.
 * Closing ends the workload and captures and removes the lab (unless {@link RunOptions#keep()}).
 */
public final class ScenarioSession implements AutoCloseable {
    /** Note holding when the fault was injected (ISO-8601), so reports can mark it on packet timelines. */
    public static final String FAULT_INJECTED_AT = "fault injected at";
    private static final String CAPTURES_DIR = "captures";
    private static final String STATE_DIR = "state";
    private final Scenario scenario;
    private final ScenarioSetup setup;
    private final RunOptions options;
    private final long startNanos = System.nanoTime();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> notes = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, String> faultFacts = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, Path> stateDirs = new LinkedHashMap<>();
    private final List<LiveCapture> captures = new ArrayList<>();
    private final List<Path> captureFiles = new ArrayList<>();
    private Cluster cluster;
    private RunningWorkload workload;
    private Fault<?> fault;
    private DiagnosisReport diagnosis;
    private Boolean healed;

    private ScenarioSession(Scenario scenario, RunOptions options) {
        this.scenario = scenario;
        this.options = options;
        this.setup = scenario.setup(options.variant());
    }

    /**
     * Checks the options (unknown variant, unwritable output directory) before anything is built. Captures and
     * snapshots an earlier run left in the same directory are removed, so the diagnosis never reads stale evidence.
     */
    public static ScenarioSession open(Scenario scenario, RunOptions options) {
        ScenarioSession session = new ScenarioSession(scenario, options);
        try {
            Files.createDirectories(options.outDir());
            for (String previous : List.of(CAPTURES_DIR, STATE_DIR)) {
                deleteTree(options.outDir().resolve(previous));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare output directory " + options.outDir() + ": "
                    + e.getMessage(), e);
        }
        return session;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    public Scenario scenario() {
        return scenario;
    }

    public ScenarioSetup setup() {
        return setup;
    }

    /** The running lab; only after {@link #startLab()}. */
    public Cluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("the lab is not started: call startLab() first");
        }
        return cluster;
    }

    /** Whether {@link #startLab()} has run (a test may start the lab itself before asking for the verdict). */
    public boolean labStarted() {
        return cluster != null;
    }

    /**
     * Runs the remaining steps to the verdict, as {@link ScenarioRunner} does; the lab may already be started,
     * the later steps must not have run yet.
     */
    public ScenarioResult runToVerdict() {
        if (cluster == null) {
            startLab();
        }
        startWorkload();
        startCaptures();
        snapshot("before");
        injectFault();
        driveWorkload();
        snapshot("after");
        stopCaptures();
        diagnose();
        healAndVerify();
        return result();
    }

    /** Builds the cluster on the chosen backend and applies the scenario's sysctls. */
    public Cluster startLab() {
        Backend backend = options.chosenBackend();
        String unavailable = backend.unavailableReason();
        if (unavailable != null) {
            throw new LabException(unavailable);
        }
        progress("starting " + setup.cluster().nodes() + "-node " + setup.cluster().datapath() + " lab on "
                + backend.name() + " for " + scenario.name() + " (" + options.variantName()
                + (options.noFault() ? ", no fault" : "") + ")");
        cluster = backend.start(setup.cluster());
        notes.putAll(cluster.layout().notes());
        progress("lab " + cluster.id() + " is up");
        for (SysctlSetting sysctl : setup.sysctls()) {
            progress("sysctl: " + sysctl.host() + ": " + sysctl.key() + "=" + sysctl.value());
            Sysctl.write(cluster, sysctl.host(), sysctl.key(), sysctl.value());
        }
        for (SetupCommand command : setup.commands()) {
            progress("setup: " + command.host() + ": " + String.join(" ", command.argv()) + " (" + command.why() + ")");
            cluster.exec(command.host(), command.argv(), Duration.ofSeconds(10)).orThrow();
        }
        return cluster;
    }

    /** Builds (or reuses) the workload binary and starts the servers; returns once they listen. */
    public RunningWorkload startWorkload() {
        String program = WorkloadBinary.cached().ensureBuilt().toString();
        workload = RunningWorkload.start(cluster(), setup.workload(), program, this::progress);
        return workload;
    }

    /** Starts a live capture at every capture point, into {@code <outDir>/captures/<host>-<device>.pcapng}. */
    public void startCaptures() {
        Path dir = options.outDir().resolve(CAPTURES_DIR);
        createDirectories(dir);
        for (CapturePoint point : setup.captures()) {
            Path file = point.fileIn(dir);
            progress("capture: " + point.host() + " " + point.device()
                    + (point.filter().isEmpty() ? "" : " '" + point.filter() + "'"));
            captures.add(cluster().capture(point.host(), CaptureRequest.of(point.device(), file)
                    .withFilter(point.filter())));
            captureFiles.add(file);
        }
    }

    /** Writes a host-state snapshot of every lab host into {@code <outDir>/state/<label>/}. */
    public Path snapshot(String label) {
        Path dir = options.outDir().resolve(STATE_DIR).resolve(label);
        createDirectories(dir);
        new HostStateCollector(cluster()).snapshotAll(dir, label).warnings()
                .forEach(w -> progress("snapshot " + label + ": " + w));
        stateDirs.put(label, dir);
        progress("snapshot: " + label);
        return dir;
    }

    /** Injects the scenario's fault, unless this is a baseline run; returns once the fault is in effect. */
    public void injectFault() {
        if (options.noFault()) {
            progress("baseline run: fault " + setup.fault().name() + " not injected");
            return;
        }
        fault = FaultRegistry.load().named(setup.fault().name());
        progress("fault: " + fault.name() + " " + setup.fault().params());
        notes.put(FAULT_INJECTED_AT, Instant.now().toString());
        fault.inject(faultContext(), setup.fault());
        progress("fault " + fault.name() + " in effect");
    }

    /** Runs the clients (bounded in count and time) and records what they saw in the notes. */
    public WorkloadOutcome driveWorkload() {
        WorkloadOutcome outcome = requireWorkload().drive();
        outcome.summary().forEach((flow, summary) -> {
            notes.put(flow, summary);
            progress("result: " + flow + ": " + summary);
        });
        RepeatUntil until = setup.workload().until();
        if (until != null) {
            notes.put("workload rounds", outcome.rounds() + (outcome.untilMet() ? ", until " : ", never saw ")
                    + until.counter() + " rise on " + until.host());
        }
        return outcome;
    }

    /** Stops the captures and flushes their files; returns the files. */
    public List<Path> stopCaptures() {
        for (LiveCapture capture : captures) {
            CaptureStats stats = capture.stop();
            notes.put("capture " + capture.file().getFileName(), stats.written() + " frames, "
                    + stats.dropped() + " dropped");
        }
        captures.clear();
        return List.copyOf(captureFiles);
    }

    /** Runs the detectors over the captures and every snapshot taken. */
    public DiagnosisReport diagnose() {
        diagnosis = Diagnosis.analyze(List.copyOf(captureFiles), List.copyOf(stateDirs.values()));
        diagnosis.findings().forEach(f -> progress("finding: " + f.cause() + " " + f.attributes() + ": "
                + f.summary()));
        if (diagnosis.findings().isEmpty()) {
            progress("finding: none");
        }
        return diagnosis;
    }

    /**
     * For scenarios with {@code heal: verify}: heals the fault, drives the workload again and records whether
     * every client succeeded. Does nothing (and returns true) for other scenarios and for baseline runs.
     */
    public boolean healAndVerify() {
        if (!setup.verifyHeal() || fault == null) {
            return true;
        }
        progress("heal: " + fault.name());
        fault.heal(faultContext(), setup.fault());
        WorkloadOutcome outcome = requireWorkload().drive();
        outcome.summary().forEach((flow, summary) -> notes.put("after heal: " + flow, summary));
        healed = outcome.allOk();
        progress("heal: " + (healed ? "every client succeeds again" : "clients still fail: " + outcome.failingTargets()));
        return healed;
    }

    /** The verdict and everything gathered so far; call after {@link #diagnose()}. */
    public ScenarioResult result() {
        if (diagnosis == null) {
            throw new IllegalStateException("no diagnosis yet: call diagnose() first");
        }
        Expectation expected = expectation();
        Verdict verdict = Verdict.judge(expected, diagnosis.findings())
                .and(healed == null || healed, "after healing, clients still fail");
        progress(verdict.line());
        return buildResult(verdict.passed(), verdict.line());
    }

    /** A failed result for a run that broke before it could be judged. */
    ScenarioResult failure(RuntimeException error) {
        String line = "ERROR: " + error.getMessage();
        progress(line);
        return buildResult(false, line);
    }

    /** What this run must find: nothing for a baseline, else the setup's expectation with the fault's facts filled in. */
    public Expectation expectation() {
        return options.noFault() || setup.expectation() == null ? null : setup.expectation().resolve(faultFacts);
    }

    private ScenarioResult buildResult(boolean passed, String verdict) {
        Expectation expected = expectation();
        return new ScenarioResult(scenario, options.variantName(), !options.noFault(),
                expected == null ? null : expected.cause(), diagnosis, options.outDir(), captureFiles, stateDirs,
                cluster == null ? null : cluster.layout(), elapsed(), passed, verdict, log, notes);
    }

    private FaultContext faultContext() {
        return new FaultContext(cluster(), requireWorkload(), this::progress,
                (key, value) -> {
                    faultFacts.put(key, value);
                    notes.put("fault." + key, value);
                });
    }

    private RunningWorkload requireWorkload() {
        if (workload == null) {
            throw new IllegalStateException("the workload is not started: call startWorkload() first");
        }
        return workload;
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private void progress(String line) {
        String stamped = String.format("[%5.1fs] %s", elapsed().toMillis() / 1000.0, line);
        log.add(stamped);
        options.progress().accept(stamped);
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (workload != null) {
            workload.close();
        }
        captures.forEach(LiveCapture::stop);
        captures.clear();
        if (cluster != null && options.keep()) {
            progress("lab " + cluster.id() + " kept running (keep): remove it with 'faultlab lab down " + cluster.id() + "'");
        } else if (cluster != null) {
            cluster.close();
        }
    }
}
