package io.orogen.events.node;

/**
 * The ports a node agent gives to the members it runs, both ends included.
 *
 * @param first the first port
 * @param last the last port
 */
public record PortRange(int first, int last) {}
