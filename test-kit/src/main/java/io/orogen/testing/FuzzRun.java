package io.orogen.testing;

import io.orogen.events.CommandRejected;
import io.orogen.events.Domain;
import io.orogen.events.Topics;
import io.orogen.events.backup.DeleteBackup;
import io.orogen.events.cluster.ClusterAccepted;
import io.orogen.events.cluster.CreateCluster;
import io.orogen.events.cluster.DeleteCluster;
import io.orogen.events.envelope.CloudEvent;
import io.orogen.events.envelope.CloudEventCodec;
import io.orogen.events.upgrade.PauseUpgrade;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A seeded, reproducible stream of hostile records on every topic Orogen consumes ({@code
 * orogen.cluster.commands}, {@code orogen.node.commands}, {@code orogen.node.events}, and {@code
 * orogen.backup.commands} and {@code orogen.upgrade.commands} when their services run), with valid
 * commands in between, and the check that nothing was dropped:
 *
 * <ol>
 *   <li>Every bad record is answered ({@code CommandRejected} naming its {@code ce_id}) or is in
 *       its topic's dead-letter topic (by topic, partition and offset); a resent copy of a bad
 *       record counts when its first copy does.
 *   <li>Every valid command is answered; every {@code CreateCluster}, though sent twice under one
 *       id, is accepted once.
 * </ol>
 *
 * Bad records never hold a command that would act on the world: a {@code StartMember} or {@code
 * CreateCluster} among them is always invalid, and events name clusters and nodes that do not
 * exist.
 */
public final class FuzzRun {

  private static final URI SOURCE = URI.create("/tests/fuzz");
  private static final String CLUSTER = Topics.CLUSTER_COMMANDS;
  private static final String NODE_COMMANDS = Topics.NODE_COMMANDS;
  private static final String NODE_EVENTS = Topics.NODE_EVENTS;
  private static final String BACKUP = Topics.BACKUP_COMMANDS;
  private static final String UPGRADE = Topics.UPGRADE_COMMANDS;

  private final String bootstrap;
  private final List<String> nodes;
  private final Random random;
  private final boolean services;

  /** One record sent: where it landed and what it must lead to. */
  private record Sent(String topic, int partition, long offset, String id, boolean valid) {}

  /**
   * What the run found.
   *
   * @param sent records sent in all
   * @param bad hostile records among them
   * @param deadLettered hostile records found in a dead-letter topic
   * @param rejected hostile records answered by {@code CommandRejected} (and not dead-lettered)
   * @param resent hostile records that were copies of an earlier one, settled with it
   * @param valid valid commands sent
   * @param validAnswered valid commands answered
   * @param appliedTwice clusters accepted more than once
   * @param missing hostile records neither answered nor dead-lettered, or valid ones unanswered
   * @param took from the first record sent to the last one settled
   */
  public record Report(
      int sent,
      int bad,
      int deadLettered,
      int rejected,
      int resent,
      int valid,
      int validAnswered,
      int appliedTwice,
      List<String> missing,
      Duration took) {

    /** The report as lines to print. */
    public String table() {
      return String.format(
          "records sent %d: hostile %d (dead-lettered %d, answered only %d, resent copies %d),"
              + " valid commands %d (answered %d), applied twice %d, unaccounted %d, in %d ms",
          sent,
          bad,
          deadLettered,
          rejected,
          resent,
          valid,
          validAnswered,
          appliedTwice,
          missing.size(),
          took.toMillis());
    }
  }

  /**
   * @param bootstrap the Kafka broker
   * @param nodes the names of the running agents' nodes
   * @param seed the seed: the same seed sends the same records
   */
  public FuzzRun(String bootstrap, List<String> nodes, long seed) {
    this(bootstrap, nodes, seed, false);
  }

