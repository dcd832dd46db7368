package io.orogen.nodeupdate.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orogen.nodeupdate.lock.RebootSemaphore.Acquired;
import io.orogen.nodeupdate.lock.RebootSemaphore.Full;
import io.orogen.nodeupdate.lock.RebootSemaphore.Granted;
import io.orogen.nodeupdate.lock.RebootSemaphore.Holder;
import io.orogen.runtime.WorkDirectory;
import io.orogen.runtime.etcd.EtcdCluster;
import io.orogen.runtime.etcd.EtcdDistribution;
import io.orogen.runtime.etcd.EtcdInstall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reboot semaphore on a real etcd of the oldest and the newest release Orogen runs: at most
 * {@code max} holders however many instances race for slots, fencing tokens that grow, releases
 * that only free the grant they name, and nothing granted while etcd is away.
 */
class RebootSemaphoreIT {

  static final Duration TIMEOUT = Duration.ofSeconds(5);

  @ParameterizedTest
  @ValueSource(strings = {"oldest", "newest"})
  void grantsAtMostMaxSlotsAndFencesThem(String release) throws Exception {
    EtcdInstall install = EtcdDistribution.discover().resolve(release);
    try (EtcdCluster etcd =
            EtcdCluster.start(install, 1, WorkDirectory.newInstance("sem-" + release));
        RebootSemaphore one = semaphore(etcd);
        RebootSemaphore two = semaphore(etcd)) {
      Granted first = (Granted) one.acquire("default", "node-1", 2, "kernel 6.1.0-30");
      Granted second = (Granted) two.acquire("default", "node-2", 2, "kernel 6.1.0-30");
      assertThat(second.token()).isGreaterThan(first.token());
      assertThat(first.already()).isFalse();
      // Asked again (a retried command, another instance): the same grant.
      assertThat(two.acquire("default", "node-1", 2, "again"))
          .isEqualTo(new Granted(first.token(), true));
      Acquired third = one.acquire("default", "node-3", 2, "kernel 6.1.0-30");
      assertThat(third).isInstanceOf(Full.class);
      assertThat(((Full) third).holders())
          .extracting(Holder::node)
          .containsExactly("node-1", "node-2");
      // Any client id names a holder, a FleetLock UUID or a name with a slash.
      Granted odd = (Granted) one.acquire("workers", "rack-1/node 7", 1, "");
      assertThat(two.holders("workers")).extracting(Holder::node).containsExactly("rack-1/node 7");
      assertThat(two.release("workers", "rack-1/node 7", odd.token())).isTrue();
      // Another group has slots of its own.
      assertThat(one.acquire("racks", "node-3", 1, "")).isInstanceOf(Granted.class);

      // A release naming an older grant does not free the slot.
      assertThat(one.release("default", "node-1", first.token() - 1)).isFalse();
      assertThat(one.holders("default")).extracting(Holder::node).contains("node-1");
      assertThat(one.release("default", "node-1", first.token())).isTrue();
      assertThat(two.release("default", "node-1", first.token())).isTrue(); // again: nothing held
      Granted next = (Granted) two.acquire("default", "node-3", 2, "kernel 6.1.0-30");
      assertThat(next.token()).isGreaterThan(second.token());
      assertThat(one.holders("default"))
          .extracting(Holder::node, Holder::note)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("node-2", "kernel 6.1.0-30"),
              org.assertj.core.groups.Tuple.tuple("node-3", "kernel 6.1.0-30"));
    }
  }

  @Test
  void racingInstancesNeverGrantMoreThanMax() throws Exception {
    EtcdInstall install = EtcdDistribution.discover().newest();
    try (EtcdCluster etcd = EtcdCluster.start(install, 1, WorkDirectory.newInstance("race"));
        RebootSemaphore one = semaphore(etcd);
        RebootSemaphore two = semaphore(etcd)) {
      ExecutorService pool = Executors.newFixedThreadPool(16);
      try {
        for (int round = 0; round < 5; round++) {
          String group = "race-" + round;
          List<Callable<Acquired>> asks = new ArrayList<>();
          for (int n = 0; n < 40; n++) {
            RebootSemaphore instance = n % 2 == 0 ? one : two;
            String node = "node-" + n;
            asks.add(() -> instance.acquire(group, node, 3, ""));
          }
          List<Acquired> answers = new ArrayList<>();
          for (Future<Acquired> answer : pool.invokeAll(asks)) {
            answers.add(answer.get());
          }
          assertThat(answers).filteredOn(a -> a instanceof Granted).hasSize(3);
          assertThat(answers).filteredOn(a -> a instanceof Full).hasSize(37);
          assertThat(one.holders(group)).hasSize(3);
          assertThat(one.holders(group)).extracting(Holder::token).doesNotHaveDuplicates();
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void grantsNothingWhileEtcdIsAway() throws Exception {
    EtcdInstall install = EtcdDistribution.discover().newest();
    EtcdCluster etcd = EtcdCluster.start(install, 1, WorkDirectory.newInstance("away"));
    try (RebootSemaphore semaphore =
        new RebootSemaphore(
            Arrays.asList(etcd.endpoints().split(",")), "/orogen/reboot", Duration.ofSeconds(2))) {
      assertThat(semaphore.acquire("default", "node-1", 1, "")).isInstanceOf(Granted.class);
      etcd.close();
      assertThatThrownBy(() -> semaphore.acquire("default", "node-2", 5, ""))
          .isInstanceOf(RebootSemaphore.Unavailable.class)
          .hasMessageContaining("slots of default");
    } finally {
      etcd.close();
    }
  }

  static RebootSemaphore semaphore(EtcdCluster etcd) {
    return new RebootSemaphore(
        Arrays.asList(etcd.endpoints().split(",")), "/orogen/reboot", TIMEOUT);
  }
}
