package io.orogen.kit;

import io.orogen.testing.Layering;
import org.junit.jupiter.api.Test;

/** No package cycle in service-kit-core, and no I/O in its model (see {@link Layering}). */
class LayeringTest {

  @Test
  void packagesAreLayered() {
    Layering.check("io.orogen.kit");
  }
}
