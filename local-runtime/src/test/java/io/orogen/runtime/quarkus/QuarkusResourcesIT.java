package io.orogen.runtime.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.Client;
import io.orogen.runtime.Jdbc;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The three test resources together, as a service's {@code @QuarkusTest} uses them. */
@QuarkusTest
@WithTestResource(
    value = KafkaResource.class,
    initArgs = @ResourceArg(name = "topics", value = "orogen.test.commands"))
@WithTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "cluster"))
@WithTestResource(
    value = EtcdResource.class,
    initArgs = {
      @ResourceArg(name = "members", value = "3"),
      @ResourceArg(name = "version", value = "oldest")
    })
class QuarkusResourcesIT {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String kafka;

  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String jdbcUrl;

  @ConfigProperty(name = "quarkus.datasource.reactive.url")
  String reactiveUrl;

  @ConfigProperty(name = "orogen.etcd.endpoints")
  String etcdEndpoints;

  @ConfigProperty(name = "orogen.etcd.endpoints-version")
  String etcdVersion;

  @Test
  void everyServerAnswersAtTheConfiguredAddress() throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
          .contains("orogen.test.commands");
    }

    assertThat(jdbcUrl).endsWith("/cluster");
    assertThat(reactiveUrl).startsWith("postgresql://localhost:").endsWith("/cluster");
    try (Connection connection = Jdbc.connect(jdbcUrl)) {
      assertThat(connection.isValid(5)).isTrue();
    }

    assertThat(etcdEndpoints.split(",")).hasSize(3);
    try (Client client = Client.builder().endpoints(etcdEndpoints.split(",")).build()) {
      var members = client.getClusterClient().listMember().get(10, TimeUnit.SECONDS).getMembers();
      assertThat(members).hasSize(3);
      String endpoint = etcdEndpoints.split(",")[0];
      assertThat(
              client
                  .getMaintenanceClient()
                  .statusMember(endpoint)
                  .get(10, TimeUnit.SECONDS)
                  .getVersion())
          .isEqualTo(etcdVersion);
    }
  }
}
