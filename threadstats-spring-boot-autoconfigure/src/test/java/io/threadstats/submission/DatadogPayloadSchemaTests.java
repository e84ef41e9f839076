package io.threadstats.submission;

import java.time.Instant;
import java.util.List;

import io.threadstats.snapshot.CheckStatus;
import io.threadstats.snapshot.DistributionPoint;
import io.threadstats.snapshot.Event;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.MetricType;
import io.threadstats.snapshot.SeriesPoint;
import io.threadstats.snapshot.ServiceCheck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of payload the submitter sends (v1 and v2 series, distribution points,
 * events, service checks), with and without its optional fields, for every series API and
 * compression, is valid against the request schema of its operation in Datadog's OpenAPI
 * document, and carries only a {@code Content-Encoding} that operation documents (none
 * where it documents none).
 */
class DatadogPayloadSchemaTests extends FakeIntakeTestSupport {

	private static final long TS = TestSubmitters.now() - 60;

	static List<Arguments> apisAndCompressions() {
		return java.util.Arrays.stream(SeriesApi.values())
			.flatMap((api) -> java.util.Arrays.stream(Compression.values()).map((c) -> Arguments.of(api, c)))
			.toList();
	}

	@ParameterizedTest(name = "{0} series, {1}")
	@MethodSource("apisAndCompressions")
	void everyPayloadIsValidAgainstItsOperationsSchema(SeriesApi api, Compression compression) {
		this.submitter = DatadogSubmitter.create(TestSubmitters.settings(this.intake.url(), api, compression));
		FlushRecord flushRecord = submit(everyKindOfItem());
		assertThat(flushRecord.outcome()).isEqualTo(FlushOutcome.DELIVERED);

		String seriesPath = (api == SeriesApi.V1) ? FakeIntake.SERIES_V1 : FakeIntake.SERIES_V2;
		for (String path : List.of(seriesPath, FakeIntake.DISTRIBUTIONS, FakeIntake.EVENTS, FakeIntake.CHECK_RUN)) {
			List<FakeIntake.Received> received = this.intake.received(path);
			assertThat(received).as("requests on %s", path).isNotEmpty();
			DatadogOpenApi openApi = DatadogOpenApi.forPath(path);
			for (FakeIntake.Received request : received) {
				assertThat(openApi.problemsWithBody(path, request.json())).as("%s body %s", path, request.json())
					.isEmpty();
				String encoding = request.header("Content-Encoding");
				if (encoding != null) {
					assertThat(openApi.contentEncodings(path)).as("Content-Encoding documented for %s", path)
						.contains(encoding);
				}
			}
		}
	}

	/**
	 * Every item kind, once with every optional field and once with as few as it takes.
	 */
	private static FlushSnapshot everyKindOfItem() {
		List<SeriesPoint> series = List.of(
				new SeriesPoint("app.requests", MetricType.RATE, TS, 1.5, 10, "web-1", "sda1", List.of("env:prod")),
				new SeriesPoint("app.jobs", MetricType.COUNT, TS, 3, 10, null, null, List.of()),
				new SeriesPoint("app.queue", MetricType.GAUGE, TS, 0.25, 10, "web-1", null, List.of("a:b")));
		List<DistributionPoint> distributions = List.of(
				new DistributionPoint("app.latency", TS, List.of(12.0, 7.5, 3.0), "web-1", List.of("env:prod")),
				new DistributionPoint("app.size", TS, List.of(1.0), null, List.of()));
		List<Event> events = List.of(TestSubmitters.eventWithEveryField(TS), Event.builder("Minimal", "text").build());
		List<ServiceCheck> checks = List.of(
				ServiceCheck.builder("app.db.can_connect", CheckStatus.OK)
					.timestamp(Instant.ofEpochSecond(TS))
					.host("web-1")
					.tags("db:main")
					.message("fine")
					.build(),
				// no host: send-host false, noHost(), or a host name that could not be
				// resolved
				ServiceCheck.builder("app.cache.can_connect", CheckStatus.CRITICAL)
					.timestamp(Instant.ofEpochSecond(TS))
					.build());
		return new FlushSnapshot(Instant.now(), series, distributions, events, checks);
	}

}
