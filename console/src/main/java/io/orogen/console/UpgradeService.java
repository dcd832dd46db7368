package io.orogen.console;

import io.orogen.console.ServiceCall.Answer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** upgrade-service, through which the console shows and runs a cluster's upgrades. */
@ApplicationScoped
public class UpgradeService {

  private static final String NAME = "upgrade-service";

  private final UpgradeServiceApi api;

  public UpgradeService(@RestClient UpgradeServiceApi api) {
    this.api = api;
  }

  /** The releases the cluster may go to, with why not the others. */
  public Answer versions(String cluster) {
    return ServiceCall.call(NAME, () -> api.versions(cluster));
  }

  /** The cluster's runs, newest first. */
  public Answer runs(String cluster) {
    return ServiceCall.call(NAME, () -> api.runs(cluster));
  }

  public Answer upgrade(String cluster, String targetVersion, boolean skipBackup) {
    Map<String, Object> request = new HashMap<>();
    request.put("cluster", cluster);
    request.put("targetVersion", targetVersion);
    request.put("skipBackup", skipBackup);
    return ServiceCall.call(NAME, () -> api.upgrade(request));
  }

  /** {@code pause}, {@code resume} or {@code abort} the cluster's run. */
  public Answer act(String cluster, String action) {
    return ServiceCall.call(NAME, () -> api.act(cluster, action));
  }

  public Answer policy(String cluster) {
    return ServiceCall.call(NAME, () -> api.policy(cluster));
  }

  public Answer setPolicy(
      String cluster, String channel, String strategy, List<Map<String, Object>> windows) {
    Map<String, Object> request = new HashMap<>();
    request.put("channel", channel);
    request.put("strategy", strategy);
    request.put("windows", windows);
    return ServiceCall.call(NAME, () -> api.setPolicy(cluster, request));
  }
}
