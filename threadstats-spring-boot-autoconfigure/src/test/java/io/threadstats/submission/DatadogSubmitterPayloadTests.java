package io.threadstats.submission;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import io.threadstats.snapshot.CheckStatus;
import io.threadstats.snapshot.DistributionPoint;
import io.threadstats.snapshot.Event;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.MetricType;
import io.threadstats.snapshot.SeriesPoint;
import io.threadstats.snapshot.ServiceCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static org.assertj.core.api.Assertions.assertThat;

/** What the intake receives for each kind of item, endpoint and compression. */
class DatadogSubmitterPayloadTests extends FakeIntakeTestSupport {

	private static final long TS = TestSubmitters.now() - 60;

	private FakeIntake.Received deliverOne(SeriesApi api, Compression compression, FlushSnapshot snapshot,
			String path) {
		this.submitter = DatadogSubmitter.create(TestSubmitters.settings(this.intake.url(), api, compression));
		FlushRecord flushRecord = submit(snapshot);
		assertThat(flushRecord.outcome()).isEqualTo(FlushOutcome.DELIVERED);
		List<FakeIntake.Received> received = this.intake.received(path);
		assertThat(received).hasSize(1);
		return received.get(0);
	}

	private static void assertJson(FakeIntake.Received received, String expected) {
		assertThat(equalToJson(expected, false, false).match(received.json()).isExactMatch())
			.as("body %s matches %s", received.json(), expected)
			.isTrue();
	}

	private static void assertHeaders(FakeIntake.Received received, Compression compression) {
		assertThat(received.header("DD-API-KEY")).isEqualTo(FakeIntake.API_KEY);
		assertThat(received.header("Content-Type")).startsWith("application/json");
		assertThat(received.header("User-Agent")).startsWith("threadstats-spring-boot/");
		assertThat(received.header("Content-Encoding")).isEqualTo(switch (compression) {
			case ZSTD1 -> "zstd1";
			case DEFLATE -> "deflate";
			case GZIP -> "gzip";
			case NONE -> null;
		});
	}

	@ParameterizedTest
	@EnumSource(Compression.class)
	void v2SeriesHaveNumericTypesPointObjectsResourcesAndTheIntervalOnEveryType(Compression compression) {
		FlushSnapshot snapshot = TestSubmitters.seriesSnapshot(List.of(
				new SeriesPoint("app.requests", MetricType.RATE, TS, 1.5, 10, "web-1", null, List.of("env:prod")),
				new SeriesPoint("app.jobs", MetricType.COUNT, TS, 3, 10, null, "sda1", List.of()),
				new SeriesPoint("app.queue", MetricType.GAUGE, TS, 0.25, 10, "web-1", "sda1", List.of("a:b", "c"))));
		FakeIntake.Received received = deliverOne(SeriesApi.V2, compression, snapshot, FakeIntake.SERIES_V2);
		assertHeaders(received, compression);
		assertJson(received, """
				{"series":[
				 {"metric":"app.requests","type":2,"interval":10,"points":[{"timestamp":%1$d,"value":1.5}],
				  "resources":[{"name":"web-1","type":"host"}],"tags":["env:prod"]},
				 {"metric":"app.jobs","type":1,"interval":10,"points":[{"timestamp":%1$d,"value":3.0}],
				  "resources":[{"name":"sda1","type":"device"}]},
				 {"metric":"app.queue","type":3,"interval":10,"points":[{"timestamp":%1$d,"value":0.25}],
				  "resources":[{"name":"web-1","type":"host"},{"name":"sda1","type":"device"}],"tags":["a:b","c"]}
				]}""".formatted(TS));
	}

	@ParameterizedTest
	@EnumSource(Compression.class)
	void v1SeriesHaveTypeNamesPointPairsHostDeviceAndTheIntervalOnEveryType(Compression compression) {
		FlushSnapshot snapshot = TestSubmitters.seriesSnapshot(List.of(
				new SeriesPoint("app.requests", MetricType.RATE, TS, 1.5, 10, "web-1", "sda1", List.of("env:prod")),
				new SeriesPoint("app.queue", MetricType.GAUGE, TS, 7, 10, null, null, List.of())));
		FakeIntake.Received received = deliverOne(SeriesApi.V1, compression, snapshot, FakeIntake.SERIES_V1);
		// zstd1 is documented for v2 series only: v1 takes deflate instead
		assertHeaders(received, (compression == Compression.ZSTD1) ? Compression.DEFLATE : compression);
		assertJson(received, """
				{"series":[
				 {"metric":"app.requests","points":[[%1$d,1.5]],"type":"rate","interval":10,
				  "host":"web-1","device":"sda1","tags":["env:prod"]},
				 {"metric":"app.queue","points":[[%1$d,7.0]],"type":"gauge","interval":10}
				]}""".formatted(TS));
	}

	@ParameterizedTest
	@EnumSource(Compression.class)
	void distributionsCarryEveryRawValueAndAlwaysUseDeflate(Compression compression) {
		FlushSnapshot snapshot = new FlushSnapshot(Instant.now(), List.of(), List
			.of(new DistributionPoint("app.latency", TS, List.of(12.0, 7.5, 3.0), "web-1", List.of("env:prod"))),
				List.of(), List.of());
		FakeIntake.Received received = deliverOne(SeriesApi.V2, compression, snapshot, FakeIntake.DISTRIBUTIONS);
		// Only deflate is documented for distribution points (the fake intake refuses
		// anything else).
		assertHeaders(received, Compression.DEFLATE);
		assertJson(received, """
				{"series":[{"metric":"app.latency","points":[[%d,[12.0,7.5,3.0]]],"type":"distribution",
				  "host":"web-1","tags":["env:prod"]}]}""".formatted(TS));
	}

