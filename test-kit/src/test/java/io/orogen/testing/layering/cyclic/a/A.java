package io.orogen.testing.layering.cyclic.a;

import io.orogen.testing.layering.cyclic.b.B;

/** Half of a package cycle, on purpose. */
public class A {
  B other;
}