  /**
   * @param services whether {@code orogen.backup.commands} and {@code orogen.upgrade.commands} get
   *     their share too (backup-service and upgrade-service run)
   */
  public FuzzRun(String bootstrap, List<String> nodes, long seed, boolean services) {
    this.bootstrap = bootstrap;
    this.nodes = List.copyOf(nodes);
    this.random = new Random(seed);
    this.services = services;
  }

  /** Sends {@code records} records, then waits up to {@code settle} for every one to settle. */
  public Report run(int records, Duration settle) throws Exception {
    List<Sent> sent = new ArrayList<>();
    List<ProducerRecord<String, byte[]>> badSoFar = new ArrayList<>();
    Map<String, String> creates = new HashMap<>();
    String run = Long.toString(Math.abs(random.nextLong()), 36).substring(0, 6);
    Instant start = Instant.now();
    try (KafkaTestClient client =
            new KafkaTestClient(
                bootstrap,
                Topics.CLUSTER_EVENTS,
                Topics.NODE_EVENTS,
                Topics.BACKUP_EVENTS,
                Topics.UPGRADE_EVENTS,
                Topics.dlq(CLUSTER),
                Topics.dlq(NODE_COMMANDS),
                Topics.dlq(NODE_EVENTS),
                Topics.dlq(BACKUP),
                Topics.dlq(UPGRADE));
        KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(
                Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bootstrap,
                    ProducerConfig.ACKS_CONFIG,
                    "all",
                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                    1_000_000,
                    ProducerConfig.LINGER_MS_CONFIG,
                    5),
                new StringSerializer(),
                new ByteArraySerializer())) {
      List<Future<RecordMetadata>> acks = new ArrayList<>();
      List<ProducerRecord<String, byte[]>> all = new ArrayList<>();
      List<Boolean> validity = new ArrayList<>();
      int createsLeft = 10;
      for (int i = 0; i < records; i++) {
        ProducerRecord<String, byte[]> record;
        boolean valid = i % 10 == 5;
        if (valid && createsLeft > 0 && i % 50 == 5) {
          String name = "fz-" + run + "-" + createsLeft--;
          CloudEvent<CreateCluster> create =
              CloudEvent.create(SOURCE, new CreateCluster(name, 1, "3.5", null));
          creates.put(create.id(), name);
          record = CloudEventCodec.toRecord(create);
          // The same command again, soon after: one effect.
          all.add(record);
          validity.add(true);
          acks.add(producer.send(record));
        } else if (valid && services && i % 20 == 15) {
          record =
              CloudEventCodec.toRecord(
                  CloudEvent.create(
                      Domain.BACKUP,
                      SOURCE,
                      new DeleteBackup("fz-none-" + run, "fz-none-" + run + "-" + i)));
        } else if (valid && services && i % 20 == 5) {
          record =
              CloudEventCodec.toRecord(
                  CloudEvent.create(
                      Domain.UPGRADE, SOURCE, new PauseUpgrade("fz-none-" + run + "-" + i)));
        } else if (valid) {
          record =
              CloudEventCodec.toRecord(
                  CloudEvent.create(SOURCE, new DeleteCluster("fz-none-" + run + "-" + i)));
        } else if (!badSoFar.isEmpty() && random.nextInt(20) == 0) {
          record = badSoFar.get(random.nextInt(badSoFar.size())); // resent as it was
        } else {
          record = hostile(i);
          badSoFar.add(record);
        }
        all.add(record);
        validity.add(valid);
        acks.add(producer.send(record));
      }
      producer.flush();
      for (int i = 0; i < all.size(); i++) {
        RecordMetadata at = acks.get(i).get(60, TimeUnit.SECONDS);
        String id = CloudEventCodec.get(all.get(i).headers(), "ce_id");
        sent.add(new Sent(at.topic(), at.partition(), at.offset(), id, validity.get(i)));
      }
      return settle(client, sent, creates, start, settle);
    }
  }

  private Report settle(
      KafkaTestClient client,
      List<Sent> sent,
      Map<String, String> creates,
      Instant start,
      Duration settle)
      throws InterruptedException {
    long deadline = System.nanoTime() + settle.toNanos();
    Tally tally;
    do {
      tally = tally(client, sent, creates);
      if (tally.missing().isEmpty()) {
        break;
      }
      Thread.sleep(1000);
    } while (System.nanoTime() < deadline);
    Duration took = Duration.between(start, Instant.now());
    long bad = sent.stream().filter(s -> !s.valid()).count();
    long valid = sent.stream().filter(Sent::valid).count();
    return new Report(
        sent.size(),
        (int) bad,
        tally.deadLettered(),
        tally.rejected(),
        tally.resent(),
        (int) valid,
        tally.validAnswered(),
        tally.appliedTwice(),
        tally.missing(),
        took);
  }

  private record Tally(
      int deadLettered,
      int rejected,
      int resent,
      int validAnswered,
      int appliedTwice,
      List<String> missing) {}

  private static Tally tally(KafkaTestClient client, List<Sent> sent, Map<String, String> creates) {
    Set<String> dead = new HashSet<>();
    Set<String> deadIds = new HashSet<>();
    Set<String> answered = new HashSet<>();
    for (ConsumerRecord<String, byte[]> r : client.records()) {
      if (r.topic().endsWith(Topics.DLQ_SUFFIX)) {
        dead.add(
            CloudEventCodec.get(r.headers(), "dead-letter-topic")
                + "/"
                + CloudEventCodec.get(r.headers(), "dead-letter-partition")
                + "/"
                + CloudEventCodec.get(r.headers(), "dead-letter-offset"));
        String id = CloudEventCodec.get(r.headers(), "ce_id");
        if (id != null) {
          deadIds.add(id);
        }
      }
    }
    client.all(CommandRejected.class).forEach(r -> answered.add(r.commandId()));
    Map<String, Integer> accepted = new HashMap<>();
    for (CloudEvent<ClusterAccepted> a : client.allEvents(ClusterAccepted.class)) {
      if (creates.containsValue(a.data().cluster())) {
        accepted.merge(a.data().cluster(), 1, Integer::sum);
      }
    }
    int deadLettered = 0;
    int rejected = 0;
    int resent = 0;
    int validAnswered = 0;
    Set<String> seenIds = new HashSet<>();
    List<String> missing = new ArrayList<>();
    for (Sent s : sent) {
      String where = s.topic() + "/" + s.partition() + "/" + s.offset();
      if (s.valid()) {
        String name = creates.get(s.id());
        // A create is answered by ClusterAccepted, or refused (no node ready for it, say).
        if (answered.contains(s.id()) || (name != null && accepted.containsKey(name))) {
          validAnswered++;
        } else {
          missing.add("valid " + where + " " + s.id());
        }
        continue;
      }
      boolean repeated = s.id() != null && !seenIds.add(s.id());
      if (dead.contains(where)) {
        deadLettered++;
      } else if (s.id() != null && answered.contains(s.id()) && !repeated) {
        rejected++;
      } else if (repeated && (answered.contains(s.id()) || deadIds.contains(s.id()))) {
        resent++;
      } else {
        missing.add("hostile " + where + " " + abbreviate(s.id()));
      }
    }
    int twice = (int) accepted.values().stream().filter(n -> n > 1).count();
    return new Tally(deadLettered, rejected, resent, validAnswered, twice, missing);
  }

  /** The names of the clusters the run created, to delete afterwards. */
  public static List<String> createdClusters(KafkaTestClient client) {
    return client.all(ClusterAccepted.class).stream()
        .map(ClusterAccepted::cluster)
        .filter(n -> n.startsWith("fz-"))
        .distinct()
        .toList();
  }

  // --- the hostile records -------------------------------------------------------------------

  private ProducerRecord<String, byte[]> hostile(int i) {
    int pick = random.nextInt(100);
    String topic =
        services && pick >= 80
            ? (pick >= 90 ? UPGRADE : BACKUP)
            : pick < 50 ? CLUSTER : pick < 75 ? NODE_COMMANDS : NODE_EVENTS;
    String key = key(topic);
    int kind = random.nextInt(15);
    RecordHeaders headers = headers(template(topic));
    byte[] value = bytes(json(topic, key));
    switch (kind) {
      case 0 -> {
        headers = new RecordHeaders(); // no CloudEvents headers at all
        value = randomBytes(random.nextInt(200));
      }
      case 1 -> value = cut(value); // truncated JSON
      case 2 -> set(headers, "ce_type", "io.orogen." + word() + "." + word() + ".v1");
      case 3 -> set(headers, "ce_type", wrongKind(topic));
      case 4 -> value = bytes(mistyped(topic, key));
      case 5 -> value = bytes("{}");
      case 6 -> {
        if (random.nextInt(10) == 0) {
          set(headers, "ce_type", "x".repeat(100_000 + random.nextInt(300_000)));
        } else {
          set(headers, "ce_subject", "s".repeat(5_000));
        }
      }
      case 7 -> set(headers, "ce_id", badId());
      case 8 -> key = "other-" + word(); // the key names another aggregate
      case 9 -> value = null;
      case 10 -> set(headers, "ce_specversion", "0.3");
      case 11 -> value = bytes("[".repeat(3_000 + random.nextInt(3_000)));
      case 12 -> headers.add("ce_source", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
      case 13 -> {
        if (random.nextInt(10) == 0) {
          value = bytes("{\"name\":\"" + "v".repeat(400_000) + "\",\"size\":3}");
        } else {
          value = bytes("\"just a string\"");
        }
      }
      default -> value = bytes("null");
    }
    return new ProducerRecord<>(topic, null, key, value, headers);
  }

  /** {@code value} cut at a random place. */
  private byte[] cut(byte[] value) {
    int at = value.length <= 1 ? 0 : 1 + random.nextInt(value.length - 1);
    byte[] cut = new byte[at];
    System.arraycopy(value, 0, cut, 0, at);
    return cut;
  }

  private String key(String topic) {
    int pick = random.nextInt(10);
    if (pick == 0) {
      return null;
    }
    if (topic.equals(CLUSTER) || topic.equals(BACKUP) || topic.equals(UPGRADE)) {
      return "fz-" + word();
    }
    return pick < 7 ? nodes.get(random.nextInt(nodes.size())) : "fz-node-" + word();
  }

  private String template(String topic) {
    if (topic.equals(CLUSTER)) {
      return random.nextBoolean()
          ? "io.orogen.cluster.CreateCluster.v1"
          : "io.orogen.cluster.ScaleCluster.v1";
    }
    if (topic.equals(NODE_COMMANDS)) {
      return random.nextBoolean()
          ? "io.orogen.node.StartMember.v1"
          : "io.orogen.node.StopMember.v1";
    }
    if (topic.equals(UPGRADE)) {
      return random.nextBoolean()
          ? "io.orogen.upgrade.UpgradeCluster.v1"
          : "io.orogen.upgrade.SetUpdatePolicy.v1";
    }
    if (topic.equals(BACKUP)) {
      return switch (random.nextInt(4)) {
        case 0 -> "io.orogen.backup.CreateBackup.v1";
        case 1 -> "io.orogen.backup.SetBackupPolicy.v1";
        case 2 -> "io.orogen.backup.RestoreCluster.v1";
        default -> "io.orogen.backup.RestoreInPlace.v1";
      };
    }
    return switch (random.nextInt(3)) {
      case 0 -> "io.orogen.node.NodeRegistered.v1";
      case 1 -> "io.orogen.node.NodeHeartbeat.v1";
      default -> "io.orogen.node.MemberProcessExited.v1";
    };
  }

  /** A payload of the template's shape that is invalid (so that it can never act). */
  private String json(String topic, String key) {
    String aggregate = key == null ? "fz-x" : key;
    if (topic.equals(CLUSTER)) {
      return "{\"name\":\"Fz_"
          + word()
          + "\",\"cluster\":\""
          + aggregate
          + "\",\"size\":4,"
          + "\"version\":\"3.5\"}";
    }
    if (topic.equals(BACKUP)) {
      return "{\"cluster\":\"FZ_"
          + word()
          + "\",\"into\":\"Fz_"
          + word()
          + "\",\"backupId\":\""
          + aggregate
          + "\",\"schedule\":\"every now and then\",\"keepLast\":0,\"atRevision\":-1}";
    }
    if (topic.equals(UPGRADE)) {
      return "{\"cluster\":\"FZ_"
          + word()
          + "\",\"targetVersion\":\"not a release\",\"channel\":\"weekly\","
          + "\"windows\":[{\"days\":[],\"start\":\"25:00\",\"durationMinutes\":0,"
          + "\"zone\":\"Mars/Base\"}]}";
    }
    if (topic.equals(NODE_COMMANDS)) {
      return "{\"node\":\""
          + aggregate
          + "\",\"cluster\":\"FZ\",\"member\":\"fz-1\","
          + "\"version\":\"bad\",\"initialCluster\":{}}";
    }
    return "{\"node\":\"FZ_"
        + word()
        + "\",\"bootId\":\"b\",\"cluster\":\"FZ-NONE\","
        + "\"member\":\"fz-none-1\",\"address\":\"not an address\"}";
  }

  private String mistyped(String topic, String key) {
    String aggregate = key == null ? "fz-x" : key;
    return switch (random.nextInt(4)) {
      case 0 -> "{\"name\":\"" + aggregate + "\",\"cluster\":\"" + aggregate + "\",\"size\":3.9}";
      case 1 -> "{\"name\":\"" + aggregate + "\",\"cluster\":\"" + aggregate + "\",\"size\":\"3\"}";
      case 2 -> "{\"node\":17,\"name\":true,\"cluster\":[],\"size\":{}}";
      default -> "{\"node\":[\"" + aggregate + "\"],\"etcdVersions\":\"3.5.16\",\"pid\":\"x\"}";
    };
  }

  private String wrongKind(String topic) {
    return topic.equals(NODE_EVENTS)
        ? "io.orogen.node.StopMember.v1"
        : topic.equals(BACKUP)
            ? "io.orogen.backup.BackupCompleted.v1"
            : topic.equals(UPGRADE)
                ? "io.orogen.upgrade.UpgradeCompleted.v1"
                : topic.equals(CLUSTER)
                    ? "io.orogen.cluster.ClusterDeleted.v1"
                    : "io.orogen.node.NodeHeartbeat.v1";
  }

  private String badId() {
    return switch (random.nextInt(4)) {
      case 0 -> "i".repeat(2_000 + random.nextInt(8_000));
      case 1 -> "nul\u0000" + word();
      case 2 -> "\u001b[31m" + word();
      default -> "";
    };
  }

  private RecordHeaders headers(String type) {
    RecordHeaders headers = new RecordHeaders();
    set(headers, "ce_specversion", "1.0");
    set(headers, "ce_id", UUID.randomUUID().toString());
    set(headers, "ce_source", SOURCE.toString());
    set(headers, "ce_type", type);
    set(headers, "content-type", "application/json");
    return headers;
  }

  private String word() {
    StringBuilder word = new StringBuilder();
    for (int i = 0, n = 3 + random.nextInt(6); i < n; i++) {
      word.append((char) ('a' + random.nextInt(26)));
    }
    return word.toString();
  }

  private byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    return bytes;
  }

  private static void set(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, bytes(value));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String abbreviate(String id) {
    return id == null ? "(no id)" : id.length() > 40 ? id.substring(0, 40) + "…" : id;
  }
}
