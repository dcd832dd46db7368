package io.orogen.backup.storage;

import io.orogen.backup.config.BackupServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured storages by name: {@code local}, a directory ({@code orogen.backup.local-path}, by
 * default under the work directory), always.
 */
@ApplicationScoped
public class SnapshotStores {

  public static final String LOCAL = "local";

  private final Map<String, SnapshotStore> stores = new LinkedHashMap<>();
  private final String defaultStorage;

  public SnapshotStores(BackupServiceConfig config) {
    stores.put(
        LOCAL,
        new FileSnapshotStore(
            LOCAL, config.localPath().orElse(config.workDir().resolve("backups"))));
    this.defaultStorage = config.defaultStorage();
    if (!stores.containsKey(defaultStorage)) {
      throw new IllegalArgumentException(
          "orogen.backup.default-storage="
              + defaultStorage
              + " is not a configured storage; configured: "
              + String.join(", ", stores.keySet()));
    }
  }

  /** The storage called {@code name}; the default one for null. */
  public Optional<SnapshotStore> byName(String name) {
    return Optional.ofNullable(stores.get(name == null ? defaultStorage : name));
  }

  /** The storage {@code name} names, for a backup that was recorded in it. */
  public SnapshotStore get(String name) {
    return byName(name)
        .orElseThrow(() -> new IllegalStateException("storage " + name + " is not configured"));
  }

  public String defaultName() {
    return defaultStorage;
  }

  public List<String> names() {
    return List.copyOf(stores.keySet());
  }
}
