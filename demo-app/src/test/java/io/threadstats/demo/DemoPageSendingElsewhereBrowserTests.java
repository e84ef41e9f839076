package io.threadstats.demo;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With an API key the starter sends to Datadog, not to the demo's local intake: the page
 * says where the metrics go instead of waiting for them to arrive locally. An unreachable
 * loopback address stands in for Datadog.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "threadstats.api-key=browser-test",
				"threadstats.api-url=" + DemoPageSendingElsewhereBrowserTests.DATADOG,
				"threadstats.validate-api-key=false", "threadstats.shutdown-timeout=0s" })
class DemoPageSendingElsewhereBrowserTests {

	static final Path SCREENSHOT = Path.of("target", "screenshots", "demo-sending-elsewhere.png");

	/**
	 * Nothing listens on the discard port: every delivery fails at once, which is all
	 * this test needs.
	 */
	static final String DATADOG = "http://127.0.0.1:9";

	@LocalServerPort
	private int port;

	@RegisterExtension
	final HeadlessChromium browser = new HeadlessChromium();

	@Test
	void pageSaysWhereTheMetricsGoRatherThanWaitingForThemLocally() throws IOException {
		this.browser.openDemoPage(this.port);
		WebElement destination = this.browser.waitUntil((driver) -> {
			WebElement notice = driver.findElement(By.id("destination"));
			return notice.isDisplayed() ? notice : null;
		});
		assertThat(destination.getText()).contains("sends metrics to " + DATADOG, "not to this demo's local intake");
		assertThat(this.browser.driver().findElement(By.id("metrics-empty")).isDisplayed()).isFalse();
		// a key is set: the page says so, not "local demo intake"
		WebElement summary = this.browser.waitFor(By.id("flush-summary"));
		assertThat(summary.getText()).contains("API key\nconfigured").doesNotContain("local demo intake");
		this.browser.saveScreenshot(SCREENSHOT);
		assertThat(this.browser.consoleErrors()).as("errors in the browser's console").isEmpty();
	}

}
