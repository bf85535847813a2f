package com.commercive.support.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 27: the console as people use it, in Debian's headless chromium driven through its
 * chromedriver, against the whole local system: a merchant opens a ticket and sees the assistant's
 * answer arrive live; an agent finds it in the inbox, writes a note the merchant never sees and
 * answers; the merchant sees the answer arrive without reloading. Screenshots of both views are
 * written to {@code console.screenshots.dir} (default {@code target/console-screenshots}). Without
 * a browser the class is skipped, saying so.
 */
class ConsoleBrowserIT {
  static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
  static final Path SCREENSHOTS = Path.of(System.getProperty("console.screenshots.dir", "target/console-screenshots"));
  /** axe-core, installed with the console's packages by the build. */
  static final Path AXE = Path.of(System.getProperty("axe.script", "../console/node_modules/axe-core/axe.min.js"));

  static LocalSystem system;

  @BeforeAll
  static void start() {
    boolean browser = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!browser) {
      System.err.println("ConsoleBrowserIT SKIPPED: no browser here (" + CHROMIUM + " and " + CHROMEDRIVER
          + " are needed: apt-get install chromium chromium-driver, as .ci/run does)");
    }
    Assumptions.assumeTrue(browser, "the console's browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
        + " (apt-get install chromium chromium-driver)");
    system = LocalSystem.start(LocalSystem.Settings.forTests(Map.of("TICKETS_PER_USER_PER_HOUR", "1000")));
  }

  @AfterAll
  static void stop() {
    if (system != null) {
      system.close();
    }
  }

  static WebDriver browser(int width, int height) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--window-size=" + width + "," + height);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }

  static WebDriverWait waiting(WebDriver driver, int seconds) {
    return new WebDriverWait(driver, Duration.ofSeconds(seconds));
  }

  static void signIn(WebDriver driver, String name) {
    driver.get(system.apiUrl() + "/");
    waiting(driver, 10).until(ExpectedConditions.elementToBeClickable(
        By.xpath("//ul[@class='demo-users']//button[contains(., '" + name + "')]"))).click();
  }

  static void screenshot(WebDriver driver, String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
    File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * The page's serious and critical accessibility violations, as axe-core (the console's own npm
   * copy) finds them: each rule's id, what it asks, and how many elements break it.
   */
  static List<String> accessibilityViolations(WebDriver driver) throws IOException {
    JavascriptExecutor page = (JavascriptExecutor) driver;
    page.executeScript(Files.readString(AXE));
    Object found = page.executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "axe.run(document, {resultTypes: ['violations']}).then(r => done(JSON.stringify(r.violations"
        + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        + ".map(v => v.id + ': ' + v.help + ' (' + v.nodes.length + ' element(s): '"
        + " + v.nodes.map(n => n.target.join(' ')).join(', ') + ')')))).catch(e => done(JSON.stringify(['axe failed: ' + e])));");
    return List.of(LocalApi.JSON.readValue(String.valueOf(found), String[].class));
  }

  static List<String> texts(WebDriver driver, String css) {
    return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
  }

  @Test
  void aMerchantAndAnAgentWorkATicketEachSeeingTheOthersAnswerLive() throws IOException {
    String subject = "Products missing " + UUID.randomUUID().toString().substring(0, 6);
    WebDriver dana = browser(1280, 900);
    WebDriver alex = browser(1280, 900);
    try {
      // Alex's inbox is open before the ticket exists: it must arrive there live.
      signIn(alex, "Alex Support");
      waiting(alex, 10).until(ExpectedConditions.textToBePresentInElementLocated(
          By.cssSelector("nav[aria-label='Inbox'] .live"), "Live"));
      signIn(dana, "Dana Merchant");
      waiting(dana, 10).until(ExpectedConditions.elementToBeClickable(By.xpath("//button[.='New ticket']"))).click();
      dana.findElement(By.id("new-subject")).sendKeys(subject);
      dana.findElement(By.id("new-message")).sendKeys("I connected my store but my products are not showing up");
      dana.findElement(By.xpath("//button[.='Open ticket']")).click();
      waiting(dana, 10).until(ExpectedConditions.textToBe(By.id("thread-subject"), subject));
      // The assistant's answer arrives over the live updates, without reloading.
      waiting(dana, 20).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".message.from-ai")));
      assertThat(texts(dana, ".message.from-ai .text")).singleElement().asString()
          .contains("Products are missing from Commercive");
      assertThat(dana.findElement(By.cssSelector(".thread .live")).getText()).isEqualTo("Live");
      screenshot(dana, "merchant");

      WebElement inInbox = waiting(alex, 15).until(ExpectedConditions.elementToBeClickable(
          By.xpath("//ul[@class='tickets']//button[contains(., '" + subject + "')]")));
      inInbox.click();
      waiting(alex, 10).until(ExpectedConditions.textToBe(By.id("thread-subject"), subject));
      alex.findElement(By.xpath("//label[contains(., 'Internal note')]/input")).click();
      alex.findElement(By.id("reply-text")).sendKeys("Her plan includes the inventory sync; check the app install.");
      alex.findElement(By.xpath("//button[.='Add note']")).click();
      waiting(alex, 10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".message.internal")));
      assertThat(alex.findElement(By.cssSelector(".message.internal")).getText())
          .contains("Internal note — the merchant never sees this").contains("check the app install");
      alex.findElement(By.xpath("//label[contains(., 'Internal note')]/input")).click();
      alex.findElement(By.id("reply-text")).sendKeys("Hi Dana, I re-synced your store: your products are back.");
      alex.findElement(By.xpath("//button[.='Send']")).click();
      waiting(alex, 10).until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector(".message.from-admin:not(.internal)")));
      // Answered, it is pending: it leaves the inbox's "Open" view live, and is under "All".
      waiting(alex, 10).until(ExpectedConditions.invisibilityOfElementLocated(
          By.xpath("//ul[@class='tickets']//button[contains(., '" + subject + "')]")));
      new org.openqa.selenium.support.ui.Select(alex.findElement(By.id("inbox-status"))).selectByVisibleText("All");
      waiting(alex, 10).until(ExpectedConditions.presenceOfElementLocated(
          By.xpath("//ul[@class='tickets']//button[contains(., '" + subject + "')]")));
      screenshot(alex, "agent");

      // Dana sees the answer arrive on the page she has open, and never the note.
      waiting(dana, 15).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".messages"),
          "your products are back"));
      assertThat(dana.findElement(By.cssSelector(".messages")).getText()).doesNotContain("check the app install");
      waiting(dana, 10).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".thread header"),
          "Waiting on you"));
      screenshot(dana, "merchant-answered");
    } finally {
      dana.quit();
      alex.quit();
    }
  }

  /** Every page a person sees, checked with axe-core: no serious or critical violation, on a desk and on a phone. */
  @Test
  void everyViewPassesTheAccessibilityCheckOnADeskAndOnAPhone() throws IOException {
    for (int[] size : new int[][] {{1280, 900}, {390, 844}}) {
      WebDriver driver = browser(size[0], size[1]);
      try {
        driver.get(system.apiUrl() + "/");
        waiting(driver, 10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".demo-users button")));
        assertThat(accessibilityViolations(driver)).as("sign-in at %d px", size[0]).isEmpty();
        if (size[0] > 500) {
          // The check sees what it is for: an image without a text alternative is critical.
          ((JavascriptExecutor) driver).executeScript("const i = document.createElement('img'); i.id = 'no-alt';"
              + " i.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw='; document.body.appendChild(i);");
          assertThat(accessibilityViolations(driver)).anySatisfy(v -> assertThat(v).startsWith("image-alt"));
          ((JavascriptExecutor) driver).executeScript("document.getElementById('no-alt').remove();");
        }

        signIn(driver, "Dana Merchant");
        waiting(driver, 10).until(ExpectedConditions.elementToBeClickable(By.xpath("//button[.='New ticket']"))).click();
        waiting(driver, 10).until(ExpectedConditions.presenceOfElementLocated(By.id("new-subject")));
        assertThat(accessibilityViolations(driver)).as("new ticket at %d px", size[0]).isEmpty();
        driver.findElement(By.id("new-subject")).sendKeys("Payout schedule question");
        driver.findElement(By.id("new-message")).sendKeys("When are payouts sent each month?");
        driver.findElement(By.xpath("//button[.='Open ticket']")).click();
        waiting(driver, 20).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".message.from-ai")));
        assertThat(accessibilityViolations(driver)).as("merchant's ticket at %d px", size[0]).isEmpty();
        if (size[0] < 500) {
          screenshot(driver, "merchant-phone");
        }

        driver.findElement(By.xpath("//button[.='Sign out']")).click();
        signIn(driver, "Alex Support");
        waiting(driver, 10).until(ExpectedConditions.elementToBeClickable(By.cssSelector(".tickets .ticket"))).click();
        waiting(driver, 10).until(ExpectedConditions.presenceOfElementLocated(By.id("thread-subject")));
        assertThat(accessibilityViolations(driver)).as("agent's ticket at %d px", size[0]).isEmpty();
      } finally {
        driver.quit();
      }
    }
  }

  /**
   * The team's tools and the merchant's rating: an agent joins the roster and takes the ticket, a
   * priority changed meanwhile by someone else is not overwritten (the agent is told and sees it),
   * a canned response goes out by its shortcut with the merchant's name filled in; the merchant
   * closes and rates it, and the metrics page shows the rating.
   */
  @Test
  void anAgentTakesAnswersByShortcutAndSeesTheMerchantsRatingInTheMetrics() throws IOException {
    LocalApi api = new LocalApi(system);
    String admin = system.tokenFor("demo-admin");
    api.call("POST", "/support/admin/canned-responses", admin, "{\"title\":\"Store re-synced\","
        + "\"body\":\"Hi {{customer_name}}, we re-synced your store: orders flow again.\",\"shortcut\":\"resynced\"}");
    String subject = "Orders not arriving " + UUID.randomUUID().toString().substring(0, 6);
    String ticketId = api.call("POST", "/support/tickets", system.tokenFor("demo-user"), "{\"subject\":\"" + subject
        + "\",\"message\":\"No orders have come through from Shopify since yesterday\"}").at("/ticket/ticket_id").asText();
    WebDriver alex = browser(1280, 900);
    WebDriver dana = browser(1280, 900);
    try {
      // Alex's page gets no live updates (no WebSocket), so what he sees of the ticket can go stale.
      ((ChromeDriver) alex).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
          "window.WebSocket = class { constructor() { throw new Error('no live updates in this test'); } };"));
      signIn(alex, "Alex Support");
      waiting(alex, 10).until(ExpectedConditions.elementToBeClickable(By.xpath("//nav[@aria-label='Pages']//button[.='Team']")))
          .click();
      WebElement capacity = waiting(alex, 10).until(ExpectedConditions.presenceOfElementLocated(By.id("max-open")));
      capacity.clear();
      capacity.sendKeys("5");
      alex.findElement(By.xpath("//form[@class='me']//button[.='Save']")).click();
      waiting(alex, 10).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".team table"), "Alex Support"));

      alex.findElement(By.xpath("//nav[@aria-label='Pages']//button[.='Inbox']")).click();
      waiting(alex, 15).until(ExpectedConditions.elementToBeClickable(
          By.xpath("//ul[@class='tickets']//button[contains(., '" + subject + "')]"))).click();
      waiting(alex, 10).until(ExpectedConditions.textToBe(By.id("thread-subject"), subject));
      org.openqa.selenium.support.ui.Select assignee = new org.openqa.selenium.support.ui.Select(
          waiting(alex, 10).until(ExpectedConditions.presenceOfElementLocated(By.id("ticket-assignee"))));
      waiting(alex, 10).until(d -> assignee.getOptions().stream().anyMatch(o -> o.getText().startsWith("Alex Support")));
      assignee.selectByValue("demo-admin");
      waiting(alex, 10).until(d -> "demo-admin".equals(api.call("GET", "/support/tickets/" + ticketId, admin, null)
          .at("/ticket/assignee_id").asText()));

      // Someone else lowers the priority meanwhile; Alex's change, sent with the version he saw, is refused.
      api.call("PATCH", "/support/tickets/" + ticketId, admin, "{\"priority\":\"low\"}");
      // (The opening reads as urgent: the page still shows it high.)
      new org.openqa.selenium.support.ui.Select(alex.findElement(By.id("ticket-priority"))).selectByValue("medium");
      waiting(alex, 10).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".agent-tools .notice"),
          "Someone changed this ticket since you opened it"));
      assertThat(new org.openqa.selenium.support.ui.Select(alex.findElement(By.id("ticket-priority")))
          .getFirstSelectedOption().getAttribute("value")).as("the ticket as it now is").isEqualTo("low");
      assertThat(api.call("GET", "/support/tickets/" + ticketId, admin, null).at("/ticket/priority").asText())
          .isEqualTo("low");

      alex.findElement(By.id("reply-text")).sendKeys("/resy");
      waiting(alex, 10).until(ExpectedConditions.elementToBeClickable(
          By.xpath("//ul[@aria-label='Canned responses']//button[contains(., 'Store re-synced')]"))).click();
      waiting(alex, 10).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".messages"),
          "Hi Dana Merchant, we re-synced your store: orders flow again."));
      screenshot(alex, "agent-tools");

      signIn(dana, "Dana Merchant");
      waiting(dana, 15).until(ExpectedConditions.elementToBeClickable(
          By.xpath("//ul[@class='tickets']//button[contains(., '" + subject + "')]"))).click();
      // A screenshot through the presigned form, straight to storage, checked, then sent with her reply.
      Path png = Files.createTempFile("screenshot", ".png");
      Files.write(png, com.commercive.support.attachmentchecker.SampleFiles.png());
      Path renamed = Files.move(png, png.resolveSibling("orders-screen.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      waiting(dana, 10).until(ExpectedConditions.presenceOfElementLocated(By.id("reply-files")))
          .sendKeys(renamed.toAbsolutePath().toString());
      waiting(dana, 20).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".uploads .verdict"), "Ready"));
      dana.findElement(By.id("reply-text")).sendKeys("Thanks! Here is what I see now.");
      dana.findElement(By.xpath("//button[.='Send']")).click();
      waiting(dana, 10).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".messages .files"),
          "orders-screen.png"));
      assertThat(api.call("GET", "/support/tickets/" + ticketId + "/messages", admin, null).findValuesAsText("filename"))
          .contains("orders-screen.png");
      screenshot(dana, "merchant-upload");
      waiting(dana, 10).until(ExpectedConditions.elementToBeClickable(By.xpath("//button[.='Close ticket']"))).click();
      waiting(dana, 10).until(ExpectedConditions.elementToBeClickable(
          By.xpath("//form[@class='rating']//label[contains(., '5')]/input"))).click();
      dana.findElement(By.id("rating-comment")).sendKeys("Quick and clear, thank you.");
      dana.findElement(By.xpath("//button[.='Send rating']")).click();
      waiting(dana, 10).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".rated"),
          "You rated this ticket 5 out of 5"));

      // The day's counters are kept from the streams: the metrics page shows the rating once they have it.
      alex.findElement(By.xpath("//nav[@aria-label='Pages']//button[.='Metrics']")).click();
      waiting(alex, 30).until(d -> {
        String csat = d.findElements(By.cssSelector("[data-testid='csat']")).stream().map(WebElement::getText)
            .findFirst().orElse("");
        if (csat.equals("5.0 / 5")) {
          return true;
        }
        d.findElement(By.xpath("//nav[@aria-label='Pages']//button[.='Inbox']")).click();
        d.findElement(By.xpath("//nav[@aria-label='Pages']//button[.='Metrics']")).click();
        LocalApi.pause(500);
        return false;
      });
      assertThat(accessibilityViolations(alex)).as("the metrics page").isEmpty();
      screenshot(alex, "metrics");
    } finally {
      alex.quit();
      dana.quit();
    }
  }

  /** Deployed, the host app opens the console with its token in the fragment, which the page takes and clears. */
  @Test
  void theHostAppsTokenInTheFragmentSignsInWithoutAServerSeeingIt() {
    WebDriver driver = browser(1280, 900);
    try {
      driver.get(system.apiUrl() + "/#token=" + system.tokenFor("demo-user-2"));
      waiting(driver, 10).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".who-am-i"),
          "Sam Storeowner · Merchant"));
      assertThat(driver.getCurrentUrl()).doesNotContain("token");
      driver.get(system.apiUrl() + "/#token=not-a-token");
      waiting(driver, 10).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".who-am-i"),
          "Sam Storeowner"));
    } finally {
      driver.quit();
    }
  }
}
