package org.sudi.grid;

import java.time.Instant;

/** The grids were changed (imported or seeded); {@code version} is the new geography version. */
public record GridsChanged(long version, int gridsWritten, Instant at) {
}
