package dev.faultlab.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.testcontainers.DockerClientFactory;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether Docker can be used by the container backends, and the one Testcontainers setting this machine needs.
 *
 * <p>Testcontainers 2.x asks the daemon for API 1.44 unless told otherwise, which a Docker 20.10 daemon (Debian 12's
 * docker.io, API 1.41) refuses, so Testcontainers then reports "no Docker environment". We read the daemon's own API
 * version over its unix socket and hand the lower of the two to docker-java through its {@code api.version} system
 * property; a value the user set is left alone.
 */
public final class DockerEnvironment {
    /** The API version Testcontainers 2.x would use on its own. */
    static final String TESTCONTAINERS_API = "1.44";
    private static final String API_PROPERTY = "api.version";
    private static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");
    private static final Path DOCKERENV = Path.of("/.dockerenv");

    private DockerEnvironment() {
    }

    /**
     * Null when Docker is usable, else one line naming the cause and the fix. Also configures the API version
     * (see the class comment), so call it before the first Testcontainers use.
     */
    public static String unavailableReason() {
        Path socket = socket();
        if (socket != null) {
            if (!Files.exists(socket)) {
                return "docker daemon not running (no " + socket + "): start it with 'setsid dockerd &' or "
                        + "'systemctl start docker'";
            }
            String serverApi;
            try {
                serverApi = serverApiVersion(socket);
            } catch (IOException e) {
                return "docker daemon not answering on " + socket + " (" + e.getMessage() + "): start it with "
                        + "'setsid dockerd &' or 'systemctl start docker'";
            }
            if (System.getProperty(API_PROPERTY) == null) {
                System.setProperty(API_PROPERTY, lowerVersion(serverApi, TESTCONTAINERS_API));
            }
        }
        String helpers = testcontainersEnvReason();
        if (helpers != null) {
            return helpers;
        }
        try {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                return "docker not reachable by Testcontainers: check DOCKER_HOST and that 'docker info' works";
            }
        } catch (RuntimeException e) {
            return "docker not reachable by Testcontainers (" + e.getMessage() + "): check that 'docker info' works";
        }
        return null;
    }

    /**
     * Testcontainers pulls helper images from a registry unless told not to (read from the environment only): its
     * Ryuk reaper unless {@code TESTCONTAINERS_RYUK_DISABLED=true}, and, when it believes it runs inside a container
     * ({@code /.dockerenv}), an alpine image to find the Docker host unless {@code TESTCONTAINERS_HOST_OVERRIDE} is
     * set. Without a registry both retry for minutes. The labs label and remove their own containers, so Ryuk is
     * not needed.
     */
    private static String testcontainersEnvReason() {
        boolean ryukOff = Boolean.parseBoolean(System.getenv("TESTCONTAINERS_RYUK_DISABLED"));
        boolean hostKnown = System.getenv("TESTCONTAINERS_HOST_OVERRIDE") != null || !Files.exists(DOCKERENV);
        if (ryukOff && hostKnown) {
            return null;
        }
        return "Testcontainers would pull helper images from a registry: export TESTCONTAINERS_RYUK_DISABLED=true"
                + " and TESTCONTAINERS_HOST_OVERRIDE=localhost (the ./faultlab launcher does)";
    }

    /** Whether the local daemon holds an image, e.g. {@code faultlab/node:1}. */
    public static boolean hasImage(String image) {
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The dotted version that is numerically lower, e.g. {@code lowerVersion("1.41", "1.44") = "1.41"}. */
    static String lowerVersion(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int xi = i < x.length ? Integer.parseInt(x[i]) : 0;
            int yi = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (xi != yi) {
                return xi < yi ? a : b;
            }
        }
        return a;
    }

    /** The unix socket of the daemon, or null when DOCKER_HOST points elsewhere (tcp: Testcontainers negotiates). */
    private static Path socket() {
        String host = System.getenv("DOCKER_HOST");
        if (host == null || host.isBlank()) {
            return DEFAULT_SOCKET;
        }
        return host.startsWith("unix://") ? Path.of(host.substring("unix://".length())) : null;
    }

    private static String serverApiVersion(Path socket) throws IOException {
        String response = get(socket, "/version");
        int body = response.indexOf("\r\n\r\n");
        JsonNode version = new ObjectMapper().readTree(response.substring(body + 4));
        return version.path("ApiVersion").asText(TESTCONTAINERS_API);
    }

    /** A bare HTTP/1.0 GET on the daemon's socket (before Testcontainers is configured); the raw response. */
    private static String get(Path socket, String path) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap(("GET " + path + " HTTP/1.0\r\nHost: docker\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
            while (channel.read(buffer) >= 0 && buffer.hasRemaining()) {
                // HTTP/1.0: the daemon closes the connection after the body
            }
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        }
    }
}
