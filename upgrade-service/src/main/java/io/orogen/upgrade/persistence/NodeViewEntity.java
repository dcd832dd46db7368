package io.orogen.upgrade.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The releases a node can run, from its latest {@code NodeRegistered}. */
@Entity
@Table(name = "node_view")
public class NodeViewEntity extends PanacheEntityBase {

  @Id public String name;

  /** Comma-separated, newest first. */
  public String versions;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Version
  @Column(name = "row_version")
  public long rowVersion;

  public List<String> versionList() {
    return versions == null || versions.isBlank()
        ? List.of()
        : Arrays.stream(versions.split(",")).map(String::strip).toList();
  }
}
