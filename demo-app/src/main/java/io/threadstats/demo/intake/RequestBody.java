package io.threadstats.demo.intake;

import java.io.ByteArrayOutputStream;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * A request body read to its end but kept only up to a limit: what is past the limit is
 * counted and released. Reading it all lets the intake answer {@code 413} to a client
 * still sending, instead of closing the connection under it, which a client would see as
 * an I/O error rather than "too large".
 */
final class RequestBody {

	private final long limit;

	private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

	private long size;

	RequestBody(long limit) {
		this.limit = limit;
	}

	/**
	 * Adds the next part of the body, keeping it if the body is still within the limit,
	 * and releases it.
	 */
	RequestBody add(DataBuffer part) {
		try {
			int readable = part.readableByteCount();
			this.size += readable;
			if (this.size <= this.limit) {
				byte[] bytes = new byte[readable];
				part.read(bytes);
				this.kept.writeBytes(bytes);
			}
			return this;
		}
		finally {
			DataBufferUtils.release(part);
		}
	}

	/** Whether the body was larger than the limit (and so is not kept whole). */
	boolean overLimit() {
		return this.size > this.limit;
	}

	/** The whole body; only meaningful when not {@link #overLimit()}. */
	byte[] bytes() {
		return this.kept.toByteArray();
	}

}
