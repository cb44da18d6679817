package dev.cogalign.launcher.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.launcher.demo.GatewayClient;
import dev.cogalign.launcher.platform.Platform;
import dev.cogalign.launcher.platform.Service;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard at {@code /ui/} in headless Chromium against the whole platform: a CRV run over 10
 * GSM8K problems (rules agents) and an SFT job of a few steps on the tiny fixture model, created
 * through the API, then read the way a person would, from the pages' {@code data-testid} elements.
 * With {@code COGALIGN_SCREENSHOTS=<folder>} in the environment it also saves the pages as PNGs
 * ({@code docs/images/screenshots.sh}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardIT {

  private static final int PROBLEMS = DashboardScenario.PROBLEMS;
  private static final int SFT_STEPS = DashboardScenario.SFT_STEPS;
  private static final int COGPO_STEPS = 12;

  /** Far more steps than a test waits for: a job that is still running when it is cancelled. */
  private static final int LONG_STEPS = 5_000;

  @TempDir static Path dataDirectory;

  private final HttpClient http = HttpClient.newHttpClient();
  private DashboardScenario scenario;
  private Platform platform;
  private GatewayClient api;
  private DashboardBrowser pages;
  private ChromeDriver browser;
  private long runId;
  private JsonNode run;
  private long baseModelId;
  private long sftJobId;
  private JsonNode sftJob;

  @BeforeAll
  void startPlatformRunCrvTrainSftAndOpenTheBrowser() throws Exception {
    Chromium.requireInstalled();
    scenario = DashboardScenario.start(dataDirectory);
    platform = scenario.platform();
    api = scenario.api();
    runId = scenario.runId();
    run = scenario.run();
    baseModelId = scenario.baseModelId();
    sftJobId = scenario.sftJobId();
    sftJob = scenario.sftJob();
    pages =
        new DashboardBrowser(
            dataDirectory.resolve("chromium"), platform.gatewayUrl(), platform.adminKey());
    browser = pages.driver();
  }

  @AfterAll
  void stop() {
    if (pages != null) {
      pages.close();
    }
    if (scenario != null) {
      scenario.close();
    }
  }

  /**
   * Whatever a test did, the console holds no error: no script failed and the
   * Content-Security-Policy refused nothing (only the 401 of a refused key is expected).
   */
  @AfterEach
  void consoleHoldsNoError() {
    assertThat(pages.consoleErrors()).isEmpty();
  }

  @Test
  void pagesSendAVisitorWithoutAKeyToSignInAndRefuseAWrongKey() {
    browser.get(url("/ui/runs").toString());
    browser.executeScript("sessionStorage.clear()");
    browser.get(url("/ui/runs/" + runId).toString());
    pages.waitFor(ExpectedConditions.urlContains("/ui/sign-in?next="));

    WebElement key = pages.testId("api-key");
    pages.screenshot("sign-in");
    assertThat(browser.findElement(By.cssSelector("label[for=api-key]")).getText())
        .isEqualTo("API key");
    key.sendKeys("not-a-key");
    pages.testId("sign-in").click();
    WebElement error =
        pages.waitFor(
            ExpectedConditions.visibilityOfElementLocated(
                DashboardBrowser.byTestId("sign-in-error")));
    assertThat(error.getText()).isEqualTo("This API key was not accepted.");
    assertThat(browser.getCurrentUrl()).contains("/ui/sign-in");

    key.clear();
    key.sendKeys(platform.adminKey());
    pages.testId("sign-in").click();
    pages.waitFor(ExpectedConditions.urlToBe(url("/ui/runs/" + runId).toString()));
    assertThat(pages.waitForTestId("run-status").getText()).isEqualTo("SUCCEEDED");
    assertThat(browser.executeScript("return sessionStorage.getItem('cogalign.apiKey')"))
        .isEqualTo(platform.adminKey());
    assertThat(browser.executeScript("return localStorage.length")).isEqualTo(0L);
    assertThat(browser.manage().getCookies()).isEmpty();
  }

  @Test
  void runPageShowsTheRunsStatusCountsPerStateAndPairsPerMiniTask() {
    pages.open("/ui/runs/" + runId);
    assertThat(pages.waitForTestId("run-status").getText()).isEqualTo("SUCCEEDED");
    assertThat(pages.testId("run-progress").getText()).contains(PROBLEMS + " / " + PROBLEMS);
    JsonNode counts = run.get("counts");
    for (String state : List.of("PENDING", "VERIFIED", "REJECTED", "SKIPPED", "FAILED")) {
      assertThat(pages.testId("run-count-" + state).getText())
          .as(state)
          .isEqualTo(String.valueOf(counts.path(state).asLong(0)));
    }
    assertThat(counts.get("VERIFIED").asLong()).isPositive();
    Map<String, Long> pairs = scenario.pairsPerMiniTask(dataDirectory.resolve("pairs.jsonl"));
    for (String task : List.of("ALIGN", "CALIBRATE", "CORRECT")) {
      assertThat(pages.testId("run-pairs-" + task).getText())
          .as(task)
          .isEqualTo(String.valueOf(pairs.getOrDefault(task, 0L)));
    }
    pages.waitFor(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("[data-testid=run-problems][data-filter=all]")));
    assertThat(problemRows()).hasSize(PROBLEMS);
    pages.screenshot("run");

    for (String state : List.of("VERIFIED", "REJECTED")) {
      new Select(pages.testId("problem-state-filter")).selectByValue(state);
      pages.waitFor(
          ExpectedConditions.presenceOfElementLocated(
              By.cssSelector("[data-testid=run-problems][data-filter=" + state + "]")));
      assertThat(problemRows()).as(state).hasSize((int) counts.path(state).asLong(0));
      assertThat(problemRows())
          .allSatisfy(row -> assertThat(row.getAttribute("data-state")).isEqualTo(state));
    }
  }

  @Test
  void problemPageShowsATeacherCotAndItsExtensionWithAStepDiff() {
    JsonNode problem = scenario.problemWithExtension();
    JsonNode teacher = DashboardScenario.revision(problem, "TEACHER");
    JsonNode extended = DashboardScenario.revision(problem, "EXTENDED");
    pages.open("/ui/problems/" + problem.get("id").asLong());

    WebElement teacherSection =
        pages.waitFor(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-testid=revision][data-origin=TEACHER]")));
    List<String> teacherSteps =
        teacherSection.findElements(By.cssSelector("[data-testid=revision-steps] li")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(teacherSteps).containsExactlyElementsOf(texts(teacher.get("steps")));
    assertThat(teacherSection.findElement(DashboardBrowser.byTestId("critique-verdict")).getText())
        .isEqualTo("EASY");

    WebElement diff =
        browser.findElement(
            By.cssSelector(
                "[data-testid=revision][data-origin=EXTENDED] [data-testid=revision-diff]"));
    List<WebElement> rows = diff.findElements(By.cssSelector("tbody tr"));
    List<String> left = new ArrayList<>();
    List<String> right = new ArrayList<>();
    for (WebElement row : rows) {
      List<WebElement> cells = row.findElements(By.tagName("td"));
      if (!"ins".equals(row.getAttribute("data-kind"))) {
        left.add(cells.get(0).getText());
      }
      if (!"del".equals(row.getAttribute("data-kind"))) {
        right.add(cells.get(1).getText());
      }
    }
    // the left column reads the teacher's steps and the right the extension's, in order
    assertThat(left).containsExactlyElementsOf(texts(teacher.get("steps")));
    assertThat(right).containsExactlyElementsOf(texts(extended.get("steps")));
    int grown = extended.get("steps").size() - teacher.get("steps").size();
    assertThat(diff.findElements(By.cssSelector("tr[data-kind=ins] td.right ins")))
        .hasSizeGreaterThanOrEqualTo(grown);
    assertThat(Integer.parseInt(diff.getAttribute("data-added"))).isGreaterThanOrEqualTo(grown);
    assertThat(pages.testId("revision-tree").getText())
        .contains("TEACHER #" + teacher.get("id").asLong());
    assertThat(pages.testId("revision-tree").getText())
        .contains("EXTENDED #" + extended.get("id").asLong());
    assertThat(pages.testId("agent-calls").getText()).contains("rethinker").contains("rules");
    pages.waitFor(
        ExpectedConditions.presenceOfElementLocated(DashboardBrowser.byTestId("problem-pairs")));
    assertThat(pages.testId("problem-pairs").getText()).contains("ALIGN");
    pages.screenshot("problem");
  }

  @Test
  void finishedSftJobPageShowsItsStatusAndALossChartWithOnePointPerLoggedStep() {
    List<JsonNode> logged = new ArrayList<>();
    api.get("/api/v1/jobs/" + sftJobId + "/metrics")
        .get("items")
        .forEach(
            point -> {
              if (point.get("metrics").has("loss")) {
                logged.add(point);
              }
            });
    assertThat(logged).hasSize(SFT_STEPS);

    pages.open("/ui/jobs/" + sftJobId);
    assertThat(pages.waitForTestId("job-status").getText()).isEqualTo("SUCCEEDED");
    WebElement chart = pages.waitForTestId("loss-chart");
    assertThat(chart.getTagName()).isEqualTo("svg");
    assertThat(chart.getAttribute("data-points")).isEqualTo(String.valueOf(logged.size()));
    assertThat(chart.findElements(By.cssSelector("circle"))).hasSize(logged.size());
    assertThat(chart.getSize().getWidth()).isGreaterThan(200);
    assertThat(chart.getSize().getHeight()).isGreaterThan(100);
    assertThat(pages.testId("job-progress").getText()).contains(SFT_STEPS + " / " + SFT_STEPS);
    assertThat(pages.testId("job-events").getText()).contains("SUCCEEDED");
    assertThat(browser.findElements(DashboardBrowser.byTestId("cancel-job"))).isEmpty();
    pages.screenshot("job");
  }

  @Test
  void jobPageFollowsARunningCogpoJobUntilItEndsWithItsMarginsPerMiniTask() {
    long sftModel = sftJob.get("outputModelId").asLong();
    long cogpoJobId = scenario.submit("COGPO", sftModel, COGPO_STEPS);
    pages.open("/ui/jobs/" + cogpoJobId);
    String first = pages.text("job-status");
    assertThat(first).as("the page opened before the job ended").isIn("QUEUED", "RUNNING");

    // the same page, never reloaded, follows the job to its end
    pages.waitFor(
        Duration.ofMinutes(2), d -> DashboardScenario.FINISHED.contains(pages.text("job-status")));
    assertThat(pages.text("job-status")).isEqualTo("SUCCEEDED");
    pages.waitFor(
        d ->
            String.valueOf(COGPO_STEPS)
                .equals(
                    d.findElement(DashboardBrowser.byTestId("loss-chart"))
                        .getAttribute("data-points")));
    WebElement margins = pages.testId("margins-chart");
    List<String> series =
        margins.findElements(By.cssSelector("g.series")).stream()
            .map(g -> g.getAttribute("data-series"))
            .toList();
    assertThat(series).contains("overall").containsAnyOf("ALIGN", "CALIBRATE", "CORRECT");
    assertThat(pages.testId("accuracies-chart").getAttribute("data-points"))
        .isEqualTo(String.valueOf(COGPO_STEPS));
    pages.screenshot("job-cogpo");
  }

  @Test
  void cancellingAJobFromItsPageAsksFirstThenCancelsIt() {
    long jobId = scenario.submit("SFT", baseModelId, LONG_STEPS);
    pages.open("/ui/jobs/" + jobId);
    pages.waitForTestId("cancel-job");
    pages.clickTestId("cancel-job");
    Alert question = pages.waitFor(ExpectedConditions.alertIsPresent());
    assertThat(question.getText()).startsWith("Cancel SFT job " + jobId + "?");
    question.dismiss();
    assertThat(api.get("/api/v1/jobs/" + jobId).get("status").asString()).isIn("QUEUED", "RUNNING");

    pages.clickTestId("cancel-job");
    pages.waitFor(ExpectedConditions.alertIsPresent()).accept();
    pages.waitFor(Duration.ofMinutes(1), d -> "CANCELLED".equals(pages.text("job-status")));
    assertThat(api.get("/api/v1/jobs/" + jobId).get("status").asString()).isEqualTo("CANCELLED");
    assertThat(browser.findElements(DashboardBrowser.byTestId("cancel-job"))).isEmpty();
  }

  @Test
  void listPagesLinkTheRunAndTheJobWithTheirStatus() {
    pages.open("/ui/runs");
    pages.waitForTestId("runs");
    assertThat(pages.link("runs", "Run " + runId)).endsWith("/ui/runs/" + runId);
    assertThat(pages.text("runs")).contains("SUCCEEDED").contains(PROBLEMS + " / " + PROBLEMS);
    pages.screenshot("runs");
    // the jobs list refreshes itself while another test's job is still active
    pages.open("/ui/jobs");
    pages.waitForTestId("jobs");
    assertThat(pages.link("jobs", "Job " + sftJobId)).endsWith("/ui/jobs/" + sftJobId);
    assertThat(pages.text("jobs"))
        .contains("SFT")
        .contains(SFT_STEPS + " / " + SFT_STEPS + " steps");
  }

  @Test
  void modelsPageDrawsTheLineageFromTheBaseModelToItsSftModel() {
    long sftModel = sftJob.get("outputModelId").asLong();
    pages.open("/ui/models");
    WebElement lineage = pages.waitForTestId("model-lineage");
    assertThat(lineage.getText()).contains("BASE #" + baseModelId).contains("SFT #" + sftModel);
    assertThat(lineage.findElements(By.cssSelector("path.edge"))).isNotEmpty();
    pages.screenshot("models");
  }

  @Test
  void experimentPageFollowsAnExperimentToItsReportTableAndAccuracyChartPerArm() {
    long experimentId = scenario.startExperiment();
    pages.open("/ui/experiments/" + experimentId);
    assertThat(pages.text("experiment-status"))
        .as("the page opened before the experiment ended")
        .isIn("QUEUED", "RUNNING");

    // the same page, never reloaded, follows the experiment to its end
    pages.waitFor(
        Duration.ofMinutes(3),
        d -> DashboardScenario.FINISHED.contains(pages.text("experiment-status")));
    JsonNode experiment = api.get("/api/v1/experiments/" + experimentId);
    assertThat(experiment.get("status").asString())
        .as(experiment.toString())
        .isEqualTo("SUCCEEDED");
    assertThat(pages.text("experiment-status")).isEqualTo("SUCCEEDED");

    List<String> arms = new ArrayList<>(experiment.get("arms").propertyNames());
    assertThat(arms).containsExactlyElementsOf(DashboardScenario.EXPERIMENT_ARMS);
    List<WebElement> rows =
        pages.testId("experiment-arms").findElements(By.cssSelector("tbody tr"));
    assertThat(rows).hasSize(arms.size());
    for (int i = 0; i < arms.size(); i++) {
      JsonNode arm = experiment.get("arms").get(arms.get(i));
      List<String> cells =
          rows.get(i).findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
      assertThat(cells.get(0)).isEqualTo(arms.get(i));
      assertThat(cells.get(3)).isEqualTo(percent(arm.get("mean").asDouble()));
      assertThat(cells.get(4))
          .isEqualTo(
              percent(arm.get("ci95").get(0).asDouble())
                  + " to "
                  + percent(arm.get("ci95").get(1).asDouble()));
      assertThat(cells.get(5))
          .isEqualTo(arm.get("correct").get(0).asInt() + " / " + DashboardScenario.HELD_OUT);
    }
    assertThat(
            pages.testId("experiment-comparisons").findElements(By.cssSelector("tbody tr")).size())
        .isEqualTo(experiment.get("comparisons").size())
        .isEqualTo(1);

    WebElement chart = pages.testId("accuracy-chart");
    assertThat(chart.getTagName()).isEqualTo("svg");
    assertThat(chart.getAttribute("data-points")).isEqualTo(String.valueOf(arms.size()));
    assertThat(chart.findElements(By.cssSelector("circle"))).hasSize(arms.size());
    assertThat(
            chart.findElements(By.cssSelector("g.series")).stream()
                .map(g -> g.getAttribute("data-series"))
                .toList())
        .containsExactlyElementsOf(arms);
    pages.screenshot("experiment");

    pages.open("/ui/experiments");
    pages.waitForTestId("experiments");
    assertThat(pages.link("experiments", "Experiment " + experimentId))
        .endsWith("/ui/experiments/" + experimentId);
    assertThat(pages.text("experiments")).contains("SUCCEEDED").contains("sft_teacher, sft_crv");
  }

  /** A fraction as the pages write it: "33.3 %". */
  private static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f %%", 100 * fraction);
  }

  @Test
  void darkModeGivesThePagesADarkBackground() {
    Chromium.colorScheme(browser, "dark");
    try {
      pages.open("/ui/jobs/" + sftJobId);
      pages.waitForTestId("loss-chart");
      assertThat(browser.findElement(By.tagName("body")).getCssValue("background-color"))
          .isEqualTo("rgba(13, 17, 23, 1)");
      pages.screenshot("job-dark");
    } finally {
      Chromium.colorScheme(browser, "light");
    }
  }

  @Test
  void pagesAndAssetsAreServedWithoutAKeyUnderAStrictContentSecurityPolicyButTheApiIsNot()
      throws Exception {
    HttpResponse<String> page = anonymous(url("/ui/jobs/" + sftJobId));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.body()).contains("/ui/assets/app.js");
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).startsWith("default-src 'self';"));
    HttpResponse<String> script = anonymous(url("/ui/assets/app.js"));
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).contains("javascript"));
    assertThat(anonymous(url("/api/v1/jobs/" + sftJobId)).statusCode()).isEqualTo(401);
    // only the gateway serves the dashboard, though every service shares the launcher's classpath
    URI pipeline = platform.urls().get(Service.PIPELINE);
    assertThat(anonymous(pipeline.resolve("/ui/assets/app.js")).statusCode()).isEqualTo(404);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asString().strip()));
    return texts;
  }

  private List<WebElement> problemRows() {
    return browser.findElements(By.cssSelector("[data-testid=run-problems] tbody tr"));
  }

  private URI url(String path) {
    return platform.gatewayUrl().resolve(path);
  }

  private HttpResponse<String> anonymous(URI uri) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
