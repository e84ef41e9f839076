package io.threadstats;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import io.threadstats.aggregation.Aggregator;
import io.threadstats.api.AggregatorSettings;
import io.threadstats.api.OpenSeries;
import io.threadstats.api.RecordingStatistics;
import io.threadstats.snapshot.Event;
import io.threadstats.snapshot.FlushSnapshot;
import io.threadstats.snapshot.ServiceCheck;
import io.threadstats.submission.Submitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregating {@link ThreadStats}: records into an {@link Aggregator}, flushes on
 * demand and, when auto-flushing, from one daemon thread named
 * {@value #FLUSH_THREAD_NAME} (first flush one flush interval after start, then at a
 * fixed delay). A background tick is skipped and counted while the previous submission is
 * still running, so a slow intake never piles up flushes; the flush it owes, or a
 * distribution hand-off put off the same way, runs as soon as that submission is done, on
 * the flushing thread (through the {@link #onFullChunks} signal), not a whole interval
 * later. A failing flush or submitter is logged and never stops the thread.
 */
final class DefaultThreadStats extends ScopedRecorder implements ThreadStats {

	static final String FLUSH_THREAD_NAME = "threadstats-flush";

	private static final Logger logger = LoggerFactory.getLogger(DefaultThreadStats.class);

	private final Submitter submitter;

	private final Duration drainTimeout;

	private final ScheduledExecutorService scheduler;

	private final ReentrantLock flushLock = new ReentrantLock();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final AtomicLong skippedFlushes = new AtomicLong();

	/** Set under the flush lock by close, after the last submission. */
	private volatile boolean submitterClosed;

	private volatile CompletableFuture<Void> lastSubmission = CompletableFuture.completedFuture(null);

	/**
	 * A tick was skipped: the next hand-off flushes instead (see {@link #retryWhenDone}).
	 */
	private volatile boolean flushOwed;

	/** The submission in flight that a retry already waits for. */
	private final AtomicReference<CompletableFuture<Void>> retryArmedOn = new AtomicReference<>();

	DefaultThreadStats(Aggregator aggregator, String host, Submitter submitter, Duration flushInterval,
			boolean autoFlush, Duration drainTimeout) {
		super(aggregator, host, 1.0);
		this.submitter = submitter;
		this.drainTimeout = drainTimeout;
		this.scheduler = autoFlush ? startFlushing(flushInterval) : null;
		if (this.scheduler != null) {
			onFullChunks(this::scheduleHandOff);
		}
	}

	/** Queues a hand-off on the flush thread (a recording thread: it never waits). */
	private void scheduleHandOff() {
		try {
			this.scheduler.execute(this::handOffFullChunks);
		}
		catch (RejectedExecutionException ex) {
			// closing: the final flush takes the chunks
		}
	}

	@Override
	public void onFullChunks(Runnable signal) {
		this.aggregator.onFullChunks(signal);
	}

	@Override
	public void handOffFullChunks() {
		this.flushLock.lock();
		try {
			if (this.submitterClosed) {
				return;
			}
			CompletableFuture<Void> inFlight = this.lastSubmission;
			if (!inFlight.isDone()) {
				retryWhenDone(inFlight);
				return;
			}
			if (this.flushOwed) {
				this.flushOwed = false;
				flush();
				return;
			}
			FlushSnapshot snapshot = this.aggregator.handOffFullChunks();
			if (!snapshot.isEmpty()) {
				submit(snapshot);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("threadstats could not hand off full distribution chunks; the next flush takes them", ex);
		}
		finally {
			this.flushLock.unlock();
		}
	}

	private ScheduledExecutorService startFlushing(Duration flushInterval) {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, FLUSH_THREAD_NAME);
			thread.setDaemon(true);
			return thread;
		});
		long millis = flushInterval.toMillis();
		executor.scheduleWithFixedDelay(this::backgroundFlush, millis, millis, TimeUnit.MILLISECONDS);
		return executor;
	}

	@Override
	public void backgroundFlush() {
		try {
			CompletableFuture<Void> inFlight = this.lastSubmission;
			if (!inFlight.isDone()) {
				this.skippedFlushes.incrementAndGet();
				logger.debug("threadstats put off a flush: the previous submission is still running");
				this.flushOwed = true;
				retryWhenDone(inFlight);
				return;
			}
			this.flushOwed = false;
			flush();
		}
		catch (Throwable ex) {
			logger.warn("threadstats background flush failed; it will run again at the next interval", ex);
		}
	}

	/**
	 * Once the submission in flight is done, runs the hand-off signal again (once per
	 * submission), so that what was put off waits for that submission only, not for the
	 * next tick or chunk: with an intake 200 ms away, a distribution recording 150,000
	 * values a second otherwise lost a third of them while its full chunks waited for the
	 * next tick.
	 */
	private void retryWhenDone(CompletableFuture<Void> inFlight) {
		CompletableFuture<Void> armed = this.retryArmedOn.get();
		if (armed != inFlight && this.retryArmedOn.compareAndSet(armed, inFlight)) {
			inFlight.whenComplete((ignored, failure) -> this.aggregator.signalAgain());
		}
	}

	@Override
	public void event(Event event) {
		this.aggregator.event(event);
	}

	@Override
	public void serviceCheck(ServiceCheck check) {
		this.aggregator.serviceCheck(check);
	}

	@Override
	public FlushSnapshot flush() {
		return flushAndSubmit(this.aggregator::flush);
	}

	@Override
	public FlushSnapshot flush(Instant cutoff) {
		if (cutoff == null) {
			return flush();
		}
		return flushAndSubmit(() -> this.aggregator.flush(cutoff.getEpochSecond()));
	}

	/**
	 * Flushes and submits, one flush at a time; after close, flushes hand nothing to the
	 * closed submitter.
	 */
	private FlushSnapshot flushAndSubmit(Supplier<FlushSnapshot> flush) {
		this.flushLock.lock();
		try {
			boolean submitterOpen = !this.submitterClosed;
			FlushSnapshot snapshot = flush.get();
			if (submitterOpen) {
				submit(snapshot);
			}
			return snapshot;
		}
		finally {
			this.flushLock.unlock();
		}
	}

	private void submit(FlushSnapshot snapshot) {
		try {
			CompletableFuture<Void> submission = this.submitter.submit(snapshot);
			this.lastSubmission = (submission != null) ? submission : CompletableFuture.completedFuture(null);
		}
		catch (RuntimeException ex) {
			logger.warn(
					"threadstats submitter {} failed on a flush of {} series points, {} distribution points, "
							+ "{} events and {} service checks; they are lost",
					this.submitter, snapshot.series().size(), snapshot.distributions().size(), snapshot.events().size(),
					snapshot.serviceChecks().size(), ex);
		}
	}

	@Override
	public RecordingStatistics statistics() {
		return this.aggregator.statistics(this.skippedFlushes.get());
	}

	@Override
	public List<OpenSeries> openSeries(String metric) {
		return this.aggregator.openSeries(metric);
	}

	@Override
	public AggregatorSettings settings() {
		return this.aggregator.settings();
	}

	@Override
	public void close() {
		close(this.drainTimeout);
	}

	/**
	 * One deadline for every step: the wait for a flush in progress (it only aggregates
	 * and queues, never waits on the network), the final flush, and the submitter's
	 * drain, which gets what is left.
	 */
	@Override
	public void close(Duration timeout) {
		Objects.requireNonNull(timeout, "timeout");
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		long started = System.nanoTime();
		if (this.scheduler != null) {
			// no new ticks; a tick in progress holds the flush lock, which is waited for
			// below
			this.scheduler.shutdown();
		}
		this.flushLock.lock();
		try {
			flushAndSubmit(this.aggregator::close);
		}
		finally {
			this.submitterClosed = true;
			this.flushLock.unlock();
			Duration left = timeout.minusNanos(System.nanoTime() - started);
			try {
				this.submitter.close(left.isNegative() ? Duration.ZERO : left);
			}
			catch (RuntimeException ex) {
				logger.warn("threadstats submitter {} failed to close", this.submitter, ex);
			}
		}
	}

	@Override
	public String toString() {
		return "ThreadStats[rollUp=" + this.aggregator.settings().rollUpSeconds() + "s, namespace="
				+ this.aggregator.settings().namespace() + ", submitter=" + this.submitter
				+ (this.closed.get() ? ", closed" : "") + "]";
	}

}
