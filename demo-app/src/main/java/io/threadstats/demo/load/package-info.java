/**
 * A load generator that drives the demo's own HTTP API so the page's charts move: started
 * by {@code POST /load?seconds=..&rps=..} or at startup by
 * {@code --demo.load.seconds=..}.
 */
package io.threadstats.demo.load;
