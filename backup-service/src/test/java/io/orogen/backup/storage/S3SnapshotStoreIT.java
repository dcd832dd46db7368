package io.orogen.backup.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orogen.runtime.WorkDirectory;
import io.orogen.runtime.s3.S3MockServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The S3 store against a real S3-protocol server (S3Mock, a separate process): multipart uploads
 * that are whole or absent, uploads left by a dead writer cleaned up, an outage reported.
 */
class S3SnapshotStoreIT {

  static final String BUCKET = "store-it";
  static final int PART = 5 * 1024 * 1024;

  static S3MockServer server;
  static S3Client s3;
  static S3SnapshotStore store;

  @BeforeAll
  static void start() {
    server =
        S3MockServer.start(
            S3MockServer.defaultJar(), WorkDirectory.newInstance("s3"), List.of(BUCKET));
    s3 =
        S3Client.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create(server.endpoint()))
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(2))
                    .socketTimeout(Duration.ofSeconds(10)))
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .build();
    store = new S3SnapshotStore("s3", s3, BUCKET, "pre/", PART);
  }

  @AfterAll
  static void stop() {
    if (s3 != null) {
      s3.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aMultipartWriteIsWholeWithItsChecksum() throws Exception {
    byte[] content = random(3 * PART + 12345);
    SnapshotStore.Stored stored =
        store.write("c/whole.db", new ByteArrayInputStream(content), bytes -> {});
    assertThat(stored.location()).isEqualTo("s3://" + BUCKET + "/pre/c/whole.db");
    assertThat(stored.sizeBytes()).isEqualTo(content.length);
    assertThat(stored.sha256()).isEqualTo(sha256(content));
    try (InputStream in = store.open(stored.location())) {
      assertThat(sha256(in.readAllBytes())).isEqualTo(stored.sha256());
    }
    store.delete(stored.location());
    assertThatThrownBy(() -> s3.headObject(b -> b.bucket(BUCKET).key("pre/c/whole.db")))
        .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class);
    store.delete(stored.location());
  }

  @Test
  void aSmallArtifactIsOnePut() throws Exception {
    byte[] content = random(1000);
    SnapshotStore.Stored stored =
        store.write("c/small.db", new ByteArrayInputStream(content), bytes -> {});
    assertThat(s3.headObject(b -> b.bucket(BUCKET).key("pre/c/small.db")).contentLength())
        .isEqualTo(1000);
    assertThat(stored.sha256()).isEqualTo(sha256(content));
  }

  @Test
  void aWriteThatDiesMidwayLeavesNoObjectAndNoUpload() {
    InputStream failing =
        new SequenceInputStream(
            new ByteArrayInputStream(random(2 * PART + 100)),
            new InputStream() {
              @Override
              public int read() throws IOException {
                throw new IOException("the member went away");
              }
            });
    assertThatThrownBy(() -> store.write("c/broken.db", failing, bytes -> {}))
        .hasMessageContaining("the member went away");
    assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("pre/c/broken.db")))
        .isInstanceOf(NoSuchKeyException.class);
    assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET).prefix("pre/c/broken")).uploads())
        .isEmpty();
  }

  @Test
  void uploadsLeftByADeadWriterAreAbortedByTheNextAttempt() throws Exception {
    String upload = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("pre/c/dead.db")).uploadId();
    s3.uploadPart(
        b -> b.bucket(BUCKET).key("pre/c/dead.db").uploadId(upload).partNumber(1),
        RequestBody.fromBytes(random(PART)));
    assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET).prefix("pre/c/dead")).uploads())
        .hasSize(1);
    store.discardPartial("c/dead.db");
    assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET).prefix("pre/c/dead")).uploads())
        .isEmpty();
  }

  @Test
  void aStoreThatIsDownFailsTheWriteWithTheReason() {
    server.stop();
    try {
      long start = System.nanoTime();
      assertThatThrownBy(
              () -> store.write("c/down.db", new ByteArrayInputStream(random(100)), bytes -> {}))
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("storage s3: ");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMinutes(1));
    } finally {
      server = server.restart();
    }
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
