package io.orogen.upgrade.persistence;

import io.orogen.events.upgrade.UpdateChannel;
import io.orogen.events.upgrade.UpdateStrategy;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** How a cluster is kept up to date. */
@Entity
@Table(name = "update_policy")
public class UpdatePolicyEntity extends PanacheEntityBase {

  @Id public String cluster;

  @Enumerated(EnumType.STRING)
  public UpdateChannel channel;

  @Enumerated(EnumType.STRING)
  public UpdateStrategy strategy;

  /** The maintenance windows as the contract writes them (JSON). */
  public String windows;

  /** The release last announced with {@code UpdateAvailable}. */
  public String announced;

  /** {@code version reason} of the last {@code UpgradeRefused}, so that it is said once. */
  public String refused;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Version
  @Column(name = "row_version")
  public long rowVersion;
}
