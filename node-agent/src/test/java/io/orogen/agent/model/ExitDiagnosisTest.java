package io.orogen.agent.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExitDiagnosisTest {

  @Test
  void aCrashWithItsDataThereIsNotDataLoss() {
    assertThat(
            ExitDiagnosis.dataLost(
                true, List.of("{\"level\":\"info\",\"msg\":\"serving client traffic\"}")))
        .isFalse();
  }

  @Test
  void aMissingDataDirectoryIsDataLoss() {
    assertThat(ExitDiagnosis.dataLost(false, List.of())).isTrue();
  }

  @Test
  void aFatalErrorAboutTheDataIsDataLoss() {
    assertThat(
            ExitDiagnosis.dataLost(
                true,
                List.of(
                    "{\"level\":\"fatal\",\"msg\":\"failed to open database\","
                        + "\"error\":\"walpb: crc mismatch\"}")))
        .isTrue();
    assertThat(
            ExitDiagnosis.dataLost(
                true, List.of("{\"level\":\"warn\",\"msg\":\"wal: crc mismatch, retrying\"}")))
        .isFalse();
  }
}
