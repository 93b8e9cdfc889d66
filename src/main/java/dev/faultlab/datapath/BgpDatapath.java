package dev.faultlab.datapath;

import dev.faultlab.topology.Datapath;

import java.util.Optional;

/**
 * kube-router style routing: no tunnel, a BGP speaker per node announcing its pod CIDR over an iBGP full mesh
 * ({@link GobgpConfig}), its learned routes installed by a route sync ({@link BgpRouteSyncMain}).
 */
public final class BgpDatapath implements DatapathDefinition {
    @Override
    public Datapath datapath() {
        return Datapath.BGP;
    }

    @Override
    public String summary() {
        return "kube-router style BGP full mesh, no tunnel (pod routes learned per node)";
    }

    @Override
    public Optional<OverlayProgram> overlay() {
        return Optional.empty();
    }
}
