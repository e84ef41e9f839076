package io.threadstats.submission;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Splits items into as few payloads as the endpoint's limits allow, producing one payload at a time
 * so that memory stays proportional to one payload, not to the whole flush.
 *
 * <p>Each item is first written into a small scratch buffer with Jackson's streaming generator: its
 * exact size must be known before it is committed, because a compressor cannot take bytes back.
 * Items outside Datadog's time window, and items too big for an empty payload, are dropped and
 * reported to the {@link DropListener}.
 *
 * @param <T> the item type
 */
final class PayloadBatcher<T> implements Iterator<Payload<T>> {

	private static final JsonFactory JSON = JsonFactory.builder().rootValueSeparator((String) null).build();

	private final PayloadFormat<T> format;

	private final List<T> items;

	private final Compression compression;

	private final long nowEpochSecond;

	private final Instant createdAt;

	private final DropListener drops;

	private final ByteArrayOutputStream scratch = new ByteArrayOutputStream(512);

	private final JsonGenerator generator;

	private int nextIndex;

	private Payload<T> next;

	/**
	 * @param format how the items are written
	 * @param items the items to send
	 * @param compression the configured compression
	 * @param now the current time, for Datadog's time window
	 * @param createdAt the creation time to stamp on the payloads
	 * @param drops told about every dropped item
	 */
	PayloadBatcher(PayloadFormat<T> format, List<T> items, Compression compression, Instant now, Instant createdAt,
			DropListener drops) {
		this.format = format;
		this.items = items;
		this.compression = compression;
		this.nowEpochSecond = now.getEpochSecond();
		this.createdAt = createdAt;
		this.drops = drops;
		this.generator = JSON.createGenerator(ObjectWriteContext.empty(), this.scratch);
	}

	/** Encodes every item now; for re-encoding the (small) item list of one payload. */
	static <T> List<Payload<T>> encodeAll(PayloadFormat<T> format, List<T> items, Compression compression,
			Instant now, Instant createdAt, DropListener drops) {
		List<Payload<T>> payloads = new ArrayList<>(1);
		new PayloadBatcher<>(format, items, compression, now, createdAt, drops).forEachRemaining(payloads::add);
		return payloads;
	}

	@Override
	public boolean hasNext() {
		if (this.next == null) {
			this.next = encodeNext();
		}
		return this.next != null;
	}

	@Override
	public Payload<T> next() {
		if (!hasNext()) {
			throw new NoSuchElementException();
		}
		Payload<T> payload = this.next;
		this.next = null;
		return payload;
	}

	private Payload<T> encodeNext() {
		PayloadWriter writer = null;
		List<T> batch = new ArrayList<>();
		while (this.nextIndex < this.items.size()) {
			T item = this.items.get(this.nextIndex);
			if (!isInWindow(item)) {
				this.drops.dropped(DropReason.OUT_OF_WINDOW, 1, this.format.endpoint());
				this.nextIndex++;
				continue;
			}
			int size = encode(item);
			if (!PayloadWriter.fitsAlone(this.format, this.compression, size)) {
				this.drops.dropped(DropReason.TOO_BIG, 1, this.format.endpoint());
				this.nextIndex++;
				continue;
			}
			if (writer == null) {
				writer = new PayloadWriter(this.format, this.compression);
			}
			if (!writer.fits(size)) {
				break;
			}
			writer.add(this.scratch);
			batch.add(item);
			this.nextIndex++;
		}
		if (writer == null) {
			return null;
		}
		byte[] body = writer.finish();
		return new Payload<>(this.format, batch, body, writer.rawBytes(), writer.compression(), this.createdAt);
	}

	private boolean isInWindow(T item) {
		long timestamp = this.format.timestamp(item);
		return timestamp == PayloadFormat.NO_TIMESTAMP
				|| this.format.endpoint().isInWindow(timestamp, this.nowEpochSecond);
	}

	private int encode(T item) {
		this.scratch.reset();
		this.format.write(this.generator, item);
		this.generator.flush();
		return this.scratch.size();
	}

}
