package io.orogen.bench;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.orogen.events.Domain;
import io.orogen.events.backup.BackupCompleted;
import io.orogen.events.backup.BackupPolicySet;
import io.orogen.events.backup.BackupVerified;
import io.orogen.events.backup.ClusterRestored;
import io.orogen.events.backup.CreateBackup;
import io.orogen.events.backup.QuorumLossRecovery;
import io.orogen.events.backup.QuorumRecoveryStarted;
import io.orogen.events.backup.RestoreCluster;
import io.orogen.events.backup.SetBackupPolicy;
import io.orogen.events.cluster.ClusterDegraded;
import io.orogen.events.cluster.ClusterMember;
import io.orogen.events.cluster.ClusterReady;
import io.orogen.events.cluster.CreateCluster;
import io.orogen.events.cluster.DegradedReason;
import io.orogen.events.envelope.CloudEvent;
import io.orogen.events.node.MemberProcessStarted;
import io.orogen.runtime.WorkDirectory;
import io.orogen.runtime.etcd.EtcdDistribution;
import io.orogen.runtime.etcd.EtcdInstall;
import io.orogen.testing.EtcdKeys;
import io.orogen.testing.KafkaTestClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A backup and a restore of a cluster holding {@code mib} MiB, through Kafka, side by side with
 * {@code etcdctl snapshot save} and {@code etcdutl snapshot restore} on the same cluster and
 * member, with backup-service's peak RSS while it backed the cluster up.
 */
final class BackupBenchmark {

  private static final URI SOURCE = URI.create("/bench/backups");
  private static final Duration WAIT = Duration.ofMinutes(20);
  private static final int VALUE = 1024 * 1024;

  private final KafkaTestClient client;

  BackupBenchmark(KafkaTestClient client) {
    this.client = client;
  }

