package io.threadstats.submission;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.threadstats.snapshot.FlushSnapshot;

/**
 * What happened to one flush's submission, recorded when each of its payloads was
 * delivered, dropped or parked for retry. Later retries of parked payloads show in
 * {@link DeliveryStatistics}' totals, not here. It is also what the actuator endpoint
 * shows of a flush: its JSON form has the time to the second, {@code durationMillis}
 * instead of the duration, and drop reasons and the outcome as their keys
 * ({@code out-of-window}, {@code retrying}).
 *
 * @param flushedAt when the flush ran (the snapshot's time)
 * @param duration from the start of the submission until each payload was delivered,
 * dropped or parked, or {@code null} when delivery could not be followed to its end
 * @param series series points in the flush; every series carries one point
 * @param distributions distribution points in the flush
 * @param events events in the flush
 * @param serviceChecks service checks in the flush
 * @param payloads payloads encoded
 * @param requests HTTP requests made (413 halves included)
 * @param rawBytes uncompressed JSON bytes of the payloads encoded
 * @param compressedBytes request body bytes of the payloads encoded
 * @param responses HTTP responses by status code
 * @param transportErrors requests that got no HTTP response (connection errors, timeouts)
 * @param delivered items the intake accepted
 * @param parked items parked in the retry buffer
 * @param dropped items dropped, by reason
 * @param outcome the overall outcome
 * @param emptyRun when this record stands for a run of consecutive empty flushes (this
 * one the last), how many and since when; {@code null} for a record of one flush
 */
public record FlushRecord(
		@JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "yyyy-MM-dd'T'HH:mm:ssX",
				timezone = "UTC") Instant flushedAt,
		@JsonIgnore Duration duration, int series, int distributions, int events, int serviceChecks, int payloads,
		int requests, long rawBytes, long compressedBytes, Map<Integer, Integer> responses, int transportErrors,
		long delivered, long parked, Map<DropReason, Long> dropped, FlushOutcome outcome,
		@JsonInclude(JsonInclude.Include.NON_NULL) EmptyRun emptyRun) {

	public FlushRecord {
		// ordered, as people read them: statuses by number, reasons as declared
		responses = Collections.unmodifiableMap(new TreeMap<>(responses));
		Map<DropReason, Long> byReason = new EnumMap<>(DropReason.class);
		byReason.putAll(dropped);
		dropped = Collections.unmodifiableMap(byReason);
	}

	/**
	 * The record of a flush whose delivery could not be followed to its end: only its
	 * contents are known.
	 * @param snapshot the flush
	 * @param outcome {@link FlushOutcome#IN_PROGRESS}, {@link FlushOutcome#SUBMITTED} or
	 * {@link FlushOutcome#DISABLED}
	 */
	public static FlushRecord notFollowed(FlushSnapshot snapshot, FlushOutcome outcome) {
		return new FlushRecord(snapshot.flushedAt(), null, snapshot.series().size(), snapshot.distributions().size(),
				snapshot.events().size(), snapshot.serviceChecks().size(), 0, 0, 0, 0, Map.of(), 0, 0, 0, Map.of(),
				outcome, null);
	}

	/**
	 * Whether {@code next}, the flush after this one, joins it into one record: both had
	 * nothing to send, so that idle flushes do not push informative records out of a
	 * short history.
	 */
	boolean isJoinedBy(FlushRecord next) {
		return this.outcome == FlushOutcome.EMPTY && next.outcome == FlushOutcome.EMPTY;
	}

	/**
	 * {@code next}, standing for this record's run of empty flushes and itself; the
	 * caller checked {@link #isJoinedBy(FlushRecord)}.
	 */
	FlushRecord joinedBy(FlushRecord next) {
		EmptyRun run = (this.emptyRun != null) ? new EmptyRun(this.emptyRun.flushes() + 1, this.emptyRun.since())
				: new EmptyRun(2, this.flushedAt);
		return new FlushRecord(next.flushedAt, next.duration, next.series, next.distributions, next.events,
				next.serviceChecks, next.payloads, next.requests, next.rawBytes, next.compressedBytes, next.responses,
				next.transportErrors, next.delivered, next.parked, next.dropped, next.outcome, run);
	}

	/** The duration in milliseconds, as the endpoint shows it, or {@code null}. */
	@JsonProperty("durationMillis")
	public Long durationMillis() {
		return (this.duration != null) ? this.duration.toMillis() : null;
	}

	/**
	 * Items in the flush: series points, distribution points, events and service checks.
	 */
	public long items() {
		return (long) this.series + this.distributions + this.events + this.serviceChecks;
	}

	/** Items dropped, whatever the reason. */
	public long droppedTotal() {
		return this.dropped.values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * A run of consecutive flushes that had nothing to send, kept as one record.
	 *
	 * @param flushes how many (at least 2)
	 * @param since when the first of them ran
	 */
	public record EmptyRun(int flushes, @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "yyyy-MM-dd'T'HH:mm:ssX",
			timezone = "UTC") Instant since) {
	}

}
