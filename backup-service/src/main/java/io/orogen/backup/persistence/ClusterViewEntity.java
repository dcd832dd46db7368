package io.orogen.backup.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** What backup-service knows of a cluster, from {@code orogen.cluster.events}. */
@Entity
@Table(name = "cluster_view")
public class ClusterViewEntity extends PanacheEntityBase {

  @Id public String name;

  /** The incarnation's token ({@code ClusterAccepted}). */
  public String token;

  public String version;

  /** PROVISIONING, READY, DEGRADED. */
  public String phase;

  /** One {@code member-name client-url} per line. */
  public String members;

  /** Since when it has lost its quorum, or null while it has it. */
  @Column(name = "quorum_lost_at")
  public Instant quorumLostAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Version
  @Column(name = "row_version")
  public long rowVersion;

  /** The members' client URLs by member name, in order. */
  public Map<String, String> clientUrls() {
    Map<String, String> urls = new LinkedHashMap<>();
    if (members != null) {
      Arrays.stream(members.split("\n"))
          .map(String::strip)
          .filter(line -> !line.isEmpty())
          .forEach(
              line -> {
                int space = line.indexOf(' ');
                if (space > 0) {
                  urls.put(line.substring(0, space), line.substring(space + 1));
                }
              });
    }
    return urls;
  }

  public void clientUrls(Map<String, String> urls) {
    members =
        urls.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining("\n"));
  }
}
