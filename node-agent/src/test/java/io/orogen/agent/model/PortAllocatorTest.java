package io.orogen.agent.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PortAllocatorTest {

  @Test
  void takesTheLowestPortsNoMemberHolds() {
    assertThat(PortAllocator.allocate(20000, 20009, Set.of(20000, 20002), 2, p -> true))
        .containsExactly(20001, 20003);
  }

  @Test
  void skipsPortsOtherProgramsListenOn() {
    assertThat(PortAllocator.allocate(20000, 20009, Set.of(), 2, p -> p != 20000))
        .containsExactly(20001, 20002);
  }

  @Test
  void failsWhenTheRangeIsFull() {
    assertThatThrownBy(
            () -> PortAllocator.allocate(20000, 20002, Set.of(20000, 20001), 2, p -> true))
        .hasMessage("no 2 free ports left in 20000-20002");
  }
}
