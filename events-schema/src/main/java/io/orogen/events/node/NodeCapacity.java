package io.orogen.events.node;

/**
 * What a node can take.
 *
 * @param maxMembers how many etcd members the agent runs at most
 * @param cpus available processors
 * @param memoryBytes total memory
 * @param diskFreeBytes free space under the agent's data root
 */
public record NodeCapacity(int maxMembers, int cpus, long memoryBytes, long diskFreeBytes) {}
