package io.threadstats.demo;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.fail;

/**
 * The system's headless Chromium (Debian packages {@code chromium} and
 * {@code chromium-driver}) driven by Selenium, never a downloaded one, as a JUnit
 * extension: registered on a test with {@code @RegisterExtension}, it starts a browser on
 * a fresh profile before each test, logging the page's console, and quits it and deletes
 * the profile after.
 *
 * <p>
 * Without Chromium, the test fails saying what to install, unless the tests run with
 * {@code -Ddemo.browser-tests.skip-without-chromium=true}, when it is skipped instead.
 */
final class HeadlessChromium implements BeforeEachCallback, AfterEachCallback {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	/** The window's width in pixels: the page must read well at it. */
	static final int WIDTH = 1400;

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	/**
	 * Set to {@code true} to skip, rather than fail, when Chromium or its driver is not
	 * installed.
	 */
	static final String SKIP_WITHOUT_CHROMIUM = "demo.browser-tests.skip-without-chromium";

	/**
	 * Headless, and nothing that reaches past this machine: no background,
	 * component-update, sync or QUIC traffic, no first-run dialogs, and a fresh profile
	 * every run.
	 */
	static final List<String> CHROMIUM_FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
			"--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking",
			"--disable-component-update", "--disable-sync", "--window-size=" + HeadlessChromium.WIDTH + ",1100");

	private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(20);

	private Path profile;

	private ChromeDriver browser;

	@Override
	public void beforeEach(ExtensionContext context) throws IOException {
		requireChromium();
		this.profile = Files.createTempDirectory("demo-chromium-profile");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments(CHROMIUM_FLAGS);
		options.addArguments("--user-data-dir=" + this.profile);
		LoggingPreferences logging = new LoggingPreferences();
		logging.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logging);
		// naming the driver executable keeps Selenium Manager from looking for (or
		// downloading) one
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
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

	WebDriver driver() {
		return this.browser;
	}

	/** Opens the demo's page, served on the given local port. */
	void openDemoPage(int port) {
		this.browser.get("http://127.0.0.1:" + port + "/");
	}

	/** Waits (bounded) for an element to be on the page. */
	WebElement waitFor(By locator) {
		return waitUntil((driver) -> {
			List<WebElement> found = driver.findElements(locator);
			return found.isEmpty() ? null : found.get(0);
		});
	}

	/**
	 * Waits (bounded) until the condition gives something other than {@code null} or
	 * {@code false}.
	 */
	<T> T waitUntil(Function<WebDriver, T> condition) {
		return waitUntil(PAGE_TIMEOUT, condition);
	}

	/**
	 * Waits, at most the given time, until the condition gives something other than
	 * {@code null} or {@code false}.
	 */
	<T> T waitUntil(Duration timeout, Function<WebDriver, T> condition) {
		// the page replaces what it shows every few seconds: an element found may be gone
		// when read
		return new WebDriverWait(this.browser, timeout).ignoring(StaleElementReferenceException.class).until(condition);
	}

	/**
	 * Saves a screenshot of the whole page, as wide as the window ({@value #WIDTH} px),
	 * as tall as the page.
	 */
	void saveScreenshot(Path file) throws IOException {
		Files.createDirectories(file.getParent());
		Dimension window = this.browser.manage().window().getSize();
		// twice: without a scroll bar the page is wider, so its height may change
		for (int i = 0; i < 2; i++) {
			long height = (Long) script(
					"return document.documentElement.scrollHeight + window.outerHeight - window.innerHeight");
			this.browser.manage().window().setSize(new Dimension(window.getWidth(), (int) height));
		}
		try {
			File shot = this.browser.getScreenshotAs(OutputType.FILE);
			Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			this.browser.manage().window().setSize(window);
		}
	}

	/** Runs a script in the page and returns what it returns. */
	Object script(String script, Object... arguments) {
		return this.browser.executeScript(script, arguments);
	}

	/** The errors logged in the browser's console so far. */
	List<String> consoleErrors() {
		return this.browser.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::toString)
			.toList();
	}

	@Override
	public void afterEach(ExtensionContext context) throws IOException {
		if (this.browser != null) {
			this.browser.quit();
			this.browser = null;
		}
		if (this.profile != null) {
			try (Stream<Path> files = Files.walk(this.profile)) {
				files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
			}
			this.profile = null;
		}
	}

}
