package dev.faultlab.backend.kube;

import dev.faultlab.backend.ExecResult;
import dev.faultlab.LabException;
import dev.faultlab.container.ContainerProcess;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.dsl.PodResource;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The faultlab agent pod on one real node (privileged, host network and pid namespaces): commands run in it through
 * the Kubernetes exec API, files go in and out through its {@code tar}.
 *
 * @param client    API client
 * @param namespace the lab namespace
 * @param pod       the agent pod's name
 * @param node      the real node it runs on
 */
record AgentPod(KubernetesClient client, String namespace, String pod, String node) {
    private static final String CONTAINER = "agent";

    private PodResource resource() {
        return client.pods().inNamespace(namespace).withName(pod);
    }

    public ExecResult exec(List<String> argv, Duration timeout) {
        BoundedText out = new BoundedText(Integer.MAX_VALUE);
        BoundedText err = new BoundedText(Integer.MAX_VALUE);
        try (ExecWatch watch = resource().inContainer(CONTAINER).writingOutput(out).writingError(err)
                .exec(argv.toArray(String[]::new))) {
            Integer code = watch.exitCode().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new ExecResult(argv, code == null ? -1 : code, out.text(), err.text());
        } catch (TimeoutException e) {
            return new ExecResult(argv, 124, out.text(), err.text() + "timed out after " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new LabException("exec in agent pod " + pod + " on " + node + " failed: " + e.getCause().getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while running " + String.join(" ", argv) + " on " + node, e);
        }
    }

    /** Starts a long-running command; the watch stays open until it ends. */
    public ContainerProcess start(String host, List<String> argv, String pidFile) {
        BoundedText output = new BoundedText(ContainerProcess.OUTPUT_LIMIT);
        ExecWatch watch = resource().inContainer(CONTAINER).writingOutput(output).writingError(output)
                .exec(ContainerProcess.starter(pidFile, argv).toArray(String[]::new));
        return new ContainerProcess(host, this::exec, () -> !watch.exitCode().isDone(), output::text, pidFile);
    }

    /** Copies a file out of the agent pod. */
    public void download(String path, Path local) {
        if (!resource().inContainer(CONTAINER).file(path).copy(local)) {
            throw new LabException("cannot copy " + path + " from agent pod " + pod + " on " + node);
        }
    }

    /** Copies a local executable (the workload binary) into the agent pod at the same path. */
    public void upload(Path local) {
        if (!resource().inContainer(CONTAINER).file(local.toString()).upload(local)) {
            throw new LabException("cannot copy " + local + " into agent pod " + pod + " on " + node);
        }
        exec(List.of("chmod", "0755", local.toString()), Duration.ofSeconds(10)).orThrow();
    }

    /** Keeps the last {@code limit} characters written to it (stdout and stderr of an exec). */
    static final class BoundedText extends OutputStream {
        private final int limit;
        private final StringBuilder text = new StringBuilder();

        BoundedText(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            text.append(new String(b, off, len, StandardCharsets.UTF_8));
            if (text.length() > limit) {
                text.delete(0, text.length() - limit);
            }
        }

        synchronized String text() {
            return text.toString();
        }
    }
}