  /** Runs it and says what it measured, one line each. */
  List<String> run(int mib) throws Exception {
    List<String> lines = new ArrayList<>();
    client.send(CloudEvent.create(SOURCE, new CreateCluster("bulk", 3, "3.5", null)));
    ClusterReady ready =
        client.await(ClusterReady.class, r -> r.cluster().equals("bulk"), WAIT).data();
    Instant filling = Instant.now();
    fill(ready.endpoints(), mib);
    lines.add(
        String.format(
            "filled a 3-member cluster with %d MiB (1 MiB values) in %d ms",
            mib, Duration.between(filling, Instant.now()).toMillis()));

    // Orogen: CreateBackup -> BackupCompleted (stream, checksum, inspection, the member's hashkv).
    CloudEvent<CreateBackup> backup =
        CloudEvent.create(Domain.BACKUP, SOURCE, new CreateBackup("bulk"));
    long service = pidOf("backup-service/target/quarkus-app/quarkus-run.jar");
    long idleRss = statusKb(service, "VmRSS");
    settle();
    Instant sent = Instant.now();
    CloudEvent<BackupCompleted> completed;
    long peakRss;
    try (RssSampler rss = new RssSampler(service)) {
      client.send(backup);
      completed =
          client.awaitEvent(
              BackupCompleted.class, e -> e.correlationId().equals(backup.id()), WAIT);
      peakRss = rss.peakKb();
    }
    long orogenMillis = Duration.between(sent, completed.time()).toMillis();
    long size = completed.data().sizeBytes();
    long lifetimePeak = statusKb(service, "VmHWM");

    // etcd's own tools on the same member.
    EtcdInstall tools = EtcdDistribution.discover().resolve(completed.data().etcdVersion());
    String member =
        ready.members().stream()
            .filter(m -> m.name().equals(completed.data().member()))
            .map(ClusterMember::clientUrl)
            .findFirst()
            .orElseThrow();
    Path dir = WorkDirectory.newInstance("bench-backup");
    Path saved = dir.resolve("etcdctl.db");
    settle();
    long saveMillis =
        timed(
            tools.etcdctl().toString(),
            "--endpoints=" + member,
            "snapshot",
            "save",
            saved.toString());
    Path offline = tools.etcdutl().orElse(tools.etcdctl());
    long statusMillis = timed(offline.toString(), "snapshot", "status", saved.toString());
    lines.add(
        String.format(
            "backup of %d MiB (%d bytes): Orogen CreateBackup -> BackupCompleted %d ms (%.0f MiB/s;"
                + " streamed, checksummed, inspected); etcdctl snapshot save %d ms (%.0f MiB/s),"
                + " + etcdutl snapshot status %d ms; throughput ratio Orogen / etcdctl save %.2f,"
                + " / (save + status) %.2f",
            mib,
            size,
            orogenMillis,
            mibPerSecond(size, orogenMillis),
            saveMillis,
            mibPerSecond(size, saveMillis),
            statusMillis,
            (double) saveMillis / orogenMillis,
            (double) (saveMillis + statusMillis) / orogenMillis));
    lines.add(
        String.format(
            "backup-service RSS while backing up %d MiB: peak %d MB (idle before it %d MB; the"
                + " process's lifetime peak, start-up included, %d MB)",
            mib, peakRss / 1024, idleRss / 1024, lifetimePeak / 1024));
    BackupVerified verified =
        client
            .await(
                BackupVerified.class, v -> v.backupId().equals(completed.data().backupId()), WAIT)
            .data();
    lines.add(
        String.format(
            "verification (read back, checksum, restore into a scratch member, compare hashkv): %d ms",
            verified.durationMillis()));

    // Restore: etcd's runbook on three hosts at once (copy the snapshot to the host, restore it
    // with etcdutl and its default hash check; here three at once on one disk) and Orogen into a
    // new 3-member cluster (each agent downloads and checks the artifact, restores it with
    // etcdutl, starts the member).
    List<Process> restores = new ArrayList<>();
    settle();
    Instant restoring = Instant.now();
    for (int i = 1; i <= 3; i++) {
      Path copy = dir.resolve("copy-" + i + ".db");
      restores.add(
          start(
              "sh",
              "-c",
              "src=$0 copy=$1 tool=$2; shift 2; cp \"$src\" \"$copy\" && exec \"$tool\" snapshot"
                  + " restore \"$copy\" \"$@\"",
              saved.toString(),
              copy.toString(),
              offline.toString(),
              "--name=m" + i,
              "--data-dir=" + dir.resolve("restored-" + i),
              "--initial-cluster=m1=http://127.0.0.1:1,m2=http://127.0.0.1:2,m3=http://127.0.0.1:3",
              "--initial-advertise-peer-urls=http://127.0.0.1:" + i));
    }
    for (Process process : restores) {
      awaitSuccess(process);
    }
    long restoreMillis = Duration.between(restoring, Instant.now()).toMillis();
    CloudEvent<RestoreCluster> restore =
        CloudEvent.create(
            Domain.BACKUP,
            SOURCE,
            new RestoreCluster("bulk-copy", completed.data().backupId(), 3, null));
    for (int i = 1; i <= 3; i++) {
      deleteTree(dir.resolve("restored-" + i));
      Files.delete(dir.resolve("copy-" + i + ".db"));
    }
    settle();
    Instant restoreSent = Instant.now();
    client.send(restore);
    CloudEvent<ClusterRestored> done =
        client.awaitEvent(ClusterRestored.class, e -> e.data().cluster().equals("bulk-copy"), WAIT);
    long orogenRestoreMillis = Duration.between(restoreSent, done.time()).toMillis();
    lines.add(
        String.format(
            "restore of %d MiB into 3 members: cp + etcdutl snapshot restore into 3 data dirs at"
                + " once (hash checked, not started) %d ms (%.0f MiB/s per member); Orogen"
                + " RestoreCluster -> ClusterRestored (each agent downloads, checks the SHA-256,"
                + " restores, starts; members ready) %d ms (%.0f MiB/s per member); throughput"
                + " ratio Orogen / etcdutl %.2f",
            mib,
            restoreMillis,
            mibPerSecond(size, restoreMillis),
            orogenRestoreMillis,
            mibPerSecond(size, orogenRestoreMillis),
            (double) restoreMillis / orogenRestoreMillis));
    deleteTree(dir);
    lines.addAll(quorumLoss());
    return lines;
  }

