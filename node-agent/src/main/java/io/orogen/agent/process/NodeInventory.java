package io.orogen.agent.process;

import io.orogen.agent.config.AgentConfig;
import io.orogen.events.node.NodeCapacity;
import io.orogen.events.node.NodeRegistered;
import io.orogen.events.node.PortRange;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** What this host is and can take, as {@code NodeRegistered} reports it. */
@ApplicationScoped
public class NodeInventory {

  private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

  private final AgentConfig config;
  private final EtcdReleases releases;
  private final String bootId;

  public NodeInventory(AgentConfig config, EtcdReleases releases) {
    this.config = config;
    this.releases = releases;
    this.bootId = config.bootId().orElseGet(NodeInventory::kernelBootId);
  }

  public String bootId() {
    return bootId;
  }

  public NodeRegistered registration() {
    return new NodeRegistered(
        config.nodeName(),
        bootId,
        config.labels(),
        config.address(),
        releases.versions(),
        new NodeCapacity(
            config.maxMembers(),
            Runtime.getRuntime().availableProcessors(),
            totalMemory(),
            diskFreeBytes()),
        new PortRange(config.portRangeFirst(), config.portRangeLast()),
        NodeInventory.class.getPackage().getImplementationVersion());
  }

  /** Free bytes on the file system of the data root. */
  public long diskFreeBytes() {
    try {
      Files.createDirectories(config.dataRoot());
      return Files.getFileStore(config.dataRoot()).getUsableSpace();
    } catch (IOException e) {
      return -1;
    }
  }

  private static long totalMemory() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return -1;
  }

  private static String kernelBootId() {
    try {
      return Files.readString(BOOT_ID).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
