package io.orogen.upgrade.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** What upgrade-service knows of a cluster, from {@code orogen.cluster.events}. */
@Entity
@Table(name = "cluster_view")
public class ClusterViewEntity extends PanacheEntityBase {

  @Id public String name;

  /** {@code agents} or {@code kubernetes}. */
  public String provider;

  /** PROVISIONING, READY, DEGRADED. */
  public String phase;

  /** The cluster's release: the oldest its members run. */
  public String version;

  /** One {@code name node role version} per line. */
  public String members;

  public String leader;

  /** Since when it is whole, while it is. */
  @Column(name = "ready_since")
  public Instant readySince;

  /** Since when it is not whole, while it is not. */
  @Column(name = "degraded_since")
  public Instant degradedSince;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Version
  @Column(name = "row_version")
  public long rowVersion;

  /**
   * One member as the latest event showed it.
   *
   * @param version its release, or null when not known
   */
  public record Member(String name, String node, String role, String version) {}

  public List<Member> memberList() {
    List<Member> list = new ArrayList<>();
    if (members != null) {
      Arrays.stream(members.split("\n"))
          .map(String::strip)
          .filter(line -> !line.isEmpty())
          .map(line -> line.split(" "))
          .filter(parts -> parts.length == 4)
          .forEach(p -> list.add(new Member(p[0], p[1], p[2], "-".equals(p[3]) ? null : p[3])));
    }
    return list;
  }

  public void memberList(List<Member> list) {
    members =
        list.stream()
            .map(
                m ->
                    m.name()
                        + " "
                        + m.node()
                        + " "
                        + m.role()
                        + " "
                        + (m.version() == null ? "-" : m.version()))
            .collect(Collectors.joining("\n"));
  }
}
