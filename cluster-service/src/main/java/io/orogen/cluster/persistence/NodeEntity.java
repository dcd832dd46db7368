package io.orogen.cluster.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A node as its agent last described it (projection of {@code orogen.node.events}). */
@Entity
@Table(name = "node")
public class NodeEntity extends PanacheEntityBase {

  @Id public String name;

  public String address;

  @Column(name = "boot_id")
  public String bootId;

  /** Labels as JSON. */
  public String labels;

  /** Comma-separated releases, newest first. */
  @Column(name = "etcd_versions")
  public String etcdVersions;

  @Column(name = "port_first")
  public int portFirst;

  @Column(name = "port_last")
  public int portLast;

  @Column(name = "max_members")
  public int maxMembers;

  @Column(name = "registered_at")
  public Instant registeredAt;

  @Column(name = "last_seen")
  public Instant lastSeen;

  public List<String> versions() {
    return etcdVersions.isEmpty() ? List.of() : Arrays.asList(etcdVersions.split(","));
  }
}
