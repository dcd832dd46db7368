package io.orogen.agent.process;

import io.orogen.agent.model.MemberSpec;
import io.orogen.events.envelope.CloudEvent;
import java.util.List;

/** What the supervisor reports about member processes; {@code cause} is null for crashes. */
public interface MemberEvents {

  void started(MemberSpec spec, long pid, boolean adopted, CloudEvent<?> cause);

  void exited(
      MemberSpec spec,
      Integer exitCode,
      boolean requested,
      List<String> lastLogLines,
      boolean dataLost,
      CloudEvent<?> cause);

  void dataRemoved(String cluster, String member, CloudEvent<?> cause);
}
