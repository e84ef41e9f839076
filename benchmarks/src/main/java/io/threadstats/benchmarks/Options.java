package io.threadstats.benchmarks;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} command-line options of the harness main classes, each with a default. */
final class Options {

	private final Map<String, String> values = new HashMap<>();

	private Options() {
	}

	static Options parse(String[] args) {
		Options options = new Options();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				throw new IllegalArgumentException("Expected '--name value' pairs, got '" + args[i] + "'");
			}
			options.values.put(args[i].substring(2), args[++i]);
		}
		return options;
	}

	int intValue(String name, int defaultValue) {
		String value = this.values.get(name);
		return (value != null) ? Integer.parseInt(value) : defaultValue;
	}

	String value(String name, String defaultValue) {
		return this.values.getOrDefault(name, defaultValue);
	}

}
