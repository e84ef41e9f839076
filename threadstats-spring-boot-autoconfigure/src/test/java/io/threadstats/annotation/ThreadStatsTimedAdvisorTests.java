package io.threadstats.annotation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.threadstats.ThreadStats;
import io.threadstats.snapshot.FlushSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static io.threadstats.annotation.MeteringFixture.distributions;
import static io.threadstats.annotation.MeteringFixture.proxy;
import static io.threadstats.annotation.MeteringFixture.series;
import static io.threadstats.annotation.MeteringFixture.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThreadStatsTimedAdvisorTests {

	/** The class tag as Datadog stores it: lower-cased, {@code $} replaced. */
	private static final String CHECKOUT = "class:io.threadstats.annotation.threadstatstimedadvisortests_checkout";

	private final MeteringFixture fixture = new MeteringFixture();

	private final Checkout checkout = proxy(new Checkout(this.fixture), this.fixture.timedAdvisor());

	@AfterEach
	void close() {
		this.fixture.close();
	}

	@Test
	void synchronousCallsAreRecordedInMillisecondsWithClassMethodAndExceptionTags() {
		this.checkout.pay(5);
		this.checkout.pay(3);

		FlushSnapshot snapshot = this.fixture.flush();
		String[] tags = { CHECKOUT, "method:pay", "exception:none" };
		assertThat(value(snapshot, "checkout.pay.count", tags)).isEqualTo(2);
		assertThat(value(snapshot, "checkout.pay.max", tags)).isEqualTo(5);
		assertThat(value(snapshot, "checkout.pay.min", tags)).isEqualTo(3);
	}

	@Test
	void aThrownExceptionIsRethrownUntouchedAndTaggedWithItsSimpleName() {
		IllegalStateException thrown = new IllegalStateException("card declined");

		assertThatThrownBy(() -> this.checkout.fail(thrown)).isSameAs(thrown);

		FlushSnapshot snapshot = this.fixture.flush();
		assertThat(value(snapshot, "checkout.fail.max", CHECKOUT, "method:fail", "exception:illegalstateexception"))
			.isEqualTo(2);
		assertThat(series(snapshot, "checkout.fail.count", "exception:none")).isEmpty();
	}

	@Test
	void aCompletionStageIsTimedUntilItCompletesAndTheCallerGetsTheSameStage() {
		CompletableFuture<String> pending = new CompletableFuture<>();

		CompletableFuture<String> returned = this.checkout.async(pending);
		this.fixture.advanceMillis(7);

		assertThat(returned).isSameAs(pending);
		assertThat(this.fixture.flush().series()).as("nothing recorded before completion").isEmpty();
		pending.complete("done");
		FlushSnapshot snapshot = this.fixture.flush();
		assertThat(value(snapshot, "checkout.async.max", CHECKOUT, "method:async", "exception:none")).isEqualTo(7);
		assertThat(value(snapshot, "checkout.async.count", "exception:none")).isEqualTo(1);
	}

	@Test
	void aCompletionStageCompletedExceptionallyIsTaggedWithTheUnwrappedFailure() {
		CompletableFuture<String> pending = new CompletableFuture<>();
		CompletableFuture<String> failing = pending.thenApply((value) -> {
			throw new UncheckedIOException(new IOException("disk"));
		});

		this.checkout.async(failing);
		this.fixture.advanceMillis(4);
		pending.complete("go");

		assertThat(value(this.fixture.flush(), "checkout.async.max", "method:async", "exception:uncheckedioexception"))
			.as("the CompletionException the future wraps it in is looked through")
			.isEqualTo(4);
	}

	@Test
	void aCancelledCompletionStageIsTaggedCancellationException() {
		CompletableFuture<String> pending = new CompletableFuture<>();

		this.checkout.async(pending).cancel(true);

		assertThat(value(this.fixture.flush(), "checkout.async.count", "exception:cancellationexception")).isEqualTo(1);
	}

	@Test
	void aNullReturnIsRecordedAtOnce() {
		assertThat(this.checkout.nothing()).isNull();

		assertThat(value(this.fixture.flush(), "checkout.nothing.count", "method:nothing", "exception:none"))
			.isEqualTo(1);
	}

	@Test
	void aMonoIsTimedFromSubscriptionToItsValue() {
		Sinks.One<String> sink = Sinks.one();
		Mono<String> mono = this.checkout.mono(sink.asMono());
		this.fixture.advanceMillis(100);

		mono.subscribe();
		this.fixture.advanceMillis(6);
		assertThat(this.fixture.flush().series()).as("nothing recorded before the value").isEmpty();
		sink.tryEmitValue("ok");

		FlushSnapshot snapshot = this.fixture.flush();
		assertThat(value(snapshot, "checkout.mono.max", CHECKOUT, "method:mono", "exception:none"))
			.as("from subscribe, not from the method's return")
			.isEqualTo(6);
		assertThat(value(snapshot, "checkout.mono.count", "exception:none")).isEqualTo(1);
	}

	@Test
	void aMonoSubscribedTwiceIsRecordedTwiceAndOneNeverSubscribedNever() {
		Mono<String> mono = this.checkout.mono(Mono.just("ok"));
		this.checkout.mono(Mono.just("never subscribed"));

		StepVerifier.create(mono).expectNext("ok").verifyComplete();
		StepVerifier.create(mono).expectNext("ok").verifyComplete();

		assertThat(value(this.fixture.flush(), "checkout.mono.count", "exception:none")).isEqualTo(2);
	}

	@Test
	void aFailingMonoIsTaggedWithItsError() {
		StepVerifier.create(this.checkout.mono(Mono.error(new IOException("timeout")))).verifyError(IOException.class);

		assertThat(value(this.fixture.flush(), "checkout.mono.count", "exception:ioexception")).isEqualTo(1);
	}

	@Test
	void aFluxIsTimedOnceUntilItCompletes() {
		Flux<Integer> items = Flux.range(1, 3).doOnNext((item) -> this.fixture.advanceMillis(2));

		StepVerifier.create(this.checkout.flux(items)).expectNext(1, 2, 3).verifyComplete();

		FlushSnapshot snapshot = this.fixture.flush();
		assertThat(value(snapshot, "checkout.flux.count", CHECKOUT, "method:flux", "exception:none")).isEqualTo(1);
		assertThat(value(snapshot, "checkout.flux.max", "exception:none")).isEqualTo(6);
	}

	@Test
	void aFailingFluxIsTaggedWithItsError() {
		Flux<Integer> items = Flux.concat(Flux.just(1), Flux.error(new IllegalArgumentException("bad item")));

		StepVerifier.create(this.checkout.flux(items)).expectNext(1).verifyError(IllegalArgumentException.class);

		assertThat(value(this.fixture.flush(), "checkout.flux.count", "exception:illegalargumentexception"))
			.isEqualTo(1);
	}

	@Test
	void aCancelledFluxIsTaggedCancellationException() {
		Sinks.Many<Integer> sink = Sinks.many().unicast().onBackpressureBuffer();
		Disposable subscription = this.checkout.flux(sink.asFlux()).subscribe();
		sink.tryEmitNext(1);
		this.fixture.advanceMillis(3);

		subscription.dispose();

		FlushSnapshot snapshot = this.fixture.flush();
		assertThat(value(snapshot, "checkout.flux.max", "exception:cancellationexception")).isEqualTo(3);
		assertThat(series(snapshot, "checkout.flux.count", "exception:none")).isEmpty();
	}

	@Test
	void aFluxCutShortByItsConsumerIsRecordedAsCancelledOnce() {
		Flux<Integer> firstOnly = this.checkout.flux(Flux.range(1, 100)).take(1);

		StepVerifier.create(firstOnly).expectNext(1).verifyComplete();

		FlushSnapshot snapshot = this.fixture.flush();
		assertThat(value(snapshot, "checkout.flux.count", "exception:cancellationexception")).isEqualTo(1);
		assertThat(series(snapshot, "checkout.flux.count", "exception:none")).isEmpty();
	}

	@Test
	void aClassLevelAnnotationTimesEveryMethodOfTheClassAndAMethodAnnotationOverridesIt() {
		Inventory inventory = proxy(new Inventory(), this.fixture.timedAdvisor());

		inventory.reserve();
		inventory.release();
		inventory.audit();

		FlushSnapshot snapshot = this.fixture.flush();
		String inventoryClass = "class:io.threadstats.annotation.threadstatstimedadvisortests_inventory";
		assertThat(value(snapshot, "inventory.calls.count", inventoryClass, "method:reserve")).isEqualTo(1);
		assertThat(value(snapshot, "inventory.calls.count", inventoryClass, "method:release")).isEqualTo(1);
		assertThat(value(snapshot, "inventory.audit.count", inventoryClass, "method:audit", "region:eu")).isEqualTo(1);
		assertThat(series(snapshot, "inventory.calls.count", "method:audit")).isEmpty();
	}

	@Test
	void extraTagsAndArgumentTagsAreAddedAndEachArgumentValueIsItsOwnSeries() {
		this.checkout.charge("acme", 1, "first");
		this.checkout.charge("acme", 1, "second");
		this.checkout.charge(null, 2, "third");

		FlushSnapshot snapshot = this.fixture.flush();
		assertThat(value(snapshot, "checkout.charge.count", "region:eu", "customer:acme", "tier:1")).isEqualTo(2);
		assertThat(value(snapshot, "checkout.charge.count", "region:eu", "customer:" + MetricTag.NULL_VALUE, "tier:2"))
			.isEqualTo(1);
		assertThat(series(snapshot, "checkout.charge.count")).allSatisfy((point) -> assertThat(point.tags())
			.noneMatch((tag) -> tag.contains("first") || tag.contains("second") || tag.contains("third")));
	}

	@Test
	void argumentValuesBeyondTheCacheBoundAreStillRecorded() {
		int calls = MeteredMethod.MAX_CACHED_ARGUMENT_COMBINATIONS + 5;
		for (int i = 0; i < calls; i++) {
			this.checkout.charge("customer" + i, 1, "");
		}

		FlushSnapshot snapshot = this.fixture.flush();
		assertThat(series(snapshot, "checkout.charge.count")).hasSize(calls);
		assertThat(value(snapshot, "checkout.charge.count", "customer:customer" + (calls - 1), "tier:1")).isEqualTo(1);
	}

	@Test
	void aDistributionKindRecordsEveryRawDuration() {
		this.checkout.distributed(5);
		this.checkout.distributed(8);

		FlushSnapshot snapshot = this.fixture.flush();
		assertThat(distributions(snapshot, "checkout.distributed", CHECKOUT, "method:distributed", "exception:none"))
			.singleElement()
			.satisfies((point) -> assertThat(point.values()).containsExactly(5.0, 8.0));
		assertThat(snapshot.series()).isEmpty();
	}

	@Test
	void aBlankNameUsesTheDefaultMetricName() {
		this.checkout.unnamed();

		assertThat(value(this.fixture.flush(), Timed.DEFAULT_METRIC_NAME + ".count", CHECKOUT, "method:unnamed"))
			.isEqualTo(1);
	}

	@Test
	void methodsWithoutTheAnnotationAreNotRecorded() {
		this.checkout.untimed();

		assertThat(this.fixture.flush().isEmpty()).isTrue();
	}

	@Test
	void aFailingArgumentToStringNeverReachesTheCallerAndIsCounted() {
		ThreadStatsTimedAdvisor advisor = this.fixture.timedAdvisor();
		Checkout checkout = proxy(new Checkout(this.fixture), advisor);
		Object unprintable = new Object() {

			@Override
			public String toString() {
				throw new IllegalStateException("no toString today");
			}

		};

		assertThat(checkout.tagged(unprintable)).isEqualTo("ran");
		assertThat(advisor.unrecordedCalls()).isEqualTo(1);
	}

	@Test
	void mixedCaseClassExceptionAndArgumentValuesAreRecordedEvenByAStrictEngine() {
		try (MeteringFixture strict = new MeteringFixture(true)) {
			ThreadStatsTimedAdvisor advisor = strict.timedAdvisor();
			Checkout checkout = proxy(new Checkout(strict), advisor);

			checkout.charge("ACME Corp", 3, "");
			assertThatThrownBy(() -> checkout.fail(new IllegalStateException()))
				.isInstanceOf(IllegalStateException.class);

			FlushSnapshot snapshot = strict.flush();
			assertThat(value(snapshot, "checkout.charge.count", CHECKOUT, "customer:acme_corp", "tier:3")).isEqualTo(1);
			assertThat(value(snapshot, "checkout.fail.count", CHECKOUT, "exception:illegalstateexception"))
				.isEqualTo(1);
			assertThat(advisor.unrecordedCalls()).isZero();
		}
	}

	@Test
	void aFailingMetricsEngineNeverReachesTheCaller() {
		ThreadStats broken = (ThreadStats) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { ThreadStats.class }, (proxy, method, arguments) -> {
					throw new IllegalStateException("metrics are broken");
				});
		ThreadStatsTimedAdvisor advisor = new ThreadStatsTimedAdvisor(broken);
		Checkout checkout = proxy(new Checkout(this.fixture), advisor);
		IllegalArgumentException thrown = new IllegalArgumentException("the method's own");
		CompletableFuture<String> pending = new CompletableFuture<>();

		assertThat(checkout.pay(1)).isEqualTo("paid");
		assertThatThrownBy(() -> checkout.fail(thrown)).isSameAs(thrown);
		assertThat(checkout.async(pending)).isSameAs(pending);
		pending.complete("done");
		StepVerifier.create(checkout.mono(Mono.just("ok"))).expectNext("ok").verifyComplete();

		assertThat(advisor.unrecordedCalls()).isEqualTo(4);
		assertThat(pending).isCompletedWithValue("done");
	}

	public static class Checkout {

		private final MeteringFixture fixture;

		public Checkout(MeteringFixture fixture) {
			this.fixture = fixture;
		}

		@Timed("checkout.pay")
		public String pay(long millis) {
			this.fixture.advanceMillis(millis);
			return "paid";
		}

		@Timed("checkout.fail")
		public void fail(RuntimeException failure) {
			this.fixture.advanceMillis(2);
			throw failure;
		}

		@Timed("checkout.async")
		public CompletableFuture<String> async(CompletableFuture<String> future) {
			return future;
		}

		@Timed("checkout.nothing")
		public CompletionStage<String> nothing() {
			return null;
		}

		@Timed("checkout.mono")
		public Mono<String> mono(Mono<String> mono) {
			return mono;
		}

		@Timed("checkout.flux")
		public Flux<Integer> flux(Flux<Integer> flux) {
			return flux;
		}

		@Timed(value = "checkout.charge", extraTags = { "region", "eu" })
		public void charge(@MetricTag("customer") String customer, @MetricTag Integer tier, String note) {
		}

		@Timed("checkout.tagged")
		public String tagged(@MetricTag("thing") Object thing) {
			return "ran";
		}

		@Timed(value = "checkout.distributed", kind = Timed.Kind.DISTRIBUTION)
		public void distributed(long millis) {
			this.fixture.advanceMillis(millis);
		}

		@Timed
		public void unnamed() {
		}

		public void untimed() {
		}

	}

	@Timed("inventory.calls")
	public static class Inventory {

		public void reserve() {
		}

		public void release() {
		}

		@Timed(value = "inventory.audit", extraTags = { "region", "eu" })
		public void audit() {
		}

	}

}
