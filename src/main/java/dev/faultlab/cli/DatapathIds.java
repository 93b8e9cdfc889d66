package dev.faultlab.cli;

import dev.faultlab.datapath.DatapathDefinition;

import java.util.Iterator;

/** The installed datapaths' ids, for picocli's {@code ${COMPLETION-CANDIDATES}}: read from the registry. */
final class DatapathIds implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return DatapathDefinition.registry().keys().iterator();
    }
}
