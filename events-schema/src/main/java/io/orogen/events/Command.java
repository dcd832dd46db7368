package io.orogen.events;

/** A request to a service. Every command is answered by events or by {@code CommandRejected}. */
public interface Command extends Payload {}
