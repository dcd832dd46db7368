package io.orogen.console;

import io.orogen.console.ServiceCall.Answer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** backup-service, through which the console backs clusters up, restores them and sets policies. */
@ApplicationScoped
public class BackupService {

  private static final String NAME = "backup-service";

  private final BackupServiceApi api;

  public BackupService(@RestClient BackupServiceApi api) {
    this.api = api;
  }

  /** A cluster's backups, newest first (a JSON array when the answer is 200). */
  public Answer backups(String cluster) {
    return ServiceCall.call(NAME, () -> api.list(cluster));
  }

  public Answer backUp(String cluster) {
    return ServiceCall.call(NAME, () -> api.create(Map.of("cluster", cluster)));
  }

  public Answer restore(String backupId, String into) {
    return ServiceCall.call(NAME, () -> api.restore(backupId, Map.of("into", into)));
  }

  /**
   * Restores {@code cluster}'s data as of a revision or a time (ISO-8601) into a new cluster; blank
   * ones are left out (its newest backup then).
   */
  public Answer restoreAt(String cluster, String into, String atRevision, String atTime) {
    Map<String, Object> request = new HashMap<>();
    request.put("into", into);
    return restoreCluster(cluster, request, null, atRevision, atTime);
  }

  /**
   * Rolls {@code cluster} back in place: to {@code backupId}, or to a revision or a time; blank
   * ones are left out (its newest backup then).
   */
  public Answer restoreInPlace(String cluster, String backupId, String atRevision, String atTime) {
    Map<String, Object> request = new HashMap<>();
    request.put("inPlace", true);
    return restoreCluster(cluster, request, backupId, atRevision, atTime);
  }

  /** {@code POST /api/v1/clusters/{name}/restore} with the fields that are not blank. */
  private Answer restoreCluster(
      String cluster,
      Map<String, Object> request,
      String backupId,
      String atRevision,
      String atTime) {
    putIfSet(request, "backupId", backupId);
    putIfSet(request, "atRevision", atRevision);
    putIfSet(request, "atTime", atTime);
    return ServiceCall.call(NAME, () -> api.restoreCluster(cluster, request));
  }

  private static void putIfSet(Map<String, Object> request, String field, String value) {
    if (value != null && !value.isBlank()) {
      request.put(field, value.trim());
    }
  }

  public Answer policy(String cluster) {
    return ServiceCall.call(NAME, () -> api.policy(cluster));
  }

  /** Sets the policy; blank fields are left out of the request. */
  public Answer setPolicy(
      String cluster,
      String schedule,
      Integer keepLast,
      boolean tiered,
      Integer deltaSeconds,
      String quorumLossRecovery,
      Integer verifyEvery) {
    Map<String, Object> request = new HashMap<>();
    if (schedule != null && !schedule.isBlank()) {
      request.put("schedule", schedule.trim());
    }
    if (keepLast != null) {
      request.put("keepLast", keepLast);
    }
    request.put("tiered", tiered);
    if (deltaSeconds != null) {
      request.put("deltaSeconds", deltaSeconds);
    }
    if (quorumLossRecovery != null && !quorumLossRecovery.isBlank()) {
      request.put("quorumLossRecovery", quorumLossRecovery);
    }
    if (verifyEvery != null) {
      request.put("verifyEvery", verifyEvery);
    }
    return ServiceCall.call(NAME, () -> api.setPolicy(cluster, request));
  }
}
