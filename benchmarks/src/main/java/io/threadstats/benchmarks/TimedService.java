package io.threadstats.benchmarks;

import io.micrometer.core.annotation.Timed;

/**
 * The method every {@link TimedAspectBenchmark} row calls: cheap work, so the rows differ
 * by the proxy and the advice alone. Not final, so Spring can proxy the class (CGLIB, as
 * Spring Boot does by default).
 */
public class TimedService {

	/** Scrambles the input: enough work that it cannot be folded away. */
	@Timed("bench.timed")
	@io.threadstats.annotation.Timed("bench.timed")
	public int work(int input) {
		return Integer.rotateLeft(input * 0x9E3779B9, 7);
	}

}
