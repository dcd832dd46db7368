package io.orogen.events.upgrade;

/**
 * How long one member of an upgrade run took.
 *
 * @param member the member
 * @param durationMillis from its restart being asked for to the cluster settled again
 */
public record MemberTiming(String member, long durationMillis) {}
