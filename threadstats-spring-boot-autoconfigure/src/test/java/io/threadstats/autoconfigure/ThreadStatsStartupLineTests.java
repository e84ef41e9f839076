package io.threadstats.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one line that tells a newcomer the starter is active and where metrics go, and the
 * warning when two settings of the destination disagree.
 */
@ExtendWith(OutputCaptureExtension.class)
class ThreadStatsStartupLineTests {

	private static final String API_KEY = "0123456789abcdef0123456789abcdef";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CodecsAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
						WebClientAutoConfiguration.class, ThreadStatsAutoConfiguration.class))
		.withPropertyValues("threadstats.validate-api-key=false");

	@Test
	void saysWhereItSendsWithWhichApiCompressionAndIntervalsNeverTheKey(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("threadstats.api-key=" + API_KEY, "threadstats.site=datadoghq.eu",
					"threadstats.series-api=v1", "threadstats.compression=gzip", "threadstats.flush-interval=15s",
					"threadstats.roll-up-interval=1m")
			.run((context) -> assertThat(output).containsOnlyOnce("threadstats started")
				.contains("INFO",
						"threadstats started: sending to https://api.datadoghq.eu (series API v1, gzip),"
								+ " flushing every 15s in roll-up buckets of 1m")
				.doesNotContain(API_KEY));
	}

	@Test
	void saysSoWhenItRunsDry(CapturedOutput output) {
		this.contextRunner.withPropertyValues("DD_API_KEY=")
			.run((context) -> assertThat(output).contains("threadstats started in dry-run mode, no API key: metrics"
					+ " are aggregated and encoded for https://api.datadoghq.com (series API v2, zstd1), not sent;"
					+ " flushing every 10s in roll-up buckets of 10s"));
	}

	@Test
	void warnsThatTheApiUrlWinsOverTheSite(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("threadstats.api-key=" + API_KEY, "threadstats.site=datadoghq.eu",
					"threadstats.api-url=https://proxy.internal:8443")
			.run((context) -> assertThat(output)
				.contains("WARN",
						"both a site (datadoghq.eu) and an API URL (https://proxy.internal:8443) are set;"
								+ " the API URL wins")
				.contains("threadstats started: sending to https://proxy.internal:8443"));
	}

}
