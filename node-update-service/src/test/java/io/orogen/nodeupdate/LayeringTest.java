package io.orogen.nodeupdate;

import io.orogen.testing.Layering;
import org.junit.jupiter.api.Test;

/** No package cycle in node-update-service, and no I/O in its model (see {@link Layering}). */
class LayeringTest {

  @Test
  void packagesAreLayered() {
    Layering.check("io.orogen.nodeupdate");
  }
}
