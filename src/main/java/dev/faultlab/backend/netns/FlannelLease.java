package dev.faultlab.backend.netns;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * One node's entry in the flannel lease table, as flannel keeps it in etcd: which pod subnet the node holds and
 * how to reach it (its VTEP MAC on flannel.1 and its underlay address).
 */
record FlannelLease(String node, String podCidr, String vtepMac, String underlayIp) {
    /** The pod subnet's network address, which flannel uses as the next hop and neighbor for the subnet. */
    String gateway() {
        return podCidr.substring(0, podCidr.indexOf('/'));
    }

    String format() {
        return "node=" + node + "\npodCidr=" + podCidr + "\nvtepMac=" + vtepMac + "\nunderlayIp=" + underlayIp + "\n";
    }

    static FlannelLease parse(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FlannelLease(p.getProperty("node"), p.getProperty("podCidr"), p.getProperty("vtepMac"),
                p.getProperty("underlayIp"));
    }

    String json() {
        return "{\"node\":\"" + node + "\",\"podCidr\":\"" + podCidr + "\",\"vtepMac\":\"" + vtepMac
                + "\",\"underlayIp\":\"" + underlayIp + "\"}";
    }
}
