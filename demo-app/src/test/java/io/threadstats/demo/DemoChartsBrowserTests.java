package io.threadstats.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
 * The page's charts in a real headless Chromium ({@link HeadlessChromium}), fed with
 * series pushed into the local intake: series of one metric that differ by orders of
 * magnitude are drawn on a log scale, so the small ones show, until the reader chooses;
 * the tag filter narrows a chart to the series with a tag; the time window applies to
 * every chart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoChartsBrowserTests {

	private static final String CARD = ".chart-card[data-metric='browser.orders.pending']";

	@LocalServerPort
	private int port;

	@Autowired
	private LocalIntakeServer intakeServer;

	@RegisterExtension
	final HeadlessChromium browser = new HeadlessChromium();

	@Test
	void seriesOrdersOfMagnitudeApartAreDrawnOnALogScaleUntilTheReaderChooses() {
		Instant start = Instant.now().minusSeconds(120);
		pushToIntake("/intake/api/v2/series", IntakePayloads.v2Gauge("browser.orders.pending",
				new String[] { "env:demo", "zone:a" }, start, 4000, 9000, 7000, 12000, 15000, 11000));
		pushToIntake("/intake/api/v2/series", IntakePayloads.v2Gauge("browser.orders.pending",
				new String[] { "env:demo", "zone:b" }, start, 2, 3, 5, 4, 6, 9));

		this.browser.openDemoPage(this.port);
		WebElement card = this.browser.waitFor(By.cssSelector(CARD + "[data-drawn-series='2']"));
		assertThat(card.getDomAttribute("data-y-scale")).isEqualTo("log");
		assertThat(card.findElement(By.cssSelector(".chart-tags")).getText()).isEqualTo("env:demo, host:web-1");

		WebElement logScale = card.findElement(By.cssSelector("input[aria-label^='log scale']"));
		logScale.click();
		this.browser.waitUntil((driver) -> "linear".equals(card.getDomAttribute("data-y-scale")));
		// the reader's choice holds across refreshes, and for one series alone too
		new Select(card.findElement(By.cssSelector("select[aria-label^='tag filter']"))).selectByValue("zone:b");
		this.browser.waitUntil((driver) -> "1".equals(card.getDomAttribute("data-drawn-series")));
		logScale.click();
		this.browser.waitUntil((driver) -> "log".equals(card.getDomAttribute("data-y-scale")));

		assertThat(this.browser.consoleErrors()).as("errors in the browser's console").isEmpty();
	}

	@Test
	void theTimeWindowChosenAppliesToEveryChart() {
		Instant start = Instant.now().minusSeconds(600);
		pushToIntake("/intake/api/v2/series",
				IntakePayloads.v2Gauge("browser.window.old", new String[0], start, 1, 2, 3));
		pushToIntake("/intake/api/v2/series", IntakePayloads.v2Gauge("browser.window.recent", new String[0],
				Instant.now().minusSeconds(30), 1, 2, 3));

		this.browser.openDemoPage(this.port);
		WebElement old = this.browser.waitFor(By.cssSelector(".chart-card[data-metric='browser.window.old']"));
		this.browser.waitFor(By.cssSelector(".chart-card[data-metric='browser.window.recent'][data-drawn-series='1']"));
		// ten minutes ago is outside the five minutes shown at first
		assertThat(old.getDomAttribute("data-drawn-series")).isEqualTo("0");
		new Select(this.browser.driver().findElement(By.id("window"))).selectByValue("900");
		this.browser.waitUntil((driver) -> "1".equals(old.getDomAttribute("data-drawn-series")));
		List<Object> spans = new ArrayList<>(
				(List<?>) this.browser.script("return [...new Set([...document.querySelectorAll('.chart-card canvas')]"
						+ ".map((canvas) => Chart.getChart(canvas).scales.x).map((x) => x.max - x.min))];"));
		assertThat(spans).containsExactly(900L);

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
			.isAccepted()
			.expectBody(Void.class);
	}

}
