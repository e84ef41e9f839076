package io.threadstats.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.threadstats.demo.load.LoadGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loads the demo's page in a real headless Chromium ({@link HeadlessChromium}), 1400 px
 * wide, as a newcomer would: first with what the demo records on its own, then while
 * "Generate load" runs. Each time it checks what the page explains and shows (the badges'
 * meaning, the queue's service check, the starter's flushes as a table, one time window
 * for every chart, "local demo intake" where no key is set), saves a screenshot of the
 * whole page under {@code target/screenshots/}, and fails on any error in the browser's
 * console.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "demo.queue-check.interval=2s")
class DemoPageBrowserTests {

	static final Path BEFORE_LOAD = Path.of("target", "screenshots", "demo-before-load.png");

	static final Path DURING_LOAD = Path.of("target", "screenshots", "demo-during-load.png");

	/**
	 * Time for 100 requests/s to fill a quarter of the queue, which ships 20 orders a
	 * second: about 15 s, more on a busy machine.
	 */
	static final Duration QUEUE_FILLING = Duration.ofSeconds(60);

	@LocalServerPort
	private int port;

	@Autowired
	private LoadGenerator load;

	@RegisterExtension
	final HeadlessChromium browser = new HeadlessChromium();

	@AfterEach
	void stopLoad() {
		this.load.stopRun();
	}

	@Test
	void pageExplainsWhatArrivedBeforeAndDuringLoad() throws IOException {
		this.browser.openDemoPage(this.port);
		WebDriver page = this.browser.driver();
		this.browser
			.waitUntil((driver) -> checkRows(driver).stream().anyMatch((row) -> row.contains("demo.orders.queue")));
		this.browser.waitUntil((driver) -> flushRows(driver).size() >= 2);
		this.browser
			.waitUntil((driver) -> driver.findElements(By.cssSelector(".chart-card[data-drawn-series]")).size() >= 2);

		// what the type badges mean, said where a newcomer sees them: above the charts
		WebElement legend = page.findElement(By.id("badge-legend"));
		assertThat(legend.isDisplayed()).isTrue();
		assertThat(legend.findElements(By.cssSelector("dt"))).extracting(WebElement::getText)
			.containsExactly("gauge", "rate", "histogram", "distribution");
		assertThat(legend.getText()).contains("the last value recorded in each 5s roll-up bucket",
				"a count per second");
		// no key is set: the starter sends to the local intake, and the page says so
		String summary = page.findElement(By.id("flush-summary")).getText();
		assertThat(summary).contains("API key\nlocal demo intake").doesNotContain("valid");
		assertThat(page.findElement(By.id("destination")).isDisplayed()).isFalse();
		assertThat(checkRows(page))
			.anySatisfy((row) -> assertThat(row).contains("demo.orders.queue", "OK", "of 1000 places taken"));
		assertThat(flushRows(page)).anySatisfy((row) -> assertThat(row).contains("delivered"));
		assertEveryChartShowsTheSameWindowOf(300);
		this.browser.saveScreenshot(BEFORE_LOAD);

		page.findElement(By.id("load-start")).click();
		this.browser.waitUntil((driver) -> driver.findElement(By.id("load-status")).getText().startsWith("running"));
		WebElement requests = this.browser
			.waitFor(By.cssSelector(".chart-card[data-metric='demo.http.requests'][data-drawn-series]"));
		this.browser.waitUntil((driver) -> Integer.parseInt(requests.getDomAttribute("data-drawn-series")) >= 2);
		// the load outpaces fulfilment: the queue grows, and its check says so
		this.browser.waitUntil(QUEUE_FILLING,
				(driver) -> checkRows(driver).stream().anyMatch((row) -> row.contains("WARNING")));
		WebElement pending = page.findElement(By.cssSelector(".chart-card[data-metric='demo.orders.pending']"));
		assertThat(Integer.parseInt(pending.getDomAttribute("data-drawn-points"))).isGreaterThanOrEqualTo(2);
		assertEveryChartShowsTheSameWindowOf(300);
		assertThat(page.findElement(By.id("refreshed")).getText()).startsWith("refreshed");
		this.browser.saveScreenshot(DURING_LOAD);

		assertThat(this.browser.consoleErrors()).as("errors in the browser's console").isEmpty();
	}

	private void assertEveryChartShowsTheSameWindowOf(int seconds) {
		@SuppressWarnings("unchecked")
		List<List<Number>> windows = (List<List<Number>>) this.browser
			.script("return [...document.querySelectorAll('.chart-card canvas')]"
					+ ".map((canvas) => Chart.getChart(canvas).scales.x).map((x) => [x.min, x.max]);");
		assertThat(windows).hasSizeGreaterThanOrEqualTo(2)
			.allSatisfy(
					(window) -> assertThat(window.get(1).longValue() - window.get(0).longValue()).isEqualTo(seconds))
			.extracting((window) -> window.get(0).longValue())
			.containsOnly(windows.get(0).get(0).longValue());
	}

	private static List<String> checkRows(WebDriver page) {
		return rowTexts(page, "#checks tbody tr");
	}

	private static List<String> flushRows(WebDriver page) {
		return rowTexts(page, "#flushes tbody tr");
	}

	// read in one go: the page replaces its rows every few seconds
	@SuppressWarnings("unchecked")
	private static List<String> rowTexts(WebDriver page, String rows) {
		return (List<String>) ((JavascriptExecutor) page)
			.executeScript("return [...document.querySelectorAll(arguments[0])].map((row) => row.innerText);", rows);
	}

}
