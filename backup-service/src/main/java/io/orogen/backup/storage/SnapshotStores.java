package io.orogen.backup.storage;

import io.orogen.backup.config.BackupServiceConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The configured storages by name: {@code local}, a directory ({@code orogen.backup.local-path}, by
 * default under the work directory), always.
 */
@ApplicationScoped
public class SnapshotStores {

  public static final String LOCAL = "local";
  public static final String S3 = "s3";

  private final Map<String, SnapshotStore> stores = new LinkedHashMap<>();
  private final String defaultStorage;
  private final List<S3Client> clients = new ArrayList<>();

  public SnapshotStores(BackupServiceConfig config) {
    stores.put(
        LOCAL,
        new FileSnapshotStore(
            LOCAL, config.localPath().orElse(config.workDir().resolve("backups"))));
    config.s3().bucket().ifPresent(bucket -> stores.put(S3, s3Store(config.s3(), bucket)));
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

  private S3SnapshotStore s3Store(BackupServiceConfig.S3 config, String bucket) {
    S3ClientBuilder builder =
        S3Client.builder()
            .region(Region.of(config.region()))
            .forcePathStyle(config.pathStyle())
            .credentialsProvider(credentials(config))
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(config.requestTimeout()))
            .overrideConfiguration(c -> c.apiCallAttemptTimeout(config.requestTimeout()))
            // The service checksums every artifact itself (SHA-256); the SDK's own checksums are
            // left to stores that require them, which keeps S3-compatible stores working.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    config.endpoint().ifPresent(builder::endpointOverride);
    S3Client client = builder.build();
    clients.add(client);
    return new S3SnapshotStore(
        S3,
        client,
        bucket,
        config.prefix().orElse(""),
        Math.max(5 * 1024 * 1024, config.partSize()));
  }

  private static AwsCredentialsProvider credentials(BackupServiceConfig.S3 config) {
    if (config.accessKeyId().isPresent() && config.secretAccessKey().isPresent()) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(config.accessKeyId().get(), config.secretAccessKey().get()));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  @PreDestroy
  void close() {
    clients.forEach(S3Client::close);
  }
}
