package io.threadstats.submission;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The intake's base URL and its rules: a known site over HTTPS, or an override. */
final class IntakeUrl {

	/** The Datadog sites; the base URL of each is {@code https://api.<site>}. */
	static final List<String> KNOWN_SITES = List.of("datadoghq.com", "us3.datadoghq.com", "us5.datadoghq.com",
			"datadoghq.eu", "ap1.datadoghq.com", "ap2.datadoghq.com", "ddog-gov.com", "us2.ddog-gov.com",
			"uk1.datadoghq.com");

	private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

	private IntakeUrl() {
	}

	/**
	 * The base URL for valid settings: the API URL if set, else the site's.
	 */
	static URI resolve(DeliverySettings settings) {
		if (settings.apiUrl() != null) {
			String text = settings.apiUrl().toString();
			return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
		}
		return URI.create("https://api." + site(settings.site()));
	}

	/** The site as Datadog names it: the default when none is set. */
	static String site(String site) {
		return (site != null && !site.isBlank()) ? site.trim().toLowerCase(Locale.ROOT) : DeliverySettings.DEFAULT_SITE;
	}

	/** Whether {@code site} is one of Datadog's; none means the default, which is. */
	static boolean isKnownSite(String site) {
		return KNOWN_SITES.contains(site(site));
	}

	/**
	 * What is wrong with an API URL, as the rule it breaks, or {@code null} when it is
	 * fine: absolute http(s) with a host, and https unless the host is loopback (the API
	 * key is sent with every request).
	 */
	static String apiUrlProblem(URI url) {
		String scheme = (url.getScheme() != null) ? url.getScheme().toLowerCase(Locale.ROOT) : null;
		if (url.getHost() == null || !("https".equals(scheme) || "http".equals(scheme))) {
			return "an absolute http(s) URL with a host, e.g. https://api.datadoghq.com";
		}
		if ("http".equals(scheme) && !isLoopback(url.getHost())) {
			return "an https URL: the API key is sent with every request, so plain http is only allowed to a"
					+ " loopback host (localhost, 127.0.0.1, ::1)";
		}
		return null;
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
