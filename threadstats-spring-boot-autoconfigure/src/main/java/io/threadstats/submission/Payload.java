package io.threadstats.submission;

import java.time.Instant;
import java.util.List;

/**
 * One request's worth of items of one format, and the encoded body when it is about to be sent.
 *
 * <p>A parked payload keeps its items but not its body: the body is rebuilt before each retry, so
 * that points which have left Datadog's time window meanwhile are dropped (counted) instead of sent.
 *
 * @param <T> the item type
 * @param format how the items are written and where they go
 * @param items the items, in the order they were written
 * @param body the encoded, compressed body, or {@code null} once parked
 * @param rawBytes the size of the uncompressed JSON body
 * @param compression how {@code body} is compressed
 * @param createdAt when the payload was first encoded
 */
record Payload<T>(PayloadFormat<T> format, List<T> items, byte[] body, long rawBytes, Compression compression,
		Instant createdAt) {

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

	/** This payload without its body, as kept in the retry buffer. */
	Payload<T> withoutBody() {
		return new Payload<>(this.format, this.items, null, this.rawBytes, this.compression, this.createdAt);
	}

}
