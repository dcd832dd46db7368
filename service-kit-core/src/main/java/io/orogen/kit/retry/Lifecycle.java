package io.orogen.kit.retry;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/** Whether the process is stopping: retry loops end then, and leave the record to a successor. */
@ApplicationScoped
public class Lifecycle {

  private volatile boolean stopping;

  public boolean stopping() {
    return stopping;
  }

  void onStop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent stop) {
    stopping = true;
  }
}
