package io.threadstats.autoconfigure;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;

import io.threadstats.ThreadStats;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.scheduling.concurrent.ExecutorConfigurationSupport;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs a {@link ThreadStats}'s {@linkplain ThreadStats#backgroundFlush() background
 * flush} every flush interval on its own thread, {@value #THREAD_NAME}, started and
 * stopped with the application context. It neither needs nor enables
 * {@code @EnableScheduling}: the scheduler is private to it, so the application's own
 * {@code @Scheduled} methods are untouched. As a {@link ScheduledTaskHolder} its task is
 * listed by the actuator's {@code scheduledtasks} endpoint.
 *
 * <p>
 * When the context closes, {@link #stop()} waits for a flush in progress and then
 * {@linkplain ThreadStats#close(Duration) closes} the ThreadStats: every bucket is
 * flushed and delivery drains, the whole within the shutdown timeout (the close gets what
 * the wait left). It does so in phase {@value #PHASE}: after the web server has stopped
 * taking requests and the application's task executors and schedulers have let their
 * tasks in progress finish (so what they recorded is in the final flush), and before the
 * shared HTTP client resources (Reactor Netty's, phase 0) are disposed. A plain
 * {@code stop()} of a running context (a pause, a checkpoint) only stops the ticks;
 * {@link #start()} resumes them. A context closed while paused (as the test framework
 * pauses the contexts it caches) does not stop its flusher again: the final flush and
 * drain then happen as the close begins, while the HTTP client resources still run.
 */
public final class ThreadStatsFlusher
		implements SmartLifecycle, ScheduledTaskHolder, ApplicationListener<ContextClosedEvent> {

	/** The flush thread's name (the one the engine gives its own flush thread). */
	public static final String THREAD_NAME = "threadstats-flush";

	/**
	 * The lifecycle phase: stopped after the web server (phases
	 * {@code SmartLifecycle.DEFAULT_PHASE - 1024} and {@code - 2048}) and after Spring's
	 * executors and schedulers ({@link ExecutorConfigurationSupport#DEFAULT_PHASE}, half
	 * of that: they wait for their running tasks as they stop), before the HTTP client
	 * resources (phase 0).
	 */
	public static final int PHASE = ExecutorConfigurationSupport.DEFAULT_PHASE - 4096;

	private final ThreadStats threadStats;

	private final Duration flushInterval;

	private final Duration shutdownTimeout;

	private final ConfigurableApplicationContext context;

	private volatile Ticking ticking;

	/**
	 * Creates a flusher; it starts ticking when the context starts.
	 * @param threadStats what to flush
	 * @param flushInterval the time between flushes; the first comes one interval after
	 * start
	 * @param shutdownTimeout the time {@link #stop()} has, when the context closes, for a
	 * flush in progress, the final flush and the delivery drain together
	 * @param context the context whose close makes {@link #stop()} close the ThreadStats
	 */
	public ThreadStatsFlusher(ThreadStats threadStats, Duration flushInterval, Duration shutdownTimeout,
			ConfigurableApplicationContext context) {
		this.threadStats = threadStats;
		this.flushInterval = flushInterval;
		this.shutdownTimeout = shutdownTimeout;
		this.context = context;
	}

	/**
	 * The time between flushes.
	 * @return the flush interval this flusher ticks by
	 */
	public Duration getFlushInterval() {
		return this.flushInterval;
	}

	@Override
	public void start() {
		if (this.ticking == null) {
			Ticking started = new Ticking(new FlushTask(this.threadStats, this.flushInterval), this.shutdownTimeout);
			this.ticking = started;
			this.threadStats.onFullChunks(() -> started.handOff(this.threadStats));
		}
	}

	@Override
	public void stop() {
		long started = System.nanoTime();
		Ticking current = this.ticking;
		this.ticking = null;
		if (current != null) {
			this.threadStats.onFullChunks(null);
			current.stop();
		}
		if (this.context.isClosed()) {
			Duration left = this.shutdownTimeout.minusNanos(System.nanoTime() - started);
			this.threadStats.close(left.isNegative() ? Duration.ZERO : left);
		}
	}

	@Override
	public boolean isRunning() {
		return this.ticking != null;
	}

	/**
	 * Closes the ThreadStats when its context closes while this flusher is paused: the
	 * lifecycle does not call {@link #stop()} then, and the ThreadStats bean's own close,
	 * when it is destroyed, would come after the HTTP client resources are gone.
	 */
	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		if (event.getApplicationContext() == this.context && this.ticking == null) {
			this.threadStats.close(this.shutdownTimeout);
		}
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public Set<ScheduledTask> getScheduledTasks() {
		Ticking current = this.ticking;
		return (current != null) ? Set.of(current.task) : Set.of();
	}

	/** One run of the flusher's own scheduler: created on start, discarded on stop. */
	private static final class Ticking {

		private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

		private final ScheduledTask task;

		Ticking(FlushTask flush, Duration shutdownTimeout) {
			this.scheduler.setThreadFactory((runnable) -> {
				Thread thread = new Thread(runnable, THREAD_NAME);
				thread.setDaemon(true);
				return thread;
			});
			this.scheduler.setWaitForTasksToCompleteOnShutdown(true);
			this.scheduler.setAwaitTerminationMillis(shutdownTimeout.toMillis());
			this.scheduler.initialize();
			// the registrar, used only to schedule, makes the ScheduledTask the actuator
			// endpoint describes
			ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();
			registrar.setTaskScheduler(this.scheduler);
			this.task = registrar.scheduleFixedDelayTask(new FixedDelayTask(flush, flush.interval, flush.interval));
		}

		/**
		 * Hands a distribution's full chunks off on the flush thread (called on a
		 * recording thread: it never waits).
		 */
		void handOff(ThreadStats threadStats) {
			try {
				this.scheduler.execute(threadStats::handOffFullChunks);
			}
			catch (RejectedExecutionException ex) {
				// stopping: the final flush takes the chunks
			}
		}

		void stop() {
			// not cancel(): it interrupts a flush in progress
			this.task.cancel(false);
			this.scheduler.shutdown();
		}

	}

	/**
	 * The task the endpoint shows: the engine's background tick (put off while a
	 * submission runs, until it is done).
	 */
	private static final class FlushTask implements Runnable {

		private final ThreadStats threadStats;

		private final Duration interval;

		FlushTask(ThreadStats threadStats, Duration interval) {
			this.threadStats = threadStats;
			this.interval = interval;
		}

		@Override
		public void run() {
			this.threadStats.backgroundFlush();
		}

		@Override
		public String toString() {
			return "threadstats flush every " + this.interval.toString().substring(2).toLowerCase();
		}

	}

}
