package io.threadstats.benchmarks;

import java.util.concurrent.atomic.AtomicInteger;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per-thread set members, made once and cycled, so that a set call measures counting a
 * member and not building its string. Each thread has its own 4096, so two threads add as
 * many distinct members as one does twice.
 */
@State(Scope.Thread)
public class Members {

	private static final int MASK = 4095;

	private static final AtomicInteger threads = new AtomicInteger();

	private final String[] members = new String[MASK + 1];

	private int cursor;

	/** Makes this thread's members. */
	@Setup
	public void fill() {
		int thread = threads.getAndIncrement();
		for (int i = 0; i < this.members.length; i++) {
			this.members[i] = "user-" + thread + "-" + i;
		}
	}

	/** The next member. */
	public String next() {
		return this.members[this.cursor++ & MASK];
	}

}
