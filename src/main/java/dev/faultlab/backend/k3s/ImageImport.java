package dev.faultlab.backend.k3s;

import com.github.dockerjava.api.DockerClient;
import dev.faultlab.LabException;
import dev.faultlab.container.ContainerNode;
import org.testcontainers.utility.MountableFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * Puts images from the local Docker into k3s nodes without a registry: {@code docker save} once per image, copy the
 * tar into every node, {@code ctr -n k8s.io images import} there. Pods then start with imagePullPolicy IfNotPresent.
 */
final class ImageImport {
    private static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(3);

    private ImageImport() {
    }

    static void into(DockerClient docker, List<String> images, List<ContainerNode> nodes) {
        for (String image : images) {
            Path tar = save(docker, image);
            try {
                for (ContainerNode node : nodes) {
                    node.container().copyFileToContainer(MountableFile.forHostPath(tar), K3sPlan.imageTar(image));
                    node.exec(K3sPlan.importCommand(image), IMPORT_TIMEOUT).orThrow();
                    node.exec(List.of("rm", "-f", K3sPlan.imageTar(image)), Duration.ofSeconds(30));
                }
            } finally {
                delete(tar);
            }
        }
    }

    private static Path save(DockerClient docker, String image) {
        try {
            Path tar = Files.createTempFile("faultlab-image-", ".tar");
            try (InputStream in = docker.saveImageCmd(image).exec()) {
                Files.copy(in, tar, StandardCopyOption.REPLACE_EXISTING);
            }
            return tar;
        } catch (IOException | RuntimeException e) {
            throw new LabException("cannot save image " + image + " from the local Docker (" + e.getMessage()
                    + "): build or 'docker load' it first", e);
        }
    }

    private static void delete(Path tar) {
        try {
            Files.deleteIfExists(tar);
        } catch (IOException e) {
            // a temp file left in /tmp is harmless
        }
    }
}
