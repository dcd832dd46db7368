package io.orogen.nodeupdate.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.orogen.nodeupdate.model.FleetLock.Error;
import io.orogen.nodeupdate.model.FleetLock.Kind;
import io.orogen.nodeupdate.model.FleetLock.Request;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests shaped as the FleetLock protocol document shows them, and what breaks them. */
class FleetLockTest {

  static final String EXAMPLE =
      """
      {
        "client_params": {
          "group": "default",
          "id": "c988d2509fdf5cdcbed39037c56406fb"
        }
      }
      """;

  @Test
  void readsTheProtocolsOwnExample() {
    assertThat(FleetLock.parse("true", EXAMPLE))
        .isEqualTo(new Request("c988d2509fdf5cdcbed39037c56406fb", "default"));
    // Fields a later client may add are no reason to refuse it.
    assertThat(
            FleetLock.parse(
                "true",
                "{\"client_params\":{\"id\":\"n1\",\"group\":\"workers.eu-1\",\"zone\":\"a\"},"
                    + "\"v\":2}"))
        .isEqualTo(new Request("n1", "workers.eu-1"));
  }

  @Test
  void aRequestWithoutTheHeaderIsRefused() {
    for (String header : new String[] {null, "", "false", "yes"}) {
      Error error = (Error) FleetLock.parse(header, EXAMPLE);
      assertThat(error.kind()).isEqualTo(Kind.MISSING_HEADER);
      assertThat(error.status()).isEqualTo(400);
    }
  }

  @Test
  void badBodiesAreNamed() {
    assertThat(kind("not json")).isEqualTo(Kind.MALFORMED_BODY);
    assertThat(kind("")).isEqualTo(Kind.MALFORMED_BODY);
    assertThat(kind("[1]")).isEqualTo(Kind.MALFORMED_BODY);
    assertThat(kind("{}")).isEqualTo(Kind.INVALID_CLIENT_PARAMS);
    assertThat(kind("{\"client_params\":\"n1\"}")).isEqualTo(Kind.INVALID_CLIENT_PARAMS);
    assertThat(kind("{\"client_params\":{\"group\":\"default\"}}"))
        .isEqualTo(Kind.INVALID_CLIENT_PARAMS);
    assertThat(kind("{\"client_params\":{\"id\":\"\",\"group\":\"default\"}}"))
        .isEqualTo(Kind.INVALID_CLIENT_PARAMS);
    assertThat(kind("{\"client_params\":{\"id\":7,\"group\":\"default\"}}"))
        .isEqualTo(Kind.INVALID_CLIENT_PARAMS);
    assertThat(kind("{\"client_params\":{\"id\":\"n1\",\"group\":\"bad group!\"}}"))
        .isEqualTo(Kind.INVALID_CLIENT_PARAMS);
    assertThat(kind("{\"client_params\":{\"id\":\"n1\"}}")).isEqualTo(Kind.INVALID_CLIENT_PARAMS);
    String longId = "x".repeat(FleetLock.MAX_ID + 1);
    assertThat(kind("{\"client_params\":{\"id\":\"" + longId + "\",\"group\":\"default\"}}"))
        .isEqualTo(Kind.INVALID_CLIENT_PARAMS);
  }

  @Test
  void errorsAreTheProtocolsKindAndValue() {
    Error error = (Error) FleetLock.parse("true", "{\"client_params\":{\"id\":\"n1\"}}");
    assertThat(error.json())
        .isEqualTo(
            "{\"kind\":\"invalid_client_params\",\"value\":\"client_params.group must be letters,"
                + " digits, '.' and '-', at most 63 characters\"}");
  }

  @Test
  void aDenialSaysFullOnlyWhenTheSemaphoreAloneStandsInTheWay() {
    RebootGate.Blocker full =
        new RebootGate.Blocker(RebootGate.Reason.GROUP_FULL, "default", "group default is full");
    RebootGate.Blocker quorum =
        new RebootGate.Blocker(RebootGate.Reason.QUORUM, "orders", "orders would lose quorum");
    assertThat(FleetLock.denied(List.of(full)).kind()).isEqualTo(Kind.SEMAPHORE_FULL);
    Error both = FleetLock.denied(List.of(full, quorum));
    assertThat(both.kind()).isEqualTo(Kind.BLOCKED);
    assertThat(both.status()).isEqualTo(409);
    assertThat(both.value()).isEqualTo("group default is full; orders would lose quorum");
  }

  static Kind kind(String body) {
    return ((Error) FleetLock.parse("true", body)).kind();
  }
}
