package io.threadstats.demo;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.threadstats.demo.intake.IntakePayloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Loads the demo's page in a real headless Chromium, driven by Selenium: the system's browser and driver
 * (Debian packages {@code chromium} and {@code chromium-driver}), never a downloaded one. Pushes points into
 * the local intake, waits for the page to chart them, saves a screenshot to
 * {@code target/screenshots/demo.png}, and fails on any error in the browser's console.
 *
 * <p>Without Chromium this test fails, saying what to install, unless run with
 * {@code -Ddemo.browser-tests.skip-without-chromium=true}, when it is skipped instead.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class DemoPageBrowserTests {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	/** Set to {@code true} to skip, rather than fail, when Chromium or its driver is not installed. */
	static final String SKIP_WITHOUT_CHROMIUM = "demo.browser-tests.skip-without-chromium";

	static final Path SCREENSHOT = Path.of("target", "screenshots", "demo.png");

	/**
	 * Headless, and nothing that reaches past this machine: no background, component-update, sync or QUIC
	 * traffic, no first-run dialogs, and a fresh profile every run.
	 */
	static final List<String> CHROMIUM_FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
			"--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking",
			"--disable-component-update", "--disable-sync", "--window-size=1400,1100");

	private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(20);

	@LocalServerPort
	private int port;

	@Autowired
	private WebTestClient client;

	private Path profile;

	private ChromeDriver browser;

	@BeforeEach
	void startBrowser() throws IOException {
		requireChromium();
		this.profile = Files.createTempDirectory("demo-chromium-profile");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments(CHROMIUM_FLAGS);
		options.addArguments("--user-data-dir=" + this.profile);
		LoggingPreferences logging = new LoggingPreferences();
		logging.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logging);
		// naming the driver executable keeps Selenium Manager from looking for (or downloading) one
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(service, options);
	}

	private static void requireChromium() {
		if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
			return;
		}
		String missing = CHROMIUM + " or " + CHROMEDRIVER + " is missing: install Debian's packages with "
				+ "'apt-get install -y chromium chromium-driver'";
		if (Boolean.getBoolean(SKIP_WITHOUT_CHROMIUM)) {
			Assumptions.abort(missing + " (skipped: " + SKIP_WITHOUT_CHROMIUM + "=true)");
		}
		fail(missing + ", or run with -D" + SKIP_WITHOUT_CHROMIUM + "=true to skip this test");
	}

	@AfterEach
	void stopBrowser() throws IOException {
		if (this.browser != null) {
			this.browser.quit();
		}
		if (this.profile != null) {
			try (Stream<Path> files = Files.walk(this.profile)) {
				files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
			}
		}
	}

	@Test
	void pageChartsWhatArrivedAtTheIntakeWithoutConsoleErrors() throws IOException {
		Instant start = Instant.now().minusSeconds(300);
		pushToIntake("/intake/api/v2/series", IntakePayloads.v2Gauge("browser.orders.pending",
				new String[] { "env:demo", "zone:a" }, start, 4, 9, 7, 12, 15, 11, 6, 3, 5, 8));
		pushToIntake("/intake/api/v2/series", IntakePayloads.v2Gauge("browser.orders.pending",
				new String[] { "env:demo", "zone:b" }, start, 2, 3, 5, 4, 6, 9, 12, 10, 7, 5));
		pushToIntake("/intake/api/v1/events", """
				{"title":"Browser test deploy","text":"version 7 is live","alert_type":"success","tags":["env:demo"]}
				""");

		this.browser.get("http://127.0.0.1:" + this.port + "/");
		WebElement card = waitFor(By.cssSelector(".chart-card[data-metric='browser.orders.pending'][data-drawn-series]"));
		new WebDriverWait(this.browser, PAGE_TIMEOUT).until((driver) -> !driver
			.findElement(By.id("events"))
			.findElements(By.xpath(".//td[text()='Browser test deploy']"))
			.isEmpty());
		assertThat(card.getDomAttribute("data-drawn-series")).isEqualTo("2");
		assertThat(this.browser.findElement(By.id("flush-stats")).getText()).doesNotContain("loading");
		assertThat(this.browser.findElement(By.id("refreshed")).getText()).startsWith("refreshed");
		saveScreenshot();

		new Select(card.findElement(By.cssSelector("select[aria-label^='tag filter']"))).selectByValue("zone:b");
		new WebDriverWait(this.browser, PAGE_TIMEOUT)
			.until((driver) -> "1".equals(card.getDomAttribute("data-drawn-series")));

		assertNoConsoleErrors();
	}

	private void pushToIntake(String path, String json) {
		this.client.post()
			.uri(path)
			.header("DD-API-KEY", "browser-test")
			.header(HttpHeaders.CONTENT_ENCODING, "deflate")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(IntakePayloads.deflate(json))
			.exchange()
			.expectStatus()
			.isAccepted();
	}

	private WebElement waitFor(By locator) {
		return new WebDriverWait(this.browser, PAGE_TIMEOUT).until((driver) -> {
			List<WebElement> found = driver.findElements(locator);
			return found.isEmpty() ? null : found.get(0);
		});
	}

	private void saveScreenshot() throws IOException {
		Files.createDirectories(SCREENSHOT.getParent());
		File shot = this.browser.getScreenshotAs(OutputType.FILE);
		Files.copy(shot.toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
	}

	private void assertNoConsoleErrors() {
		List<String> errors = this.browser.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::toString)
			.toList();
		assertThat(errors).as("errors in the browser's console").isEmpty();
	}

}
