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

	/** This payload without its body, as kept in the retry buffer. */
	Payload<T> withoutBody() {
		return new Payload<>(this.format, this.items, null, this.rawBytes, this.compression, this.origin);
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
	 */
	record Origin(Instant createdAt, long sequence, long owner) {

		/** The same place in delivery order, counted by another tally. */
		Origin ownedBy(long tally) {
			return new Origin(this.createdAt, this.sequence, tally);
		}

	}

}