  /**
   * Quorum loss on a 3-member cluster holding 64 MiB: two members lose their data, and the policy
   * brings it back, from the survivor and then from a backup. Timed from {@code ClusterDegraded}
   * QuorumLost to {@code ClusterReady}; the grace before a recovery starts ({@code
   * OROGEN_BACKUP_QUORUM_LOSS_GRACE}, 10 s here) is part of it and is shown apart.
   */
  private List<String> quorumLoss() throws Exception {
    List<String> lines = new ArrayList<>();
    client.send(CloudEvent.create(SOURCE, new CreateCluster("quorum", 3, "3.5", null)));
    ClusterReady ready =
        client.await(ClusterReady.class, r -> r.cluster().equals("quorum"), WAIT).data();
    fill(ready.endpoints(), 64);
    for (QuorumLossRecovery from :
        List.of(QuorumLossRecovery.SURVIVOR, QuorumLossRecovery.BACKUP)) {
      client.send(
          CloudEvent.create(
              Domain.BACKUP,
              SOURCE,
              new SetBackupPolicy("quorum", null, null, null, null, null, from)));
      client.await(
          BackupPolicySet.class,
          p -> p.cluster().equals("quorum") && p.quorumLossRecovery() == from,
          WAIT);
      if (from == QuorumLossRecovery.BACKUP) {
        CloudEvent<CreateBackup> backup =
            CloudEvent.create(Domain.BACKUP, SOURCE, new CreateBackup("quorum"));
        client.send(backup);
        client.awaitEvent(BackupCompleted.class, e -> e.correlationId().equals(backup.id()), WAIT);
      }
      Instant before = Instant.now();
      java.util.Map<String, MemberProcessStarted> byMember = new java.util.TreeMap<>();
      client.allEvents(MemberProcessStarted.class).stream()
          .map(CloudEvent::data)
          .filter(e -> e.cluster().equals("quorum"))
          .forEach(e -> byMember.put(e.member(), e));
      List<MemberProcessStarted> members = List.copyOf(byMember.values());
      for (MemberProcessStarted victim : members.subList(1, 3)) {
        EtcdKeys.loseData(victim.dataDir(), victim.pid());
      }
      CloudEvent<ClusterDegraded> lost =
          client.awaitEvent(
              ClusterDegraded.class,
              e ->
                  e.data().cluster().equals("quorum")
                      && e.data().reason() == DegradedReason.QUORUM_LOST
                      && e.time().isAfter(before),
              WAIT);
      CloudEvent<QuorumRecoveryStarted> started =
          client.awaitEvent(
              QuorumRecoveryStarted.class,
              e -> e.data().cluster().equals("quorum") && e.time().isAfter(before),
              WAIT);
      CloudEvent<ClusterReady> back =
          client.awaitEvent(
              ClusterReady.class,
              e -> e.data().cluster().equals("quorum") && e.time().isAfter(started.time()),
              WAIT);
      lines.add(
          String.format(
              "quorum loss (2 of 3 members lost their data, 64 MiB) recovered from the %s:"
                  + " QuorumLost -> ClusterReady %d ms (grace %d ms, then recovery %d ms);"
                  + " %s revisions lost",
              from == QuorumLossRecovery.SURVIVOR ? "survivor" : "newest backup",
              Duration.between(lost.time(), back.time()).toMillis(),
              Duration.between(lost.time(), started.time()).toMillis(),
              Duration.between(started.time(), back.time()).toMillis(),
              started.data().revisionsLost() == null
                  ? "unknown (no delta snapshots)"
                  : started.data().revisionsLost()));
    }
    return lines;
  }

  /** Writes {@code mib} values of 1 MiB of random bytes, 8 at a time. */
  private static void fill(List<String> endpoints, int mib) throws Exception {
    byte[] value = new byte[VALUE];
    Random random = new Random(mib);
    try (Client etcd = Client.builder().endpoints(endpoints.toArray(String[]::new)).build()) {
      for (int batch = 0; batch < mib; batch += 8) {
        List<CompletableFuture<?>> puts = new ArrayList<>();
        for (int i = batch; i < Math.min(mib, batch + 8); i++) {
          random.nextBytes(value);
          puts.add(
              etcd.getKVClient()
                  .put(
                      ByteSequence.from("/bulk/" + i, StandardCharsets.UTF_8),
                      ByteSequence.from(value.clone())));
        }
        for (CompletableFuture<?> put : puts) {
          put.get(2, TimeUnit.MINUTES);
        }
      }
    }
  }

  /** Runs a command; returns how long it took; throws with its output when it fails. */
  private static long timed(String... command) throws IOException, InterruptedException {
    Instant start = Instant.now();
    awaitSuccess(start(command));
    return Duration.between(start, Instant.now()).toMillis();
  }

  private static Process start(String... command) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("ETCDCTL_API", "3");
    return builder.start();
  }

  private static void awaitSuccess(Process process) throws IOException, InterruptedException {
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(
          String.join(" ", process.info().commandLine().orElse("etcdutl")) + " failed: " + out);
    }
  }

  /** The pid of the process whose command line contains {@code jar}. */
  private static long pidOf(String jar) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains(jar))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no process runs " + jar))
        .pid();
  }

  /** A line of {@code /proc/<pid>/status} in kB ({@code VmRSS}, {@code VmHWM}), -1 if gone. */
  private static long statusKb(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException e) {
      // the process is gone
    }
    return -1;
  }

  /** The largest resident set of a process while it runs, read every 100 ms until closed. */
  private static final class RssSampler implements AutoCloseable {
    private final long pid;
    private final java.util.concurrent.atomic.AtomicLong peakKb =
        new java.util.concurrent.atomic.AtomicLong();
    private final Thread thread;

    RssSampler(long pid) {
      this.pid = pid;
      this.thread =
          new Thread(
              () -> {
                while (!Thread.currentThread().isInterrupted()) {
                  peakKb.accumulateAndGet(statusKb(pid, "VmRSS"), Math::max);
                  try {
                    Thread.sleep(100);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "rss-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    long peakKb() {
      return Math.max(peakKb.get(), statusKb(pid, "VmRSS"));
    }

    @Override
    public void close() throws InterruptedException {
      thread.interrupt();
      thread.join();
    }
  }

  /** Writes the page cache out, so that one measured step does not pay for the last one's. */
  private static void settle() throws IOException, InterruptedException {
    awaitSuccess(start("sync"));
  }

  private static double mibPerSecond(long bytes, long millis) {
    return bytes / (1024.0 * 1024) / Math.max(1, millis) * 1000;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
