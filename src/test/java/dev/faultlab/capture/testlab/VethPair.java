package dev.faultlab.capture.testlab;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Two fresh network namespaces joined by a veth, for root tests. Names carry the prefix {@code flcap} plus a random
 * token so concurrent tests (and other engineers' labs) never collide; {@link #close()} deletes both namespaces,
 * which removes the veth too.
 */
public final class VethPair implements AutoCloseable {
    private final String token;
    private final String subnet;

    private VethPair(String token, String subnet) {
        this.token = token;
        this.subnet = subnet;
    }

    /** Creates the pair with addresses {@code <subnet>.1} (left) and {@code <subnet>.2} (right), /24. */
    public static VethPair create(String subnet) {
        VethPair pair = new VethPair("flcap" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6),
                subnet);
        try {
            Commands.run("ip", "netns", "add", pair.leftNamespace()).orThrow();
            Commands.run("ip", "netns", "add", pair.rightNamespace()).orThrow();
            Commands.run("ip", "link", "add", pair.leftDevice(), "netns", pair.leftNamespace(), "type", "veth",
                    "peer", "name", pair.rightDevice(), "netns", pair.rightNamespace()).orThrow();
            pair.configure(pair.leftNamespace(), pair.leftDevice(), pair.leftIp());
            pair.configure(pair.rightNamespace(), pair.rightDevice(), pair.rightIp());
            return pair;
        } catch (RuntimeException e) {
            pair.close();
            throw e;
        }
    }

    private void configure(String namespace, String device, String ip) {
        Commands.run("ip", "-n", namespace, "addr", "add", ip + "/24", "dev", device).orThrow();
        Commands.run("ip", "-n", namespace, "link", "set", device, "up").orThrow();
        Commands.run("ip", "-n", namespace, "link", "set", "lo", "up").orThrow();
    }

    public String leftNamespace() {
        return token + "-l";
    }

    public String rightNamespace() {
        return token + "-r";
    }

    public String leftDevice() {
        return token + "l";
    }

    public String rightDevice() {
        return token + "r";
    }

    public String leftIp() {
        return subnet + ".1";
    }

    public String rightIp() {
        return subnet + ".2";
    }

    public Path leftNetns() {
        return Path.of("/run/netns", leftNamespace());
    }

    public Path rightNetns() {
        return Path.of("/run/netns", rightNamespace());
    }

    @Override
    public void close() {
        // only this pair's namespaces: deleting them removes the veth with them
        Commands.run("ip", "netns", "del", leftNamespace());
        Commands.run("ip", "netns", "del", rightNamespace());
    }
}
