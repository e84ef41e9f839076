/**
 * What threadstats has flushed, sent, retried and dropped, for people: the
 * {@code threadstats} actuator endpoint and health indicator. Reads the engine's and the
 * delivery's statistics; records nothing.
 */
package io.threadstats.actuate;
