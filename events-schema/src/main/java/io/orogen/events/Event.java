package io.orogen.events;

/** A fact a service recorded. An event carries enough state to be understood alone. */
public interface Event extends Payload {}
