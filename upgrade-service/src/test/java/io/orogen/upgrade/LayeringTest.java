package io.orogen.upgrade;

import io.orogen.testing.Layering;
import org.junit.jupiter.api.Test;

/** No package cycle in upgrade-service, and no I/O in its model (see {@link Layering}). */
class LayeringTest {

  @Test
  void packagesAreLayered() {
    Layering.check("io.orogen.upgrade");
  }
}
