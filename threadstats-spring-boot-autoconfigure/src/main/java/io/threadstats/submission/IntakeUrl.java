package io.threadstats.submission;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Resolves and checks the intake's base URL: a known site over HTTPS, or an override. */
final class IntakeUrl {

	/** The Datadog sites; the base URL of each is {@code https://api.<site>}. */
	static final List<String> KNOWN_SITES = List.of("datadoghq.com", "us3.datadoghq.com", "us5.datadoghq.com",
			"datadoghq.eu", "ap1.datadoghq.com", "ap2.datadoghq.com", "ddog-gov.com", "us2.ddog-gov.com",
			"uk1.datadoghq.com");

	private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

	private IntakeUrl() {
	}

	/**
	 * The base URL for these settings.
	 * @throws IllegalArgumentException for an unknown site, a malformed override, or
	 * plain HTTP to a host other than loopback
	 */
	static URI resolve(DeliverySettings settings) {
		if (settings.apiUrl() != null) {
			return checkOverride(settings.apiUrl());
		}
		String site = (settings.site() != null && !settings.site().isBlank())
				? settings.site().trim().toLowerCase(Locale.ROOT) : DeliverySettings.DEFAULT_SITE;
		if (!KNOWN_SITES.contains(site)) {
			throw new IllegalArgumentException("threadstats: unknown Datadog site '" + site + "'; known sites are "
					+ String.join(", ", KNOWN_SITES) + " (set an API URL instead for a proxy or another endpoint)");
		}
		return URI.create("https://api." + site);
	}

	private static URI checkOverride(URI url) {
		String scheme = (url.getScheme() != null) ? url.getScheme().toLowerCase(Locale.ROOT) : null;
		if (url.getHost() == null || !("https".equals(scheme) || "http".equals(scheme))) {
			throw new IllegalArgumentException("threadstats: API URL '" + url
					+ "' must be an absolute http(s) URL with a host, e.g. https://api.datadoghq.com");
		}
		if ("http".equals(scheme) && !isLoopback(url.getHost())) {
			throw new IllegalArgumentException("threadstats: API URL '" + url
					+ "' must use https: the API key is sent with every request, so plain http is only allowed"
					+ " to a loopback host (localhost, 127.0.0.1, ::1)");
		}
		String text = url.toString();
		return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
	}

	static boolean isLoopback(String host) {
		String bare = host.toLowerCase(Locale.ROOT);
		if (bare.startsWith("[") && bare.endsWith("]")) {
			bare = bare.substring(1, bare.length() - 1);
		}
		return bare.equals("localhost") || bare.equals("::1") || bare.equals("0:0:0:0:0:0:0:1")
				|| IPV4_LOOPBACK.matcher(bare).matches();
	}

}
