package io.orogen.backup.it;

import io.orogen.runtime.WorkDirectory;
import io.orogen.runtime.s3.S3MockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;

/**
 * A real S3-protocol server (S3Mock, a separate process) as backup-service's {@code s3} storage.
 */
public class S3Resource implements QuarkusTestResourceLifecycleManager {

  public static final String BUCKET = "orogen-backups";

  private S3MockServer server;

  @Override
  public Map<String, String> start() {
    server =
        S3MockServer.start(
            S3MockServer.defaultJar(), WorkDirectory.newInstance("s3"), List.of(BUCKET));
    return Map.of(
        "orogen.backup.s3.bucket",
        BUCKET,
        "orogen.backup.s3.endpoint",
        server.endpoint(),
        "orogen.backup.s3.prefix",
        "it/",
        "orogen.backup.s3.access-key-id",
        "test",
        "orogen.backup.s3.secret-access-key",
        "test",
        "orogen.backup.s3.part-size",
        String.valueOf(5 * 1024 * 1024));
  }

  @Override
  public void stop() {
    if (server != null) {
      server.close();
    }
  }
}
