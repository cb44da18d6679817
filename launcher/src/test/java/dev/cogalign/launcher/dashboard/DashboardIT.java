package dev.cogalign.launcher.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogalign.launcher.demo.DemoPlan;
import dev.cogalign.launcher.demo.GatewayClient;
import dev.cogalign.launcher.demo.SharedFolder;
import dev.cogalign.launcher.platform.Platform;
import dev.cogalign.launcher.platform.PlatformSettings;
import dev.cogalign.launcher.platform.Service;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
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

  private static final int PROBLEMS = 10;
  private static final int SFT_STEPS = 4;
  private static final int COGPO_STEPS = 12;

  /** Far more steps than a test waits for: a job that is still running when it is cancelled. */
  private static final int LONG_STEPS = 5_000;

  private static final Duration PAGE_WAIT = Duration.ofSeconds(20);
  private static final Set<String> FINISHED = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

  @TempDir static Path dataDirectory;

  private final HttpClient http = HttpClient.newHttpClient();
  private Platform platform;
  private GatewayClient api;
  private ChromeDriver browser;
  private long runId;
  private JsonNode run;
  private long baseModelId;
  private long sftJobId;
  private JsonNode sftJob;

  @BeforeAll
  void startPlatformRunCrvTrainSftAndOpenTheBrowser() throws Exception {
    Chromium.requireInstalled();
    Path shared = SharedFolder.locate().orElseThrow();
    platform =
        Platform.start(
            new PlatformSettings(
                0,
                dataDirectory,
                null,
                0,
                Map.of(
                    "cogalign.agent.backend",
                    "rules",
                    "cogalign.trainer.storage-dir",
                    dataDirectory.resolve("trainer").toString())));
    api =
        new GatewayClient(
            platform.gatewayUrl(),
            platform.adminKey(),
            platform.adminKeyFile(),
            new PrintWriter(new StringWriter()));

    long datasetId =
        api.postJson("/api/v1/datasets", Map.of("name", "dashboard"), 201).get("id").asLong();
    Path rows = dataDirectory.resolve("problems.jsonl");
    try (Stream<String> lines =
        Files.lines(shared.resolve("data/gsm8k/train.jsonl"), StandardCharsets.UTF_8)) {
      Files.write(rows, lines.filter(l -> !l.isBlank()).limit(PROBLEMS).toList());
    }
    api.postJsonLines("/api/v1/datasets/" + datasetId + "/problems", rows);
    runId = api.postJson("/api/v1/runs", Map.of("datasetId", datasetId), 201).get("id").asLong();
    run = awaitFinished("/api/v1/runs/" + runId);
    assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");

    Path tiny = shared.resolve("fixtures/hf-tiny/qwen2-tiny").toAbsolutePath();
    baseModelId =
        api.postJson("/api/v1/models", Map.of("path", tiny.toString(), "name", "qwen2-tiny"), 201)
            .get("id")
            .asLong();
    sftJobId = submit("SFT", baseModelId, SFT_STEPS);
    sftJob = awaitFinished("/api/v1/jobs/" + sftJobId);
    assertThat(sftJob.get("status").asString()).as(sftJob.toString()).isEqualTo("SUCCEEDED");

    browser = Chromium.start(dataDirectory.resolve("chromium"));
    signIn(platform.adminKey());
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (platform != null) {
      platform.close();
    }
  }

  /**
   * Whatever a test did, the console holds no error: no script failed and the
   * Content-Security-Policy refused nothing (only the 401 of a refused key is expected).
   */
  @AfterEach
  void consoleHoldsNoError() {
    List<String> errors =
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(LogEntry::getMessage)
            .filter(message -> !message.contains("status of 401"))
            .toList();
    assertThat(errors).isEmpty();
  }

  @Test
  void pagesSendAVisitorWithoutAKeyToSignInAndRefuseAWrongKey() {
    browser.get(url("/ui/runs").toString());
    browser.executeScript("sessionStorage.clear()");
    browser.get(url("/ui/runs/" + runId).toString());
    waitFor(ExpectedConditions.urlContains("/ui/sign-in?next="));

    WebElement key = testId("api-key");
    screenshot("sign-in");
    assertThat(browser.findElement(By.cssSelector("label[for=api-key]")).getText())
        .isEqualTo("API key");
    key.sendKeys("not-a-key");
    testId("sign-in").click();
    WebElement error =
        waitFor(ExpectedConditions.visibilityOfElementLocated(byTestId("sign-in-error")));
    assertThat(error.getText()).isEqualTo("This API key was not accepted.");
    assertThat(browser.getCurrentUrl()).contains("/ui/sign-in");

    key.clear();
    key.sendKeys(platform.adminKey());
    testId("sign-in").click();
    waitFor(ExpectedConditions.urlToBe(url("/ui/runs/" + runId).toString()));
    assertThat(waitForTestId("run-status").getText()).isEqualTo("SUCCEEDED");
    assertThat(browser.executeScript("return sessionStorage.getItem('cogalign.apiKey')"))
        .isEqualTo(platform.adminKey());
    assertThat(browser.executeScript("return localStorage.length")).isEqualTo(0L);
    assertThat(browser.manage().getCookies()).isEmpty();
  }

  @Test
  void runPageShowsTheRunsStatusCountsPerStateAndPairsPerMiniTask() {
    open("/ui/runs/" + runId);
    assertThat(waitForTestId("run-status").getText()).isEqualTo("SUCCEEDED");
    assertThat(testId("run-progress").getText()).contains(PROBLEMS + " / " + PROBLEMS);
    JsonNode counts = run.get("counts");
    for (String state : List.of("PENDING", "VERIFIED", "REJECTED", "SKIPPED", "FAILED")) {
      assertThat(testId("run-count-" + state).getText())
          .as(state)
          .isEqualTo(String.valueOf(counts.path(state).asLong(0)));
    }
    assertThat(counts.get("VERIFIED").asLong()).isPositive();
    Map<String, Long> pairs = pairsPerMiniTask();
    for (String task : List.of("ALIGN", "CALIBRATE", "CORRECT")) {
      assertThat(testId("run-pairs-" + task).getText())
          .as(task)
          .isEqualTo(String.valueOf(pairs.getOrDefault(task, 0L)));
    }
    waitFor(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("[data-testid=run-problems][data-filter=all]")));
    assertThat(problemRows()).hasSize(PROBLEMS);
    screenshot("run");

    for (String state : List.of("VERIFIED", "REJECTED")) {
      new Select(testId("problem-state-filter")).selectByValue(state);
      waitFor(
          ExpectedConditions.presenceOfElementLocated(
              By.cssSelector("[data-testid=run-problems][data-filter=" + state + "]")));
      assertThat(problemRows()).as(state).hasSize((int) counts.path(state).asLong(0));
      assertThat(problemRows())
          .allSatisfy(row -> assertThat(row.getAttribute("data-state")).isEqualTo(state));
    }
  }

  @Test
  void problemPageShowsATeacherCotAndItsExtensionWithAStepDiff() {
    JsonNode problem = problemWithExtension();
    JsonNode teacher = revision(problem, "TEACHER");
    JsonNode extended = revision(problem, "EXTENDED");
    open("/ui/problems/" + problem.get("id").asLong());

    WebElement teacherSection =
        waitFor(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-testid=revision][data-origin=TEACHER]")));
    List<String> teacherSteps =
        teacherSection.findElements(By.cssSelector("[data-testid=revision-steps] li")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(teacherSteps).containsExactlyElementsOf(texts(teacher.get("steps")));
    assertThat(teacherSection.findElement(byTestId("critique-verdict")).getText())
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
    assertThat(testId("revision-tree").getText())
        .contains("TEACHER #" + teacher.get("id").asLong());
    assertThat(testId("revision-tree").getText())
        .contains("EXTENDED #" + extended.get("id").asLong());
    assertThat(testId("agent-calls").getText()).contains("rethinker").contains("rules");
    waitFor(ExpectedConditions.presenceOfElementLocated(byTestId("problem-pairs")));
    assertThat(testId("problem-pairs").getText()).contains("ALIGN");
    screenshot("problem");
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

    open("/ui/jobs/" + sftJobId);
    assertThat(waitForTestId("job-status").getText()).isEqualTo("SUCCEEDED");
    WebElement chart = waitForTestId("loss-chart");
    assertThat(chart.getTagName()).isEqualTo("svg");
    assertThat(chart.getAttribute("data-points")).isEqualTo(String.valueOf(logged.size()));
    assertThat(chart.findElements(By.cssSelector("circle"))).hasSize(logged.size());
    assertThat(chart.getSize().getWidth()).isGreaterThan(200);
    assertThat(chart.getSize().getHeight()).isGreaterThan(100);
    assertThat(testId("job-progress").getText()).contains(SFT_STEPS + " / " + SFT_STEPS);
    assertThat(testId("job-events").getText()).contains("SUCCEEDED");
    assertThat(browser.findElements(byTestId("cancel-job"))).isEmpty();
    screenshot("job");
  }

  @Test
  void jobPageFollowsARunningCogpoJobUntilItEndsWithItsMarginsPerMiniTask() {
    long sftModel = sftJob.get("outputModelId").asLong();
    long cogpoJobId = submit("COGPO", sftModel, COGPO_STEPS);
    open("/ui/jobs/" + cogpoJobId);
    String first = text("job-status");
    assertThat(first).as("the page opened before the job ended").isIn("QUEUED", "RUNNING");

    // the same page, never reloaded, follows the job to its end
    waitFor(Duration.ofMinutes(2), d -> FINISHED.contains(text("job-status")));
    assertThat(text("job-status")).isEqualTo("SUCCEEDED");
    waitFor(
        d ->
            String.valueOf(COGPO_STEPS)
                .equals(d.findElement(byTestId("loss-chart")).getAttribute("data-points")));
    WebElement margins = testId("margins-chart");
    List<String> series =
        margins.findElements(By.cssSelector("g.series")).stream()
            .map(g -> g.getAttribute("data-series"))
            .toList();
    assertThat(series).contains("overall").containsAnyOf("ALIGN", "CALIBRATE", "CORRECT");
    assertThat(testId("accuracies-chart").getAttribute("data-points"))
        .isEqualTo(String.valueOf(COGPO_STEPS));
    screenshot("job-cogpo");
  }

  @Test
  void cancellingAJobFromItsPageAsksFirstThenCancelsIt() {
    long jobId = submit("SFT", baseModelId, LONG_STEPS);
    open("/ui/jobs/" + jobId);
    waitForTestId("cancel-job");
    clickTestId("cancel-job");
    Alert question = waitFor(ExpectedConditions.alertIsPresent());
    assertThat(question.getText()).startsWith("Cancel SFT job " + jobId + "?");
    question.dismiss();
    assertThat(api.get("/api/v1/jobs/" + jobId).get("status").asString()).isIn("QUEUED", "RUNNING");

    clickTestId("cancel-job");
    waitFor(ExpectedConditions.alertIsPresent()).accept();
    waitFor(Duration.ofMinutes(1), d -> "CANCELLED".equals(text("job-status")));
    assertThat(api.get("/api/v1/jobs/" + jobId).get("status").asString()).isEqualTo("CANCELLED");
    assertThat(browser.findElements(byTestId("cancel-job"))).isEmpty();
  }

  @Test
  void listPagesLinkTheRunAndTheJobWithTheirStatus() {
    open("/ui/runs");
    waitForTestId("runs");
    assertThat(link("runs", "Run " + runId)).endsWith("/ui/runs/" + runId);
    assertThat(text("runs")).contains("SUCCEEDED").contains(PROBLEMS + " / " + PROBLEMS);
    screenshot("runs");
    // the jobs list refreshes itself while another test's job is still active
    open("/ui/jobs");
    waitForTestId("jobs");
    assertThat(link("jobs", "Job " + sftJobId)).endsWith("/ui/jobs/" + sftJobId);
    assertThat(text("jobs")).contains("SFT").contains(SFT_STEPS + " / " + SFT_STEPS + " steps");
  }

  @Test
  void modelsPageDrawsTheLineageFromTheBaseModelToItsSftModel() {
    long sftModel = sftJob.get("outputModelId").asLong();
    open("/ui/models");
    WebElement lineage = waitForTestId("model-lineage");
    assertThat(lineage.getText()).contains("BASE #" + baseModelId).contains("SFT #" + sftModel);
    assertThat(lineage.findElements(By.cssSelector("path.edge"))).isNotEmpty();
    screenshot("models");
  }

  @Test
  void darkModeGivesThePagesADarkBackground() {
    Chromium.colorScheme(browser, "dark");
    try {
      open("/ui/jobs/" + sftJobId);
      waitForTestId("loss-chart");
      assertThat(browser.findElement(By.tagName("body")).getCssValue("background-color"))
          .isEqualTo("rgba(13, 17, 23, 1)");
      screenshot("job-dark");
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

  private long submit(String type, long baseModel, int steps) {
    Map<String, Object> hyperparameters = new LinkedHashMap<>();
    hyperparameters.put("steps", steps);
    hyperparameters.put("batchSize", DemoPlan.DEFAULT_BATCH_SIZE);
    hyperparameters.put("learningRate", DemoPlan.DEFAULT_LEARNING_RATE);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("baseModel", String.valueOf(baseModel));
    body.put("data", Map.of("runId", runId));
    body.put("hyperparameters", hyperparameters);
    return api.postJson("/api/v1/jobs", body, 201).get("id").asLong();
  }

  private JsonNode awaitFinished(String path) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              last[0] = api.get(path);
              return FINISHED.contains(last[0].get("status").asString());
            });
    return last[0];
  }

  private Map<String, Long> pairsPerMiniTask() {
    Map<String, Long> perTask = new HashMap<>();
    HttpResponse<String> pairs = authorized(url("/api/v1/runs/" + runId + "/pairs"));
    assertThat(pairs.statusCode()).isEqualTo(200);
    pairs
        .body()
        .lines()
        .filter(l -> !l.isBlank())
        .map(l -> api.json().readTree(l).get("mini_task").asString())
        .forEach(task -> perTask.merge(task, 1L, Long::sum));
    assertThat(perTask.values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(run.get("pairs").asLong());
    return perTask;
  }

  /** A problem of the run whose teacher CoT was extended. */
  private JsonNode problemWithExtension() {
    for (JsonNode item : api.get("/api/v1/runs/" + runId + "/problems").get("items")) {
      JsonNode problem = api.get("/api/v1/problems/" + item.get("problemId").asLong());
      JsonNode teacher = revision(problem, "TEACHER");
      JsonNode extended = revision(problem, "EXTENDED");
      if (teacher != null
          && extended != null
          && extended.get("parentId").asLong() == teacher.get("id").asLong()) {
        return problem;
      }
    }
    throw new AssertionError("no problem of run " + runId + " has an extended teacher CoT");
  }

  private static JsonNode revision(JsonNode problem, String origin) {
    for (JsonNode revision : problem.get("revisions")) {
      if (revision.get("origin").asString().equals(origin)) {
        return revision;
      }
    }
    return null;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asString().strip()));
    return texts;
  }

  private void signIn(String key) {
    browser.get(url("/ui/sign-in").toString());
    waitForTestId("api-key").sendKeys(key);
    testId("sign-in").click();
    waitFor(ExpectedConditions.urlToBe(url("/ui/runs").toString()));
  }

  /** Opens a page, signing in again if a test before left the browser signed out. */
  private void open(String path) {
    browser.get(url(path).toString());
    if (browser.getCurrentUrl().contains("/ui/sign-in")) {
      signIn(platform.adminKey());
      browser.get(url(path).toString());
    }
  }

  private List<WebElement> problemRows() {
    return browser.findElements(By.cssSelector("[data-testid=run-problems] tbody tr"));
  }

  private static By byTestId(String id) {
    return By.cssSelector("[data-testid='" + id + "']");
  }

  private WebElement testId(String id) {
    return browser.findElement(byTestId(id));
  }

  /** Clicks the element, found again if the page's refresh replaced it meanwhile. */
  private void clickTestId(String id) {
    waitFor(
        d -> {
          d.findElement(byTestId(id)).click();
          return true;
        });
  }

  private WebElement waitForTestId(String id) {
    return waitFor(ExpectedConditions.visibilityOfElementLocated(byTestId(id)));
  }

  private <T> T waitFor(Function<? super WebDriver, T> condition) {
    return waitFor(PAGE_WAIT, condition);
  }

  /** Waits for {@code condition}; a live page may replace an element while it is being read. */
  private <T> T waitFor(Duration timeout, Function<? super WebDriver, T> condition) {
    return new WebDriverWait(browser, timeout)
        .ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  /** Where the link reading {@code label} inside the element leads. */
  private String link(String id, String label) {
    return waitFor(
        d -> d.findElement(byTestId(id)).findElement(By.linkText(label)).getAttribute("href"));
  }

  /** The element's text as a person sees it, read again if a refresh replaced the element. */
  private String text(String id) {
    return waitFor(d -> d.findElement(byTestId(id)).getText());
  }

  /** With {@code COGALIGN_SCREENSHOTS} set: the whole page (up to 2400 px tall) as a PNG. */
  private void screenshot(String name) {
    String folder = System.getenv("COGALIGN_SCREENSHOTS");
    if (folder == null || folder.isBlank()) {
      return;
    }
    try {
      long height = (Long) browser.executeScript("return document.documentElement.scrollHeight");
      browser
          .manage()
          .window()
          .setSize(new Dimension(Chromium.WIDTH, (int) Math.min(2400, height)));
      byte[] png = browser.getScreenshotAs(OutputType.BYTES);
      Files.createDirectories(Path.of(folder));
      Files.write(Path.of(folder, "dashboard-" + name + ".png"), png);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      browser.manage().window().setSize(new Dimension(Chromium.WIDTH, Chromium.HEIGHT));
    }
  }

  private URI url(String path) {
    return platform.gatewayUrl().resolve(path);
  }

  private HttpResponse<String> anonymous(URI uri) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> authorized(URI uri) {
    try {
      return http.send(
          HttpRequest.newBuilder(uri)
              .header("Authorization", "Bearer " + platform.adminKey())
              .GET()
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
