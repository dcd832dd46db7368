package io.orogen.cluster.provider;

import io.orogen.events.cluster.Provider;
import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The {@link MemberProvider} of each {@link Provider}. */
@ApplicationScoped
public class Providers {

  private final Map<Provider, MemberProvider> byKind = new EnumMap<>(Provider.class);

  public Providers(@All List<MemberProvider> providers) {
    providers.forEach(p -> byKind.put(p.kind(), p));
  }

  public MemberProvider of(Provider provider) {
    return byKind.get(provider == null ? Provider.AGENTS : provider);
  }
}
