package io.orogen.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import io.orogen.events.Topics;
import io.orogen.events.node.MemberProcessStarted;
import io.orogen.testing.EtcdKeys;
import io.orogen.testing.KafkaTestClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * An operator's session in a real headless Chromium against the real platform (Kafka, PostgreSQL,
 * cluster-service, four node agents): a mistyped name is shown beside the field; a 3-member cluster
 * is created through the form and seen Ready; a member whose data is gone is seen replaced in the
 * member table and the event feed; the cluster is deleted. Screenshots of each page go to {@code
 * target/screenshots/}.
 */
@QuarkusTest
@WithTestResource(PlatformResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

  static final Duration READY = Duration.ofSeconds(90);
  static Browser browser;

  @TestHTTPResource("/")
  URL console;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String kafka;

  /** Every test leaves its last page behind: a screenshot and the HTML, for a reviewer. */
  @AfterEach
  void capture(TestInfo test) {
    if (browser != null) {
      String name = "last-" + test.getTestMethod().orElseThrow().getName();
      browser.screenshot(name);
      browser.saveSource(name);
    }
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  /** Started by the first test: only a test knows the console's URL. */
  Browser browser() {
    if (browser == null) {
      browser = new Browser(console.toString());
    }
    return browser;
  }

  @Test
  @Order(1)
  void anInvalidNameIsShownBesideTheField() {
    Browser b = browser();
    b.open("/clusters/new");
    // The form offers the releases the nodes can run, once they registered.
    b.await(READY, d -> new Select(b.find("#version")).getOptions().size() > 1);
    b.find("#name").sendKeys("Bad_Name");
    b.click("#submit");
    b.await(READY, visibilityOfElementLocated(By.id("name-error")));
    assertThat(b.find("#name-error").getText()).contains("DNS-1123");
    assertThat(b.find("#name").getAttribute("aria-invalid")).isEqualTo("true");
    b.screenshot("01-create-invalid-name");
  }

  @Test
  @Order(2)
  void aClusterCreatedThroughTheFormBecomesReady() {
    Browser b = browser();
    b.open("/clusters/new");
    b.await(READY, d -> new Select(b.find("#version")).getOptions().size() > 1);
    b.find("#name").sendKeys("web");
    new Select(b.find("#size")).selectByValue("3");
    b.click("details summary");
    b.await(READY, textToBePresentInElementLocated(By.id("preview"), "\"name\" : \"web\""));
    b.screenshot("02-create-form");
    b.click("#submit");

    b.await(READY, urlToBe(console.toString() + "clusters/web"));
    b.await(READY, textToBePresentInElementLocated(By.id("phase"), "Ready"));
    b.await(READY, numberOfElementsToBe(By.cssSelector("#members tbody tr[data-member]"), 3));
    b.await(READY, textToBePresentInElementLocated(By.id("members"), "leader"));
    assertThat(b.find("#etcdctl").getText()).startsWith("etcdctl --endpoints=http://");
    b.screenshot("03-cluster-ready");

    // A follower made leader from its row.
    b.await(READY, d -> !d.findElements(By.cssSelector("button[data-lead]")).isEmpty());
    String heir =
        b.await(
            READY,
            d -> d.findElement(By.cssSelector("button[data-lead]")).getAttribute("data-lead"));
    b.click("button[data-lead='" + heir + "']");
    b.await(READY, textToBePresentInElementLocated(By.id("action-result"), "leadership"));
    b.await(
        READY,
        textToBePresentInElementLocated(
            By.cssSelector("#members tr[data-member=" + heir + "]"), "★ leader"));

    b.open("/clusters");
    b.await(
        READY, textToBePresentInElementLocated(By.cssSelector("tr[data-cluster=web]"), "Ready"));
    b.screenshot("04-cluster-list");
  }

  @Test
  @Order(3)
  void thePolicyFormShowsErrorsBesideTheFields() {
    Browser b = browser();
    b.open("/clusters/web");
    b.await(READY, visibilityOfElementLocated(By.id("schedule")));
    b.find("#schedule").sendKeys("every hour");
    b.click("#save-policy");
    b.await(READY, visibilityOfElementLocated(By.id("schedule-error")));
    assertThat(b.find("#schedule-error").getText()).contains("5 (minute hour");
    assertThat(b.find("#schedule").getAttribute("aria-invalid")).isEqualTo("true");
    b.screenshot("backups-1-policy-invalid-schedule");

    b.find("#schedule").clear();
    b.find("#schedule").sendKeys("0 3 * * *");
    b.find("#keepLast").sendKeys("0");
    b.click("#save-policy");
    b.await(READY, visibilityOfElementLocated(By.id("keepLast-error")));
    assertThat(b.find("#keepLast-error").getText()).contains("greater than or equal to 1");

    b.find("#keepLast").clear();
    b.find("#keepLast").sendKeys("7");
    b.click("#save-policy");
    b.await(READY, visibilityOfElementLocated(By.id("policy-saved")));
    assertThat(b.find("#policy-saved").getText()).contains("Next backup at").contains("T03:00");
  }

  @Test
  @Order(4)
  void aBackupTakenFromTheConsoleRestoresIntoANewCluster() throws Exception {
    Browser b = browser();
    b.open("/clusters/web");
    b.await(READY, textToBePresentInElementLocated(By.id("phase"), "Ready"));
    List<String> endpoints =
        List.of(b.find("#etcdctl").getText().replaceAll(".*--endpoints=(\\S+).*", "$1").split(","));
    EtcdKeys.put(endpoints, "/web/greeting", "from the console");
    b.click("#back-up-now");
    b.await(READY, textToBePresentInElementLocated(By.id("backup-result"), "Backing up web"));
    b.await(
        READY, presenceOfElementLocated(By.cssSelector("tr[data-backup][data-state=COMPLETED]")));
    b.await(READY, textToBePresentInElementLocated(By.id("backup-list"), "verified"));
    b.screenshot("backups-2-backup-completed");

    b.find("tr[data-state=COMPLETED] input[name=into]").sendKeys("web-copy");
    b.click("tr[data-state=COMPLETED] .restore-form button");
    b.await(READY, alertIsPresent()).accept();
    b.await(READY, urlToBe(console.toString() + "clusters/web-copy"));
    b.await(
        READY,
        d -> {
          if (d.findElements(By.id("phase")).isEmpty()) {
            d.navigate().refresh();
            return false;
          }
          return d.findElement(By.id("phase")).getText().contains("Ready");
        });
    List<String> restored =
        List.of(b.find("#etcdctl").getText().replaceAll(".*--endpoints=(\\S+).*", "$1").split(","));
    assertThat(EtcdKeys.get(restored, "/web/greeting")).isEqualTo("from the console");
    b.screenshot("backups-3-restored-cluster");
  }

  @Test
  @Order(5)
  void anUpgradeStartedFromTheConsoleCompletesAndAMinorDowngradeIsNotOffered() {
    Browser b = browser();
    b.open("/clusters/web");
    // A refused path: 3.4 is a downgrade of the minor, shown with why and without a button.
    b.await(
        READY,
        textToBePresentInElementLocated(
            By.cssSelector("#versions tr[data-version='3.4.23']"), "downgrade of the minor"));
    assertThat(b.all("#versions tr[data-version='3.4.23'] button")).isEmpty();
    b.screenshot("upgrades-1-versions");

    b.click("button.upgrade-to[data-to='3.5.16']");
    b.await(READY, numberOfElementsToBe(By.cssSelector("#plan-order li"), 3));
    assertThat(b.all("#plan-order li").get(2).getText()).contains("leader");
    b.screenshot("upgrades-2-plan");
    b.click("#confirm-upgrade");
    b.await(READY, textToBePresentInElementLocated(By.id("update-result"), "Upgrading web"));
    b.await(
        READY,
        presenceOfElementLocated(By.cssSelector("#upgrade-history tr[data-state=COMPLETED]")));
    b.await(READY, textToBePresentInElementLocated(By.id("current-version"), "3.5.16"));
    assertThat(b.find("#upgrade-history tr[data-state=COMPLETED]").getText())
        .contains("3.5.30")
        .contains("web-");
    b.screenshot("upgrades-3-completed");

    b.find("#windows").sendKeys("SATURDAY 02:00 60 Mars/Base");
    b.click("#save-update-policy");
    b.await(READY, visibilityOfElementLocated(By.id("windows-error")));
    assertThat(b.find("#windows-error").getText()).contains("time zone");
  }

  @Test
  @Order(6)
  void aMemberWhoseDataIsGoneIsSeenReplaced() throws Exception {
    Browser b = browser();
    b.open("/clusters/web");
    try (KafkaTestClient client = new KafkaTestClient(kafka, Topics.NODE_EVENTS)) {
      MemberProcessStarted victim =
          client.await(MemberProcessStarted.class, s -> s.member().equals("web-2")).data();
      EtcdKeys.loseData(victim.dataDir(), victim.pid());
    }
    b.await(READY, presenceOfElementLocated(By.cssSelector("#members tr[data-member=web-4]")));
    b.await(READY, textToBePresentInElementLocated(By.id("phase"), "Ready"));
    assertThat(b.all("#members tr[data-member=web-2]")).isEmpty();
    b.await(READY, textToBePresentInElementLocated(By.id("history"), "MemberReplaced"));
    b.screenshot("05-member-replaced");

    b.open("/events?cluster=web");
    b.await(READY, presenceOfElementLocated(By.cssSelector("#feed tr[data-type=MemberReplaced]")));
    b.click("#feed tr[data-type=MemberReplaced]");
    b.await(READY, textToBePresentInElementLocated(By.id("event-detail"), "ce_type"));
    assertThat(b.find("#event-json").getText()).contains("\"replacedMember\" : \"web-2\"");
    b.screenshot("06-event-feed");
  }

  @Test
  @Order(7)
  void nodesAndANarrowWindow() {
    Browser b = browser();
    b.open("/nodes");
    b.await(
        READY,
        numberOfElementsToBe(By.cssSelector("#node-table tr[data-node]"), PlatformResource.AGENTS));
    // The table is swapped in anew as heartbeats arrive: read it through waits that survive a swap.
    b.await(READY, textToBePresentInElementLocated(By.id("node-table"), "zone=zone-1"));
    b.await(READY, textToBePresentInElementLocated(By.id("node-table"), "Ready"));
    b.screenshot("07-nodes");

    b.size(420, 900);
    b.open("/clusters/web");
    b.await(READY, textToBePresentInElementLocated(By.id("phase"), "Ready"));
    b.screenshot("08-cluster-narrow");
    b.size(1280, 800);
  }

  @Test
  @Order(8)
  void theClusterIsDeletedAfterConfirmation() {
    Browser b = browser();
    b.open("/clusters/web");
    b.await(READY, visibilityOfElementLocated(By.id("delete")));
    b.click("#delete");
    b.await(READY, alertIsPresent()).accept();
    b.await(READY, urlToBe(console.toString() + "clusters"));
    b.await(READY, numberOfElementsToBe(By.cssSelector("tr[data-cluster=web]"), 0));
    b.screenshot("09-deleted");
    assertThat(b.consoleErrors()).isEmpty();
  }

  @Test
  @Order(9)
  void withClusterServiceGoneItIsReadOnlyAndStillShowsTheEvents() {
    Browser b = browser();
    PlatformResource.clusterService.kill();
    b.open("/clusters");
    b.await(
        READY,
        d -> {
          d.navigate().refresh();
          return !d.findElements(By.id("read-only")).isEmpty();
        });
    assertThat(b.all("#create-cluster")).isEmpty();
    b.open("/nodes");
    assertThat(b.all("#node-table tr[data-node]")).hasSize(PlatformResource.AGENTS);
    b.open("/events?type=ClusterDeleted");
    b.await(READY, presenceOfElementLocated(By.cssSelector("#feed tr[data-type=ClusterDeleted]")));
    b.screenshot("10-read-only");
  }
}
