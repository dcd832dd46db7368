package io.orogen.cluster.reconcile;

import io.orogen.cluster.model.MemberStatus;
import io.orogen.cluster.persistence.MemberEntity;
import io.orogen.events.cluster.MemberRole;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What the members that run answered in one pass, by member name. */
record Observed(Map<String, MemberStatus> byMember) {

  MemberStatus of(MemberEntity member) {
    return byMember.getOrDefault(member.name, MemberStatus.unreachable(member.clientUrl()));
  }

  boolean answering(MemberEntity member) {
    return of(member).reachable();
  }

  boolean leads(MemberEntity member) {
    return of(member).role() == MemberRole.LEADER;
  }

  /** The answers of those of {@code members} that were asked. */
  List<MemberStatus> of(List<MemberEntity> members) {
    return members.stream().map(m -> byMember.get(m.name)).filter(Objects::nonNull).toList();
  }
}
