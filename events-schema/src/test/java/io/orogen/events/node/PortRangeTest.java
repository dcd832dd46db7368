package io.orogen.events.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PortRangeTest {

  @Test
  void takesTheLowestPortsNoMemberHolds() {
    assertThat(new PortRange(20000, 20009).lowestFree(Set.of(20000, 20002), 2, p -> true))
        .containsExactly(20001, 20003);
  }

  @Test
  void skipsPortsOtherProgramsListenOn() {
    assertThat(new PortRange(20000, 20009).lowestFree(Set.of(), 2, p -> p != 20000))
        .containsExactly(20001, 20002);
  }

  @Test
  void isEmptyWhenTheRangeIsFull() {
    assertThat(new PortRange(20000, 20002).lowestFree(Set.of(20000, 20001), 2, p -> true))
        .isEmpty();
  }
}
