package io.orogen.backup.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongConsumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Artifacts as objects in an S3-compatible store. A write is one multipart upload of parts of a
 * fixed size (one part buffer in memory, whatever the artifact's size): the object appears only
 * when the upload is completed; a failed write aborts its upload, and uploads left by a writer that
 * died are aborted by {@link #discardPartial}. Small artifacts are one plain {@code PutObject}.
 */
public final class S3SnapshotStore implements SnapshotStore {

  private static final long PROGRESS_EVERY = 8L * 1024 * 1024;

  private final String name;
  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final int partSize;

  /**
   * @param prefix prepended to every object's key, for example {@code orogen/} (may be empty)
   * @param partSize the size of each uploaded part (S3 wants at least 5 MiB but for the last)
   */
  public S3SnapshotStore(String name, S3Client s3, String bucket, String prefix, int partSize) {
    this.name = name;
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix;
    this.partSize = partSize;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Stored write(String object, InputStream content, LongConsumer progress)
      throws IOException {
    String key = prefix + object;
    MessageDigest sha256 = FileSnapshotStore.sha256();
    byte[] part = new byte[partSize];
    int first = fill(content, part);
    sha256.update(part, 0, first);
    try {
      if (first < partSize) {
        s3.putObject(b -> b.bucket(bucket).key(key), body(part, first));
        progress.accept(first);
        return stored(key, first, sha256);
      }
      return multipart(key, content, part, first, sha256, progress);
    } catch (SdkException e) {
      throw new IOException("storage " + name + ": " + e.getMessage(), e);
    }
  }

  private Stored multipart(
      String key,
      InputStream content,
      byte[] part,
      int first,
      MessageDigest sha256,
      LongConsumer progress)
      throws IOException {
    String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
    try {
      List<CompletedPart> parts = new ArrayList<>();
      long written = 0;
      long reported = 0;
      int length = first;
      while (length > 0) {
        int number = parts.size() + 1;
        String etag =
            s3.uploadPart(
                    b -> b.bucket(bucket).key(key).uploadId(upload).partNumber(number),
                    body(part, length))
                .eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        written += length;
        if (written - reported >= PROGRESS_EVERY) {
          progress.accept(written);
          reported = written;
        }
        length = fill(content, part);
        sha256.update(part, 0, length);
      }
      s3.completeMultipartUpload(
          b ->
              b.bucket(bucket)
                  .key(key)
                  .uploadId(upload)
                  .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
      progress.accept(written);
      return stored(key, written, sha256);
    } catch (IOException | RuntimeException e) {
      abortQuietly(key, upload);
      throw e;
    }
  }

  @Override
  public void discardPartial(String object) throws IOException {
    String key = prefix + object;
    try {
      for (MultipartUpload upload :
          s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(key)).uploads()) {
        if (upload.key().equals(key)) {
          abortQuietly(key, upload.uploadId());
        }
      }
    } catch (SdkException e) {
      throw new IOException("storage " + name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public InputStream open(String location) throws IOException {
    try {
      return s3.getObject(b -> b.bucket(bucket).key(key(location)));
    } catch (SdkException e) {
      throw new IOException("storage " + name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Path localFile(String location, Path scratch) throws IOException {
    Path file = Files.createTempFile(scratch, "artifact-", ".db");
    try (InputStream in = open(location)) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  @Override
  public void release(String location, Path localFile) throws IOException {
    Files.deleteIfExists(localFile);
  }

  @Override
  public void delete(String location) throws IOException {
    try {
      s3.deleteObject(b -> b.bucket(bucket).key(key(location)));
    } catch (NoSuchKeyException gone) {
      // gone already
    } catch (SdkException e) {
      throw new IOException("storage " + name + ": " + e.getMessage(), e);
    }
  }

  /** The key of a location this store gave; another bucket's location is refused. */
  String key(String location) {
    URI uri = URI.create(location);
    if (!"s3".equals(uri.getScheme()) || !bucket.equals(uri.getHost())) {
      throw new IllegalArgumentException(location + " is not in storage " + name);
    }
    return uri.getPath().substring(1);
  }

  private Stored stored(String key, long size, MessageDigest sha256) {
    return new Stored(
        "s3://" + bucket + "/" + key, size, HexFormat.of().formatHex(sha256.digest()));
  }

  private void abortQuietly(String key, String upload) {
    try {
      s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(upload));
    } catch (SdkException e) {
      // the next discardPartial tries again
    }
  }

  private static RequestBody body(byte[] part, int length) {
    return RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, length), length);
  }

  /** Reads until {@code buffer} is full or the stream ends; returns how much was read. */
  private static int fill(InputStream in, byte[] buffer) throws IOException {
    int filled = 0;
    while (filled < buffer.length) {
      int n = in.read(buffer, filled, buffer.length - filled);
      if (n < 0) {
        break;
      }
      filled += n;
    }
    return filled;
  }
}
