package io.threadstats.submission;

import java.lang.ref.WeakReference;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.threadstats.snapshot.FlushSnapshot;

/**
 * The flushes handed to delivery: each is queued for the delivery thread and then
 * delivered or, at shutdown, abandoned (its items counted as dropped), exactly once. The
 * last ones are remembered, weakly, so that their record can be found from their
 * snapshot.
 */
final class FlushQueue {

	private final DeliveryLoop loop;

	private final Executor deliveryThread;

	private final int remembered;

	private final ConcurrentLinkedDeque<FlushHandle> recent = new ConcurrentLinkedDeque<>();

	private final Queue<FlushTask> queued = new ConcurrentLinkedQueue<>();

	/**
	 * @param remembered how many of the last flushes {@link #recordOf} finds
	 */
	FlushQueue(DeliveryLoop loop, Executor deliveryThread, int remembered) {
		this.loop = loop;
		this.deliveryThread = deliveryThread;
		this.remembered = remembered;
	}

	/**
	 * Queues a flush for delivery, or abandons it at once when delivery is closed.
	 * @return its record, once each of its payloads was delivered, dropped or parked
	 */
	CompletableFuture<FlushRecord> add(FlushSnapshot snapshot, boolean closed) {
		FlushHandle handle = new FlushHandle(snapshot);
		this.recent.addLast(handle);
		while (this.recent.size() > this.remembered) {
			this.recent.pollFirst();
		}
		this.loop.flushAccepted();
		FlushTask task = new FlushTask(snapshot, handle);
		this.queued.add(task);
		if (closed) {
			task.abandon();
		}
		else {
			try {
				this.deliveryThread.execute(task);
			}
			catch (RejectedExecutionException ex) {
				task.abandon();
			}
		}
		return handle.record;
	}

	/**
	 * The record of a flush added here, or {@code null} when it was not, or is no longer
	 * remembered.
	 */
	CompletableFuture<FlushRecord> recordOf(FlushSnapshot snapshot) {
		for (FlushHandle handle : this.recent) {
			if (handle.snapshot.get() == snapshot) {
				return handle.record;
			}
		}
		return null;
	}

	/**
	 * Abandons every flush still queued, its items counted ({@code SHUTDOWN}).
	 * @return the items dropped
	 */
	long abandonQueued() {
		long items = 0;
		for (FlushTask task : this.queued) {
			items += task.abandon();
		}
		return items;
	}

	/** A flush added here, remembered weakly. */
	private static final class FlushHandle {

		final WeakReference<FlushSnapshot> snapshot;

		final CompletableFuture<FlushRecord> record = new CompletableFuture<>();

		FlushHandle(FlushSnapshot snapshot) {
			this.snapshot = new WeakReference<>(snapshot);
		}

	}

	/** One flush waiting for the delivery thread; run or abandoned, exactly once. */
	private final class FlushTask implements Runnable {

		private final FlushSnapshot snapshot;

		private final FlushHandle handle;

		private final AtomicBoolean claimed = new AtomicBoolean();

		FlushTask(FlushSnapshot snapshot, FlushHandle handle) {
			this.snapshot = snapshot;
			this.handle = handle;
		}

		@Override
		public void run() {
			if (FlushQueue.this.loop.isAbandoning()) {
				// left to the last report, which counts and logs it with the rest
				return;
			}
			if (this.claimed.compareAndSet(false, true)) {
				try {
					this.handle.record.complete(FlushQueue.this.loop.deliver(this.snapshot));
				}
				finally {
					FlushQueue.this.queued.remove(this);
				}
			}
		}

		/**
		 * Drops the whole flush (counted) unless it already started; returns the items
		 * dropped.
		 */
		long abandon() {
			if (!this.claimed.compareAndSet(false, true)) {
				return 0;
			}
			FlushQueue.this.queued.remove(this);
			FlushRecord flushRecord = FlushQueue.this.loop.abandoned(this.snapshot);
			this.handle.record.complete(flushRecord);
			return flushRecord.droppedTotal();
		}

	}

}
