package io.threadstats.demo.intake;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Reads the three series formats, {@code /api/v2/series}, {@code /api/v1/series} and
 * {@code /api/v1/distribution_points}, into {@link IncomingSeries}.
 *
 * <p>
 * As at Datadog, a malformed point is skipped (and counted) rather than failing the
 * request, but a field of the wrong JSON type, an unknown type, or a distribution point
 * given as {@code [ts, scalar]} fails it with a {@code 400} naming where.
 */
final class SeriesPayloads {

	private static final SeriesType[] V2_TYPES = { SeriesType.UNSPECIFIED, SeriesType.COUNT, SeriesType.RATE,
			SeriesType.GAUGE };

	private SeriesPayloads() {
	}

	/**
	 * The {@code series} array of a request, or {@code null} if it has none (Datadog then
	 * keeps nothing).
	 */
	static JsonNode seriesArray(JsonNode root) {
		JsonNode series = root.isObject() ? root.get("series") : null;
		if (series == null || series.isNull()) {
			return null;
		}
		return JsonFields.requireArray(series, "series");
	}

	/**
	 * {@code {"metric","type":0-3,"interval","unit","points":[{"timestamp","value"}],"resources","tags"}}.
	 */
	static List<IncomingSeries> v2(JsonNode seriesArray) {
		return eachSeries(seriesArray, (series, where) -> {
			Points points = points(series, where, SeriesPayloads::v2Point);
			return new IncomingSeries(JsonFields.optionalString(series, "metric", where),
					JsonFields.stringList(series, "tags", where), v2Host(series, where), v2Type(series, where),
					JsonFields.optionalLong(series, "interval", where),
					JsonFields.optionalString(series, "unit", where), points.wellFormed(), points.malformed());
		});
	}

	private static StoredPoint v2Point(JsonNode point, String where) {
		JsonNode timestamp = point.get("timestamp");
		JsonNode value = point.get("value");
		boolean wellFormed = timestamp != null && timestamp.isIntegralNumber() && value != null && value.isNumber();
		return wellFormed ? StoredPoint.of(timestamp.longValue(), value.doubleValue()) : null;
	}

	private static SeriesType v2Type(JsonNode series, String where) {
		Long type = JsonFields.optionalLong(series, "type", where);
		if (type == null) {
			return SeriesType.UNSPECIFIED;
		}
		if (type < 0 || type >= V2_TYPES.length) {
			throw IntakeRejection
				.badPayload(where + ".type must be 0 (unspecified), 1 (count), 2 (rate) or 3 (gauge), was " + type);
		}
		return V2_TYPES[type.intValue()];
	}

	private static String v2Host(JsonNode series, String where) {
		JsonNode resources = JsonFields.optionalArray(series, "resources", where);
		for (int i = 0; i < resources.size(); i++) {
			JsonNode resource = JsonFields.requireObject(resources.get(i), where + ".resources[" + i + "]");
			if ("host".equals(JsonFields.optionalString(resource, "type", where + ".resources[" + i + "]"))) {
				return JsonFields.optionalString(resource, "name", where + ".resources[" + i + "]");
			}
		}
		return null;
	}

	/**
	 * {@code {"metric","points":[[ts,
	 * value]],"type":"gauge|rate|count","interval","host","device","tags"}}.
	 */
	static List<IncomingSeries> v1(JsonNode seriesArray) {
		return eachSeries(seriesArray, (series, where) -> {
			Points points = points(series, where, SeriesPayloads::v1Point);
			return new IncomingSeries(JsonFields.optionalString(series, "metric", where), v1Tags(series, where),
					JsonFields.optionalString(series, "host", where), v1Type(series, where),
					JsonFields.optionalLong(series, "interval", where), null, points.wellFormed(), points.malformed());
		});
	}

	private static StoredPoint v1Point(JsonNode point, String where) {
		boolean wellFormed = isPair(point) && point.get(0).isNumber() && point.get(1).isNumber();
		return wellFormed ? StoredPoint.of(point.get(0).longValue(), point.get(1).doubleValue()) : null;
	}

