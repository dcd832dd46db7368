package io.orogen.backup.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The format of a chunk of delta snapshots: one JSON object per line and revision, {@code
 * {"revision":12,"seenAt":"2026-12-03T10:00:00.123Z","ops":[{"key":"<base64>","value":"<base64>"},
 * {"key":"<base64>","delete":true}]}}, in revision order — readable with {@code jq} and any JSON
 * library.
 */
public final class DeltaChunks {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder ENCODER = Base64.getEncoder();
  private static final Base64.Decoder DECODER = Base64.getDecoder();

  private DeltaChunks() {}

  /** {@code changes} as a chunk. */
  public static byte[] write(List<Change> changes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringBuilder line = new StringBuilder(256);
    for (Change change : changes) {
      line.setLength(0);
      line.append("{\"revision\":")
          .append(change.revision())
          .append(",\"seenAt\":\"")
          .append(change.seenAt())
          .append("\",\"ops\":[");
      for (int i = 0; i < change.ops().size(); i++) {
        Change.Op op = change.ops().get(i);
        line.append(i == 0 ? "" : ",").append("{\"key\":\"");
        line.append(ENCODER.encodeToString(op.key()));
        if (op.delete()) {
          line.append("\",\"delete\":true}");
        } else {
          line.append("\",\"value\":\"").append(ENCODER.encodeToString(op.value())).append("\"}");
        }
      }
      line.append("]}\n");
      out.writeBytes(line.toString().getBytes(StandardCharsets.US_ASCII));
    }
    return out.toByteArray();
  }

  /** Reads a chunk's changes, handing each to {@code sink} in order. */
  public static void read(InputStream chunk, ChangeSink sink) throws IOException {
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(chunk, StandardCharsets.US_ASCII), 1 << 16);
    for (String line; (line = lines.readLine()) != null; ) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode node = JSON.readTree(line);
      List<Change.Op> ops = new ArrayList<>();
      for (JsonNode op : node.path("ops")) {
        byte[] key = DECODER.decode(op.path("key").asText());
        ops.add(
            new Change.Op(
                key,
                op.path("delete").asBoolean(false)
                    ? null
                    : DECODER.decode(op.path("value").asText())));
      }
      if (!sink.accept(
          new Change(
              node.path("revision").asLong(), Instant.parse(node.path("seenAt").asText()), ops))) {
        return;
      }
    }
  }

  /** Hears a chunk's changes. */
  @FunctionalInterface
  public interface ChangeSink {
    /** Takes one change; false to stop reading. */
    boolean accept(Change change) throws IOException;
  }
}
