package io.threadstats.submission;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Streams encoded items into a compressor and knows, before each item, whether it still
 * fits the endpoint's compressed and raw limits (the Agent's approach).
 *
 * <p>
 * A compressor holds back some input, so the compressed size is only known up to what it
 * has emitted. The compressor is therefore sync-flushed every
 * {@value #FLUSH_EVERY_RAW_BYTES} raw bytes, and an item fits when what has been emitted
 * plus zlib's worst-case bound for everything written since the last flush (and the item,
 * and the closing bytes) stays within the limit. The bound is never exceeded, so a sealed
 * payload never is.
 */
final class PayloadWriter {

	private static final int FLUSH_EVERY_RAW_BYTES = 32 * 1024;

	/**
	 * zlib or gzip header and trailer, the final block, and a sync-flush marker, with
	 * room to spare.
	 */
	private static final int CONTAINER_ALLOWANCE = 64;

	private static final int GZIP_HEADER_BYTES = 10;

	private final IntakeEndpoint endpoint;

	private final Compression compression;

	private final byte[] suffix;

	private final ByteArrayOutputStream sink = new ByteArrayOutputStream(8192);

	private final Deflater deflater;

	private final OutputStream compressor;

	private long rawBytes;

	private long rawSinceFlush;

	private int items;

	PayloadWriter(PayloadFormat<?> format, Compression configured) {
		this.endpoint = format.endpoint();
		this.compression = this.endpoint.compressionFor(configured);
		this.suffix = format.suffix();
		try {
			switch (this.compression) {
				case DEFLATE -> {
					this.deflater = new Deflater(this.endpoint.zlibLevel());
					this.compressor = new DeflaterOutputStream(this.sink, this.deflater, 8192, true);
				}
				case GZIP -> {
					// only v1 series take gzip, at zlib's default level
					this.deflater = null;
					this.compressor = new GZIPOutputStream(this.sink, 8192, true);
				}
				case ZSTD1 -> {
					this.deflater = null;
					this.compressor = ZstdBinding.compressing(this.sink);
				}
				default -> {
					this.deflater = null;
					this.compressor = this.sink;
				}
			}
			write(format.prefix(), format.prefix().length);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Compression compression() {
		return this.compression;
	}

	/**
	 * Whether an encoded item of {@code itemBytes} can be added without exceeding any
	 * limit.
	 */
	boolean fits(int itemBytes) {
		if (this.items + 1 > this.endpoint.maxItems()) {
			return false;
		}
		long added = ((this.items > 0) ? 1 : 0) + itemBytes + this.suffix.length;
		if (this.rawBytes + added > this.endpoint.maxRawBytes()) {
			return false;
		}
		long worstCompressed = (this.compression == Compression.NONE) ? this.rawBytes + added
				: this.sink.size() + compressBound(this.compression, this.rawSinceFlush + added) + CONTAINER_ALLOWANCE;
		return worstCompressed <= this.endpoint.maxCompressedBytes();
	}

	/**
	 * Whether an encoded item of {@code itemBytes} fits in a payload of its own; an item
	 * that does not can never be sent.
	 */
	static boolean fitsAlone(PayloadFormat<?> format, Compression configured, int itemBytes) {
		IntakeEndpoint endpoint = format.endpoint();
		Compression compression = endpoint.compressionFor(configured);
		long raw = format.prefix().length + itemBytes + format.suffix().length;
		long worstCompressed = (compression == Compression.NONE) ? raw
				: GZIP_HEADER_BYTES + compressBound(compression, raw) + CONTAINER_ALLOWANCE;
		return raw <= endpoint.maxRawBytes() && worstCompressed <= endpoint.maxCompressedBytes();
	}

	/** Adds an encoded item; the caller checked {@link #fits(int)}. */
	void add(ByteArrayOutputStream item) {
		try {
			if (this.items > 0) {
				write(new byte[] { ',' }, 1);
			}
			this.rawBytes += item.size();
			this.rawSinceFlush += item.size();
			item.writeTo(this.compressor);
			this.items++;
			if (this.rawSinceFlush >= FLUSH_EVERY_RAW_BYTES && this.compression != Compression.NONE) {
				this.compressor.flush();
				this.rawSinceFlush = 0;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Closes the envelope and the compressor; returns the body. */
	byte[] finish() {
		try {
			write(this.suffix, this.suffix.length);
			this.compressor.close();
			return this.sink.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			if (this.deflater != null) {
				this.deflater.end();
			}
		}
	}

	/**
	 * The size of the uncompressed body written so far (all of it after
	 * {@link #finish()}).
	 */
	long rawBytes() {
		return this.rawBytes;
	}

	private void write(byte[] bytes, int length) throws IOException {
		this.compressor.write(bytes, 0, length);
		this.rawBytes += length;
		this.rawSinceFlush += length;
	}

	/**
	 * The most {@code length} input bytes can grow: zstd's ZSTD_compressBound(), or
	 * zlib's compressBound() for deflate and gzip.
	 */
	static long compressBound(Compression compression, long length) {
		if (compression == Compression.ZSTD1) {
			return ZstdBinding.compressBound(length);
		}
		return length + (length >> 12) + (length >> 14) + (length >> 25) + 13;
	}

}
