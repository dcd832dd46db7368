package io.orogen.events.cluster;

import io.orogen.events.Command;
import io.orogen.events.Constraints;
import io.orogen.events.ContractType;
import io.orogen.events.OneOf;
import io.orogen.events.RestoreFrom;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Asks for a new managed etcd cluster.
 *
 * @param name the cluster's name, unique among live clusters; also its id
 * @param size the number of members: 1, 3, 5 or 7
 * @param version an etcd version such as {@code 3.5.16}, or {@code 3.5} for the newest patch the
 *     nodes can run
 * @param provider where the members run; {@code agents} when absent
 * @param restoreFrom a backup artifact the members start from (backup-service sets it for {@code
 *     RestoreCluster}); an empty cluster when absent
 */
@ContractType(description = "Asks for a new managed etcd cluster.")
public record CreateCluster(
    @NotNull
        @Size(min = 1, max = 63)
        @Pattern(regexp = Constraints.DNS_1123_LABEL, message = Constraints.DNS_1123_LABEL_MESSAGE)
        String name,
    @NotNull @OneOf({1, 3, 5, 7}) Integer size,
    @NotNull @Pattern(regexp = Constraints.VERSION, message = Constraints.VERSION_MESSAGE)
        String version,
    Provider provider,
    @Valid RestoreFrom restoreFrom)
    implements Command {

  /** A new, empty cluster. */
  public CreateCluster(String name, Integer size, String version, Provider provider) {
    this(name, size, version, provider, null);
  }

  @Override
  public String aggregateId() {
    return name;
  }
}
