package io.orogen.cluster.provider;

import io.orogen.cluster.kubernetes.KubernetesMembers;
import io.orogen.events.cluster.Provider;
import jakarta.enterprise.context.ApplicationScoped;

/** The {@link MemberProvider} of each {@link Provider}. */
@ApplicationScoped
public class Providers {

  private final AgentMembers agents;
  private final KubernetesMembers kubernetes;

  public Providers(AgentMembers agents, KubernetesMembers kubernetes) {
    this.agents = agents;
    this.kubernetes = kubernetes;
  }

  public MemberProvider of(Provider provider) {
    return provider == Provider.KUBERNETES ? kubernetes : agents;
  }

  /** The provider of a cluster row ({@code agents} or {@code kubernetes}). */
  public MemberProvider of(String provider) {
    return of(Provider.valueOf(provider.toUpperCase()));
  }

  public KubernetesMembers kubernetes() {
    return kubernetes;
  }
}
