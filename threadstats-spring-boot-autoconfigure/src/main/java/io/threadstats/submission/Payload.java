package io.threadstats.submission;

import java.time.Instant;
import java.util.List;

/**
 * One request's worth of items of one format, and the encoded body when it is about to be
 * sent.
 *
 * <p>
 * A parked payload keeps its items but not its body: the body is rebuilt before each
 * retry, so that points which have left Datadog's time window meanwhile are dropped
 * (counted) instead of sent.
 *
 * @param <T> the item type
 * @param format how the items are written and where they go
 * @param items the items, in the order they were written
 * @param body the encoded, compressed body, or {@code null} once parked
 * @param rawBytes the size of the uncompressed JSON body
 * @param compression how {@code body} is compressed
 * @param origin when it was first encoded, its place in delivery order, and who counts
 * its items
 */
record Payload<T>(PayloadFormat<T> format, List<T> items, byte[] body, long rawBytes, Compression compression,
		Origin origin) {

	Payload {
		items = List.copyOf(items);
	}

	IntakeEndpoint endpoint() {
		return this.format.endpoint();
	}

	int itemCount() {
		return this.items.size();
	}

	long compressedBytes() {
		return (this.body != null) ? this.body.length : 0;
	}

	/** When the payload's items were first encoded. */
	Instant createdAt() {
		return this.origin.createdAt();
	}

	/**
	 * Lets the engine reuse what the items hold, once they were delivered or, in dry-run
	 * mode, encoded: nothing reads them again (see {@link PayloadFormat#release}).
	 */
	void releaseItems() {
		for (T item : this.items) {
			this.format.release(item);
		}
	}

	/** This payload without its body, as kept in the retry buffer. */
	Payload<T> withoutBody() {
		return new Payload<>(this.format, this.items, null, this.rawBytes, this.compression, this.origin);
	}

	/**
	 * This payload, remembered as sent once without an answer: it may have been accepted,
	 * so sending it again may count its items twice where Datadog adds what it receives.
	 */
	Payload<T> sentWithoutAnswer() {
		return new Payload<>(this.format, this.items, this.body, this.rawBytes, this.compression,
				this.origin.sentWithoutAnswer());
	}

	/**
	 * Whether delivering this payload may count its items a second time: an earlier send
	 * got no answer in time, and Datadog adds what its endpoint receives (distribution
	 * points, events) rather than keeping the last write (series).
	 */
	boolean mayDuplicate() {
		return this.origin.wasSentWithoutAnswer() && endpoint().addsWhatItReceives();
	}

	/**
	 * Where a payload comes from. The parts a payload is re-encoded into (before a retry,
	 * or as 413 halves) keep its creation time and sequence, so that they keep its place
	 * in the retry buffer; their owner is the unit of delivery work that re-encoded them.
	 *
	 * @param createdAt when the items were first encoded
	 * @param sequence the order of first encoding, among payloads created at the same
	 * time
	 * @param owner the {@linkplain DeliveryTally#id() tally} that counts what happens to
	 * its items
	 * @param wasSentWithoutAnswer whether the items were sent once and got no answer in
	 * time (they may have been accepted)
	 */
	record Origin(Instant createdAt, long sequence, long owner, boolean wasSentWithoutAnswer) {

		/** A first encoding: never sent yet. */
		Origin(Instant createdAt, long sequence, long owner) {
			this(createdAt, sequence, owner, false);
		}

		/** The same place in delivery order, counted by another tally. */
		Origin ownedBy(long tally) {
			return new Origin(this.createdAt, this.sequence, tally, this.wasSentWithoutAnswer);
		}

		/** The same, its items sent once without an answer. */
		Origin sentWithoutAnswer() {
			return new Origin(this.createdAt, this.sequence, this.owner, true);
		}

	}

}
