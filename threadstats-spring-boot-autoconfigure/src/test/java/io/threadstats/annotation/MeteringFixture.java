package io.threadstats.annotation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.threadstats.ThreadStats;
import io.threadstats.snapshot.DistributionPoint;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.SeriesPoint;
import io.threadstats.submission.InMemorySubmitter;

import org.springframework.aop.Advisor;
import org.springframework.aop.framework.ProxyFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real engine on a fixed clock with one-second buckets (so a rate equals a count), a
 * hand-driven nanosecond ticker for durations, and look-ups into the flushed snapshot.
 */
public final class MeteringFixture implements AutoCloseable {

	/** The fixed wall-clock time every point is recorded at. */
	public static final Instant NOW = Instant.parse("2026-03-02T10:15:30Z");

	final AtomicLong ticker = new AtomicLong(1_000_000_000L);

	/** The engine under test. */
	public final ThreadStats stats;

	/** A lenient engine, as applications build it by default. */
	public MeteringFixture() {
		this(false);
	}

	/**
	 * An engine that throws on any input it would otherwise normalise or reject, if
	 * {@code strict}.
	 */
	MeteringFixture(boolean strict) {
		this.stats = ThreadStats.builder()
			.autoFlush(false)
			.noHost()
			.environment((name) -> null)
			.rollUpInterval(Duration.ofSeconds(1))
			.clock(Clock.fixed(NOW, ZoneOffset.UTC))
			.submitter(new InMemorySubmitter())
			.strict(strict)
			.build();
	}

	/** Moves the ticker the advisor reads durations from. */
	void advanceMillis(long millis) {
		this.ticker.addAndGet(millis * 1_000_000L);
	}

	ThreadStatsTimedAdvisor timedAdvisor() {
		return new ThreadStatsTimedAdvisor(() -> this.stats, this.ticker::get);
	}

	ThreadStatsCountedAdvisor countedAdvisor() {
		return new ThreadStatsCountedAdvisor(this.stats);
	}

	/**
	 * A class-based proxy of {@code target} advised by {@code advisor}, as Spring Boot
	 * proxies beans.
	 */
	static <T> T proxy(T target, Advisor advisor) {
		ProxyFactory factory = new ProxyFactory(target);
		factory.setProxyTargetClass(true);
		factory.addAdvisor(advisor);
		@SuppressWarnings("unchecked")
		T proxy = (T) factory.getProxy();
		return proxy;
	}

	/** Flushes every bucket recorded so far. */
	public FlushSnapshot flush() {
		return this.stats.flush(NOW.plusSeconds(5));
	}

	/** The series called {@code metric} carrying at least {@code tags}. */
	static List<SeriesPoint> series(FlushSnapshot snapshot, String metric, String... tags) {
		return snapshot.series()
			.stream()
			.filter((point) -> point.metric().equals(metric) && point.tags().containsAll(Arrays.asList(tags)))
			.toList();
	}

	/**
	 * The value of the one series called {@code metric} carrying at least {@code tags}.
	 */
	static double value(FlushSnapshot snapshot, String metric, String... tags) {
		List<SeriesPoint> matching = series(snapshot, metric, tags);
		assertThat(matching).as("series %s with tags %s in %s", metric, Arrays.toString(tags), snapshot.series())
			.hasSize(1);
		return matching.get(0).value();
	}

	/** The distributions called {@code metric} carrying at least {@code tags}. */
	static List<DistributionPoint> distributions(FlushSnapshot snapshot, String metric, String... tags) {
		return snapshot.distributions()
			.stream()
			.filter((point) -> point.metric().equals(metric) && point.tags().containsAll(Arrays.asList(tags)))
			.toList();
	}

	/** Names of every emitted series and distribution. */
	static List<String> metricNames(FlushSnapshot snapshot) {
		return java.util.stream.Stream
			.concat(snapshot.series().stream().map(SeriesPoint::metric),
					snapshot.distributions().stream().map(DistributionPoint::metric))
			.distinct()
			.toList();
	}

	@Override
	public void close() {
		this.stats.close();
	}

}
