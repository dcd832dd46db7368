package io.orogen.events.upgrade;

import io.orogen.events.Command;
import io.orogen.events.Constraints;
import io.orogen.events.ContractType;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Resumes a cluster's paused upgrade with its next member. Answered by {@code UpgradeResumed}.
 *
 * @param cluster the cluster's name
 */
@ContractType(description = "Resumes a cluster's upgrade between members.")
public record ResumeUpgrade(
    @NotNull
        @Size(min = 1, max = 63)
        @Pattern(regexp = Constraints.DNS_1123_LABEL, message = Constraints.DNS_1123_LABEL_MESSAGE)
        String cluster)
    implements Command {

  @Override
  public String aggregateId() {
    return cluster;
  }
}
