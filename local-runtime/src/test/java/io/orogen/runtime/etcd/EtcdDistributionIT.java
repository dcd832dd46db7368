package io.orogen.runtime.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The etcd releases on this machine, fetched from Debian's archive on first use. */
class EtcdDistributionIT {

  @TempDir Path dir;

  @Test
  void findsSeveralRealReleasesNewestFirst() {
    EtcdDistribution distribution = EtcdDistribution.discover();

    assertThat(distribution.installs()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(distribution.newest().version()).isGreaterThan(distribution.oldest().version());
    for (EtcdInstall install : distribution.installs()) {
      assertThat(EtcdDistribution.versionOf(install.etcd())).isEqualTo(install.version());
      assertThat(install.etcdctl()).isExecutable();
    }
  }

  @Test
  void resolvesAMinorToItsNewestPatch() {
    EtcdDistribution distribution = EtcdDistribution.discover();
    EtcdInstall newest = distribution.newest();
    String minor = newest.version().major() + "." + newest.version().minor();

    assertThat(distribution.resolve(minor)).isEqualTo(newest);
    assertThat(distribution.resolve(newest.version().toString())).isEqualTo(newest);
    assertThatThrownBy(() -> distribution.resolve("9.9"))
        .hasMessageContaining("no etcd 9.9 here; available: ");
  }

  @Test
  void aUserDirectoryWithOneReleaseOrOnePerSubdirectoryIsScanned() throws Exception {
    EtcdInstall real = EtcdDistribution.discover().oldest();
    Path flat = Files.createDirectories(dir.resolve("flat"));
    Files.createSymbolicLink(flat.resolve("etcd"), real.etcd());
    Path nested = Files.createDirectories(dir.resolve("nested"));
    Files.createSymbolicLink(nested.resolve("any-name"), real.directory());

    assertThat(EtcdDistribution.scan(flat))
        .extracting(EtcdInstall::version)
        .containsExactly(real.version());
    assertThat(EtcdDistribution.scan(nested))
        .extracting(EtcdInstall::version)
        .containsExactly(real.version());
    assertThat(EtcdDistribution.scan(dir.resolve("missing"))).isEmpty();
  }
}