	@Test
	void wholeValuesGoAsIntegersAndEveryValueReadsBackAsTheDoubleRecorded() {
		// 1e17 is a whole double within a long's range, 1e20 one beyond it
		List<Double> values = List.of(3.0, -7.0, 2.5, 0.1, 1e17, 1e20);
		FlushSnapshot snapshot = new FlushSnapshot(Instant.now(), List.of(),
				List.of(new DistributionPoint("app.size", TS, values, null, List.of())), List.of(), List.of());
		FakeIntake.Received received = deliverOne(SeriesApi.V2, Compression.DEFLATE, snapshot,
				FakeIntake.DISTRIBUTIONS);
		String json = received.json();
		assertThat(json).contains("[3,-7,2.5,0.1,100000000000000000,1.0E20]");
		String sent = json.substring(json.indexOf("[3,") + 1, json.indexOf("1.0E20") + "1.0E20".length());
		assertThat(Arrays.stream(sent.split(",")).map(Double::valueOf).toList()).isEqualTo(values);
	}

	@ParameterizedTest
	@EnumSource(Compression.class)
	void eventsAreSentOnePerRequestUncompressed(Compression compression) {
		Event deploy = TestSubmitters.eventWithEveryField(TS);
		Event minimal = Event.builder("Minimal", "text").build();
		this.submitter = DatadogSubmitter.create(TestSubmitters.settings(this.intake.url(), SeriesApi.V2, compression));
		this.submitter
			.submit(new FlushSnapshot(Instant.now(), List.of(), List.of(), List.of(deploy, minimal), List.of()))
			.join();
		// sent at once, so they may arrive in either order: by title
		List<FakeIntake.Received> received = this.intake.received(FakeIntake.EVENTS)
			.stream()
			.sorted(Comparator.comparing(FakeIntake.Received::json))
			.toList();
		assertThat(received).hasSize(2);
		// the events operation documents no Content-Encoding
		assertHeaders(received.get(0), Compression.NONE);
		assertHeaders(received.get(1), Compression.NONE);
		assertJson(received.get(0), """
				{"title":"Deployed","text":"version 2 is live","date_happened":%d,"priority":"low",
				 "alert_type":"success","aggregation_key":"deploy-2","source_type_name":"my_apps",
				 "host":"web-1","tags":["env:prod"]}""".formatted(TS));
		assertJson(received.get(1), """
				{"title":"Minimal","text":"text"}""");
	}

	@ParameterizedTest
	@EnumSource(Compression.class)
	void serviceChecksAreAnUncompressedArrayWithAHostNameOnEach(Compression compression) {
		ServiceCheck ok = ServiceCheck.builder("app.db.can_connect", CheckStatus.OK)
			.timestamp(Instant.ofEpochSecond(TS))
			.host("web-1")
			.tags("db:main")
			.message("fine")
			.build();
		ServiceCheck critical = ServiceCheck.builder("app.cache.can_connect", CheckStatus.CRITICAL)
			.timestamp(Instant.ofEpochSecond(TS))
			.build();
		FakeIntake.Received received = deliverOne(SeriesApi.V2, compression,
				new FlushSnapshot(Instant.now(), List.of(), List.of(), List.of(), List.of(ok, critical)),
				FakeIntake.CHECK_RUN);
		// the check_run operation documents no Content-Encoding, and requires host_name
		assertHeaders(received, Compression.NONE);
		assertJson(received, """
				[{"check":"app.db.can_connect","host_name":"web-1","status":0,"tags":["db:main"],
				  "timestamp":%1$d,"message":"fine"},
				 {"check":"app.cache.can_connect","host_name":"","status":2,"tags":[],"timestamp":%1$d}]"""
			.formatted(TS));
	}

	@Test
	void oneFlushGoesToEachEndpointItNeedsAndIsRecorded() {
		FlushSnapshot snapshot = new FlushSnapshot(Instant.now(), List.of(TestSubmitters.gauge("app.queue", TS, 1)),
				List.of(new DistributionPoint("app.latency", TS, List.of(1.0, 2.0), null, List.of())),
				List.of(Event.builder("t", "x").build()),
				List.of(ServiceCheck.builder("app.up", CheckStatus.OK).timestamp(Instant.ofEpochSecond(TS)).build()));
		this.submitter = DatadogSubmitter.create(TestSubmitters.settings(this.intake));
		this.submitter.submit(snapshot).join();
		FlushRecord flushRecord = this.submitter.flushRecord(snapshot).join();
		assertThat(flushRecord.series()).isEqualTo(1);
		assertThat(flushRecord.distributions()).isEqualTo(1);
		assertThat(flushRecord.events()).isEqualTo(1);
		assertThat(flushRecord.serviceChecks()).isEqualTo(1);
		assertThat(flushRecord.requests()).isEqualTo(4);
		assertThat(flushRecord.responses()).containsExactly(java.util.Map.entry(202, 4));
		assertThat(flushRecord.delivered()).isEqualTo(4);
		assertThat(flushRecord.outcome()).isEqualTo(FlushOutcome.DELIVERED);
		assertThat(this.intake.requestCount()).isEqualTo(4);
		DeliveryStatistics statistics = this.submitter.statistics();
		assertThat(statistics.payloadsDelivered()).isEqualTo(4);
		assertThat(statistics.itemsDelivered()).isEqualTo(4);
		assertThat(statistics.lastSuccessAt()).isNotNull();
		assertThat(statistics.failingSince()).isNull();
		assertThat(statistics.lastFlush()).isEqualTo(flushRecord);
	}

}
