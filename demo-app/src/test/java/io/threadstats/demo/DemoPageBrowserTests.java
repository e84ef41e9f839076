package io.threadstats.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

import io.threadstats.demo.intake.IntakePayloads;
import io.threadstats.demo.intake.LocalIntakeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loads the demo's page in a real headless Chromium ({@link HeadlessChromium}): pushes
 * points into the local intake, waits for the page to chart them, saves a screenshot to
 * {@code target/screenshots/demo.png}, and fails on any error in the browser's console.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoPageBrowserTests {

	static final Path SCREENSHOT = Path.of("target", "screenshots", "demo.png");

	@LocalServerPort
	private int port;

	@Autowired
	private LocalIntakeServer intakeServer;

	@RegisterExtension
	final HeadlessChromium browser = new HeadlessChromium();

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

		this.browser.openDemoPage(this.port);
		WebElement card = this.browser
			.waitFor(By.cssSelector(".chart-card[data-metric='browser.orders.pending'][data-drawn-series]"));
		this.browser.waitUntil((driver) -> !driver.findElement(By.id("events"))
			.findElements(By.xpath(".//td[text()='Browser test deploy']"))
			.isEmpty());
		this.browser.waitUntil((driver) -> !driver.findElement(By.id("flush-stats")).getText().contains("loading"));
		assertThat(card.getDomAttribute("data-drawn-series")).isEqualTo("2");
		assertThat(this.browser.driver().findElement(By.id("refreshed")).getText()).startsWith("refreshed");
		// the starter sends to this local intake: no notice that it sends elsewhere
		assertThat(this.browser.driver().findElement(By.id("destination")).isDisplayed()).isFalse();
		this.browser.saveScreenshot(SCREENSHOT);

		new Select(card.findElement(By.cssSelector("select[aria-label^='tag filter']"))).selectByValue("zone:b");
		this.browser.waitUntil((driver) -> "1".equals(card.getDomAttribute("data-drawn-series")));

		assertThat(this.browser.consoleErrors()).as("errors in the browser's console").isEmpty();
	}

	private void pushToIntake(String path, String json) {
		WebTestClient.bindToServer()
			.baseUrl(this.intakeServer.baseUrl())
			.build()
			.post()
			.uri(path)
			.header("DD-API-KEY", "browser-test")
			.header(HttpHeaders.CONTENT_ENCODING, "deflate")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(IntakePayloads.deflate(json))
			.exchange()
			.expectStatus()
			.isAccepted();
	}

}
