package io.orogen.runtime.services;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Stops the etcd member processes (of node agents) whose data lives under a directory. Members
 * outlive their node agents by design, so whatever stops agents for good ({@code ./orogen down}, a
 * test's end) stops the members with this.
 */
public final class EtcdMemberSweep {

  private static final Duration GRACE = Duration.ofSeconds(20);

  private EtcdMemberSweep() {}

  /** SIGTERM to each, SIGKILL after the grace period; returns how many there were. */
  public static int stopUnder(Path root) {
    String prefix = root.toAbsolutePath().toString();
    List<ProcessHandle> members =
        ProcessHandle.allProcesses()
            .filter(p -> p.info().command().orElse("").endsWith("/etcd"))
            .filter(p -> p.info().commandLine().orElse("").contains(prefix))
            // Node agents keep members under <data root>/members/; other etcd servers stay.
            .filter(p -> p.info().commandLine().orElse("").contains("/members/"))
            .toList();
    members.forEach(ProcessHandle::destroy);
    CompletableFuture.allOf(
            members.stream()
                .map(
                    p ->
                        p.onExit()
                            .orTimeout(GRACE.toMillis(), TimeUnit.MILLISECONDS)
                            .exceptionally(
                                timeout -> {
                                  p.destroyForcibly();
                                  return p;
                                }))
                .toArray(CompletableFuture[]::new))
        .join();
    return members.size();
  }
}
