package io.threadstats.aggregation;

/**
 * A bounded-error count of distinct strings: a HyperLogLog sketch of 2^{@value #P}
 * one-byte registers (16 KiB), estimated with Ertl's improved raw estimator ("New
 * cardinality estimation algorithms for HyperLogLog sketches", 2017), which needs no
 * empirical bias tables and is unbiased from a handful of members to billions. Relative
 * standard error {@code 1.04 / sqrt(2^P)} = 0.81%. Mergeable (register-wise maximum);
 * single writer.
 */
final class DistinctCounter {

	/** Precision: the register index takes this many bits of the hash. */
	static final int P = 14;

	/** The relative standard error of an estimate. */
	static final double RELATIVE_STANDARD_ERROR = 1.04 / Math.sqrt(1 << P);

	private static final int M = 1 << P;

	/** Bits of the hash left after the index: register values go up to Q + 1. */
	private static final int Q = 64 - P;

	private static final double ALPHA_INFINITY = 0.5 / Math.log(2);

	private final byte[] registers = new byte[M];

	void add(String member) {
		long hash = hash(member);
		int index = (int) (hash >>> Q);
		long rest = hash << P;
		int rank = (rest == 0) ? Q + 1 : Math.min(Long.numberOfLeadingZeros(rest), Q) + 1;
		if (rank > this.registers[index]) {
			this.registers[index] = (byte) rank;
		}
	}

	void merge(DistinctCounter other) {
		for (int i = 0; i < M; i++) {
			if (other.registers[i] > this.registers[i]) {
				this.registers[i] = other.registers[i];
			}
		}
	}

	/** The estimated number of distinct members added. */
	long estimate() {
		int[] histogram = new int[Q + 2];
		for (byte register : this.registers) {
			histogram[register]++;
		}
		double z = M * tau((M - histogram[Q + 1]) / (double) M);
		for (int k = Q; k >= 1; k--) {
			z = 0.5 * (z + histogram[k]);
		}
		z += M * sigma(histogram[0] / (double) M);
		return Math.round(ALPHA_INFINITY * M * M / z);
	}

	long retainedBytes() {
		return 32 + M;
	}

	private static double sigma(double x) {
		if (x == 1) {
			return Double.POSITIVE_INFINITY;
		}
		double y = 1;
		double z = x;
		double previous;
		do {
			x *= x;
			previous = z;
			z += x * y;
			y += y;
		}
		while (z != previous);
		return z;
	}

	private static double tau(double x) {
		if (x == 0 || x == 1) {
			return 0;
		}
		double y = 1;
		double z = 1 - x;
		double previous;
		do {
			x = Math.sqrt(x);
			previous = z;
			y *= 0.5;
			z -= (1 - x) * (1 - x) * y;
		}
		while (z != previous);
		return z / 3;
	}

	/** A 64-bit hash of the string's characters, mixed so every bit depends on all. */
	static long hash(String member) {
		long hash = 0x9E37_79B9_7F4A_7C15L ^ member.length();
		for (int i = 0; i < member.length(); i++) {
			hash = (hash ^ member.charAt(i)) * 0xBF58_476D_1CE4_E5B9L;
			hash ^= hash >>> 31;
		}
		hash ^= hash >>> 33;
		hash *= 0xFF51_AFD7_ED55_8CCDL;
		hash ^= hash >>> 33;
		hash *= 0xC4CE_B9FE_1A85_EC53L;
		return hash ^ (hash >>> 33);
	}

}
