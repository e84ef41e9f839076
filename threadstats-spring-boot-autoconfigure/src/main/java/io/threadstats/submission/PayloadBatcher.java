package io.threadstats.submission;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Splits items into as few payloads as the endpoint's limits allow, producing one payload
 * at a time so that memory stays proportional to one payload, not to the whole flush.
 *
 * <p>
 * Each item is first written into a small scratch buffer with Jackson's streaming
 * generator: its exact size must be known before it is committed, because a compressor
 * cannot take bytes back. Items outside Datadog's time window, and items too big for an
 * empty payload, are dropped and reported to the {@link DropListener}. The window is
 * checked against a fresh clock reading for each payload, just before it is sent: a flush
 * that spends minutes on slow requests still sends nothing that has left the window
 * meanwhile.
 *
 * @param <T> the item type
 */
final class PayloadBatcher<T> implements Iterator<Payload<T>> {

	private static final JsonFactory JSON = JsonFactory.builder().rootValueSeparator((String) null).build();

	private final PayloadFormat<T> format;

	private final List<T> items;

	private final Compression compression;

	private final Clock clock;

	private final Function<Instant, Payload.Origin> origins;

	private final DropListener drops;

	private final ByteArrayOutputStream scratch = new ByteArrayOutputStream(512);

	private final JsonGenerator generator;

	private int nextIndex;

	private Payload<T> next;

	/**
	 * @param format how the items are written
	 * @param items the items to send
	 * @param compression the configured compression
	 * @param clock read once per payload, for Datadog's time window
	 * @param origins the origin of each payload, given the clock reading its window was
	 * checked with
	 * @param drops told about every dropped item
	 */
	PayloadBatcher(PayloadFormat<T> format, List<T> items, Compression compression, Clock clock,
			Function<Instant, Payload.Origin> origins, DropListener drops) {
		this.format = format;
		this.items = items;
		this.compression = compression;
		this.clock = clock;
		this.origins = origins;
		this.drops = drops;
		this.generator = JSON.createGenerator(ObjectWriteContext.empty(), this.scratch);
	}

	/** Encodes every item now; for re-encoding the (small) item list of one payload. */
	static <T> List<Payload<T>> encodeAll(PayloadFormat<T> format, List<T> items, Compression compression, Clock clock,
			Function<Instant, Payload.Origin> origins, DropListener drops) {
		List<Payload<T>> payloads = new ArrayList<>(1);
		new PayloadBatcher<>(format, items, compression, clock, origins, drops).forEachRemaining(payloads::add);
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
		if (this.nextIndex >= this.items.size()) {
			return null;
		}
		Instant now = this.clock.instant();
		PayloadWriter writer = null;
		List<T> batch = new ArrayList<>();
		while (this.nextIndex < this.items.size()) {
			T item = this.items.get(this.nextIndex);
			if (!isInWindow(item, now.getEpochSecond())) {
				this.drops.dropped(DropReason.OUT_OF_WINDOW, 1);
				this.nextIndex++;
				continue;
			}
			int size = encode(item);
			if (!PayloadWriter.fitsAlone(this.format, this.compression, size)) {
				this.drops.dropped(DropReason.TOO_BIG, 1);
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
		return new Payload<>(this.format, batch, body, writer.rawBytes(), writer.compression(),
				this.origins.apply(now));
	}

	private boolean isInWindow(T item, long nowEpochSecond) {
		long timestamp = this.format.timestamp(item);
		return timestamp == PayloadFormat.NO_TIMESTAMP || this.format.endpoint().isInWindow(timestamp, nowEpochSecond);
	}

	private int encode(T item) {
		this.scratch.reset();
		this.format.write(this.generator, item);
		this.generator.flush();
		return this.scratch.size();
	}

}
