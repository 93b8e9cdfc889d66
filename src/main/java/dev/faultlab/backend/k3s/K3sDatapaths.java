package dev.faultlab.backend.k3s;

import dev.faultlab.LabException;
import dev.faultlab.topology.Datapath;

import java.util.ServiceLoader;

/** Finds the {@link K3sDatapath} of a datapath among the services on the class path. */
public final class K3sDatapaths {
    private K3sDatapaths() {
    }

    public static K3sDatapath of(Datapath datapath) {
        return ServiceLoader.load(K3sDatapath.class).stream().map(ServiceLoader.Provider::get)
                .filter(d -> d.datapath() == datapath).findFirst()
                .orElseThrow(() -> new LabException("the k3s backend cannot build datapath " + datapath
                        + ": use flannel-vxlan, bgp or ipip"));
    }
}
