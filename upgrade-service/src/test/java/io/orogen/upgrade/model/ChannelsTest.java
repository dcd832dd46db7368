package io.orogen.upgrade.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.orogen.events.upgrade.UpdateChannel;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelsTest {

  static final List<String> AVAILABLE = List.of("3.4.23", "3.5.16", "3.5.30", "3.6.1");

  @Test
  void patchOffersTheNewestPatchOfItsMinorOnly() {
    assertThat(Channels.offer("3.5.16", UpdateChannel.PATCH, AVAILABLE)).contains("3.5.30");
    assertThat(Channels.offer("3.5.30", UpdateChannel.PATCH, AVAILABLE)).isEmpty();
    assertThat(Channels.offer("3.4.23", UpdateChannel.PATCH, AVAILABLE)).isEmpty();
  }

  @Test
  void minorOffersTheNewestPatchFirstThenTheNextMinorOnly() {
    assertThat(Channels.offer("3.5.16", UpdateChannel.MINOR, AVAILABLE)).contains("3.5.30");
    assertThat(Channels.offer("3.5.30", UpdateChannel.MINOR, AVAILABLE)).contains("3.6.1");
    assertThat(Channels.offer("3.4.23", UpdateChannel.MINOR, AVAILABLE)).contains("3.5.30");
    assertThat(Channels.offer("3.3.0", UpdateChannel.MINOR, AVAILABLE)).contains("3.4.23");
  }

  @Test
  void pinnedOffersNothing() {
    assertThat(Channels.offer("3.5.16", UpdateChannel.PINNED, AVAILABLE)).isEmpty();
  }
}
