package io.threadstats.benchmarks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code --name value} command-line options of the harness main classes, each with a
 * default. Strict: a misspelt name, a value outside its allowed set or range, a missing
 * value or a repeated name is refused with a message naming the option and what it
 * allows, so a run never measures something other than what was asked for.
 */
final class Options {

	/**
	 * The exit status of a harness given bad options (as for most command-line tools).
	 */
	static final int BAD_USAGE = 2;

	private final Map<String, String> given;

	/**
	 * Every option the harness read, with what it allows: the usage message and the
	 * unknown-name check.
	 */
	private final Map<String, String> known = new LinkedHashMap<>();

	private Options(Map<String, String> given) {
		this.given = given;
	}

	/**
	 * Reads the options with {@code reader} (which asks for each option it knows, with
	 * its default), then refuses any option given that the reader did not ask for.
	 * @throws BadOptionException for any option that breaks its rule
	 */
	static <T> T read(String[] args, Function<Options, T> reader) {
		Options options = new Options(pairs(args));
		T settings = reader.apply(options);
		Set<String> unknown = new LinkedHashSet<>(options.given.keySet());
		unknown.removeAll(options.known.keySet());
		if (!unknown.isEmpty()) {
			throw new BadOptionException(
					"Unknown option --" + unknown.iterator().next() + "; the options are: " + options.usage());
		}
		return settings;
	}

	/**
	 * {@link #read} for a {@code main}: on bad options prints what was wrong and the
	 * options to {@code System.err} and exits with {@link #BAD_USAGE}; on {@code --help}
	 * prints the options and exits 0.
	 */
	static <T> T readOrExit(String harness, String[] args, Function<Options, T> reader) {
		if (Arrays.asList(args).contains("--help")) {
			Options options = new Options(Map.of());
			reader.apply(options);
			System.out.println(harness + " options: " + options.usage());
			System.exit(0);
		}
		try {
			return read(args, reader);
		}
		catch (BadOptionException ex) {
			System.err.println(harness + ": " + ex.getMessage());
			System.exit(BAD_USAGE);
			return null;
		}
	}

	private static Map<String, String> pairs(String[] args) {
		Map<String, String> pairs = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i += 2) {
			String name = args[i];
			if (!name.startsWith("--") || name.length() == 2) {
				throw new BadOptionException("Expected an option '--name value', got '" + name + "'");
			}
			if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
				throw new BadOptionException("Option " + name + " needs a value");
			}
			if (pairs.put(name.substring(2), args[i + 1]) != null) {
				throw new BadOptionException("Option " + name + " is given twice");
			}
		}
		return pairs;
	}

	/** An integer option, {@code min <= value <= max}. */
	int intValue(String name, int defaultValue, int min, int max) {
		String rule = "an integer from " + min + " to " + max;
		this.known.put(name, rule + " (default " + defaultValue + ")");
		String value = this.given.get(name);
		if (value == null) {
			return defaultValue;
		}
		try {
			int parsed = Integer.parseInt(value);
			if (parsed >= min && parsed <= max) {
				return parsed;
			}
		}
		catch (NumberFormatException ex) {
			// refused below, with the rule
		}
		throw new BadOptionException("Option --" + name + " must be " + rule + ", got '" + value + "'");
	}

	/** An option that takes one of {@code allowed}, the first of which is the default. */
	String choice(String name, String... allowed) {
		List<String> values = List.of(allowed);
		String rule = "one of " + String.join(", ", values);
		this.known.put(name, rule + " (default " + allowed[0] + ")");
		String value = this.given.get(name);
		if (value == null) {
			return allowed[0];
		}
		if (!values.contains(value)) {
			throw new BadOptionException("Option --" + name + " must be " + rule + ", got '" + value + "'");
		}
		return value;
	}

	private String usage() {
		StringBuilder usage = new StringBuilder();
		this.known.forEach((name,
				rule) -> usage.append(usage.isEmpty() ? "" : "; ").append("--").append(name).append(' ').append(rule));
		return usage.toString();
	}

	/** An option that breaks its rule; the message names the option and the rule. */
	static final class BadOptionException extends IllegalArgumentException {

		private static final long serialVersionUID = 1L;

		BadOptionException(String message) {
			super(message);
		}

	}

}
