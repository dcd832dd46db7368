package io.orogen.testing.layering.cyclic.b;

import io.orogen.testing.layering.cyclic.a.A;

/** The other half of a package cycle, on purpose. */
public class B {
  A other;
}
