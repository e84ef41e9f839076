package io.threadstats.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a flush every second and 5 s roll-up buckets, most flushes have nothing to send:
 * the page's table of recent flushes shows each run of them as one row saying from when
 * to when and how many, between the flushes that delivered.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "threadstats.flush-interval=1s", "demo.queue-check.interval=1m" })
class DemoFlushTableBrowserTests {

	static final Path SCREENSHOT = Path.of("target", "screenshots", "demo-empty-flush-runs.png");

	@LocalServerPort
	private int port;

	@RegisterExtension
	final HeadlessChromium browser = new HeadlessChromium();

	@Test
	void aRunOfEmptyFlushesIsOneRowSayingHowMany() throws IOException {
		this.browser.openDemoPage(this.port);
		WebElement emptyRun = this.browser.waitUntil((driver) -> {
			List<WebElement> rows = driver.findElements(By.cssSelector("#flushes tbody tr"));
			return rows.stream()
				.filter((row) -> row.getText().matches("(?s).* – .* \\(\\d+ flushes\\).*"))
				.findFirst()
				.orElse(null);
		});
		assertThat(emptyRun.getText()).endsWith("empty");
		assertThat(this.browser.driver().findElements(By.cssSelector("#flushes tbody tr")))
			.anySatisfy((row) -> assertThat(row.getText()).endsWith("delivered"));
		this.browser.saveScreenshot(SCREENSHOT);
		assertThat(this.browser.consoleErrors()).as("errors in the browser's console").isEmpty();
	}

}