	private static SeriesType v1Type(JsonNode series, String where) {
		String type = JsonFields.optionalString(series, "type", where);
		return switch ((type != null) ? type : "") {
			case "" -> SeriesType.UNSPECIFIED;
			case "gauge" -> SeriesType.GAUGE;
			case "rate" -> SeriesType.RATE;
			case "count" -> SeriesType.COUNT;
			default -> throw IntakeRejection
				.badPayload(where + ".type must be \"gauge\", \"rate\", \"count\" or empty, was \"" + type + "\"");
		};
	}

	private static List<String> v1Tags(JsonNode series, String where) {
		List<String> tags = JsonFields.stringList(series, "tags", where);
		String device = JsonFields.optionalString(series, "device", where);
		if (device == null || device.isEmpty()) {
			return tags;
		}
		List<String> withDevice = new ArrayList<>(tags);
		withDevice.add("device:" + device);
		return withDevice;
	}

	/**
	 * {@code {"metric","points":[[ts, [v1, v2,
	 * ...]]],"type":"distribution","host","tags"}}.
	 */
	static List<IncomingSeries> distributions(JsonNode seriesArray) {
		return eachSeries(seriesArray, (series, where) -> {
			Points points = points(series, where, SeriesPayloads::distributionPoint);
			return new IncomingSeries(JsonFields.optionalString(series, "metric", where),
					JsonFields.stringList(series, "tags", where), JsonFields.optionalString(series, "host", where),
					SeriesType.DISTRIBUTION, null, null, points.wellFormed(), points.malformed());
		});
	}

	private static StoredPoint distributionPoint(JsonNode point, String where) {
		if (isPair(point) && point.get(1).isNumber()) {
			throw IntakeRejection.badPayload(where
					+ " must be [timestamp, [values...]]: a distribution point holds a list of samples, not one value");
		}
		double[] samples = (isPair(point) && point.get(0).isNumber()) ? samples(point.get(1)) : null;
		return (samples != null) ? StoredPoint.ofSamples(point.get(0).longValue(), samples) : null;
	}

	/**
	 * The samples of a distribution point, or {@code null} unless a non-empty array of
	 * numbers.
	 */
	private static double[] samples(JsonNode values) {
		if (!values.isArray() || values.isEmpty()) {
			return null;
		}
		double[] samples = new double[values.size()];
		for (int i = 0; i < samples.length; i++) {
			if (!values.get(i).isNumber()) {
				return null;
			}
			samples[i] = values.get(i).doubleValue();
		}
		return samples;
	}

	private static List<IncomingSeries> eachSeries(JsonNode seriesArray, SeriesReader reader) {
		List<IncomingSeries> parsed = new ArrayList<>(seriesArray.size());
		for (int i = 0; i < seriesArray.size(); i++) {
			String where = "series[" + i + "]";
			parsed.add(reader.read(JsonFields.requireObject(seriesArray.get(i), where), where));
		}
		return parsed;
	}

	private static Points points(JsonNode series, String where, PointReader reader) {
		JsonNode pointArray = JsonFields.optionalArray(series, "points", where);
		List<StoredPoint> wellFormed = new ArrayList<>(pointArray.size());
		for (int j = 0; j < pointArray.size(); j++) {
			StoredPoint point = reader.read(pointArray.get(j), where + ".points[" + j + "]");
			if (point != null) {
				wellFormed.add(point);
			}
		}
		return new Points(wellFormed, pointArray.size() - wellFormed.size());
	}

	private static boolean isPair(JsonNode point) {
		return point.isArray() && point.size() == 2;
	}

	/** Reads one series object of a request; {@code where} names it in error messages. */
	@FunctionalInterface
	private interface SeriesReader {

		IncomingSeries read(JsonNode series, String where);

	}

	/**
	 * Reads one point, or returns {@code null} if it is malformed (skipped and counted,
	 * as at Datadog).
	 */
	@FunctionalInterface
	private interface PointReader {

		StoredPoint read(JsonNode point, String where);

	}

	private record Points(List<StoredPoint> wellFormed, int malformed) {
	}

}
