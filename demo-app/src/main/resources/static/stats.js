// The starter's flush statistics (/actuator/threadstats) and the local intake's (/intake/stats) as compact
// tables. Fields are read defensively: the report may gain fields, and any may be missing.
import { element, formatBytes, formatCounts, formatInstant, formatNumber, table } from './dom.js';

const MAX_FLUSH_ROWS = 10;

function sum(counts) {
  return Object.values(counts || {}).reduce((total, count) => total + (typeof count === 'number' ? count : 0), 0);
}

// {"invalid-name": {"count": 2, "rule": "..."}} as "invalid-name ×2", each rule in the tooltip
function ruleCounts(byRule) {
  const entries = Object.entries(byRule || {});
  if (!entries.length) {
    return '—';
  }
  return element('td', { title: entries.map(([name, counted]) => name + ': ' + (counted.rule || '')).join('\n') },
    entries.map(([name, counted]) => name + ' ×' + formatNumber(counted.count)).join(', '));
}

function bytes(raw, compressed) {
  return formatBytes(raw) + ' → ' + formatBytes(compressed);
}

// a record standing for a run of flushes that had nothing to send says from when to when, and how many
function flushTime(flush) {
  const run = flush.emptyRun;
  const time = formatInstant(flush.flushedAt);
  return run ? formatInstant(run.since) + ' – ' + time + ' (' + formatNumber(run.flushes) + ' flushes)' : time;
}

function apiKeyWording(apiKey, sendsToLocalIntake) {
  if (sendsToLocalIntake) {
    return 'local demo intake (no Datadog key needed)';
  }
  if (!apiKey || !apiKey.configured) {
    return 'none: payloads are encoded and counted, not sent';
  }
  const checkedAt = apiKey.validatedAt ? ' at ' + formatInstant(apiKey.validatedAt) : '';
  return 'configured · Datadog\'s check at startup: ' + (apiKey.validation || '—') + checkedAt;
}

function summary(report, sendsToLocalIntake) {
  const configuration = report.configuration || {};
  const now = report.now || {};
  const buffer = now.retryBuffer || {};
  const destination = configuration.url
    ? configuration.url + (sendsToLocalIntake ? ' (local demo intake)' : '')
    : 'nowhere';
  const rows = [
    ['Status', (report.status || '—') + (report.message ? ': ' + report.message : '')],
    ['Sends to', [destination, configuration.seriesApi && configuration.seriesApi + ' series',
      configuration.compression].filter(Boolean).join(' · ')],
    ['API key', apiKeyWording(configuration.apiKey, sendsToLocalIntake)],
    ['Every', 'flush ' + (configuration.flushInterval || '—') + ' · roll-up bucket ' + (configuration.rollUpInterval || '—')
      + (configuration.host ? ' · host ' + configuration.host : '')
      + ((configuration.constantTags || []).length ? ' · tags ' + configuration.constantTags.join(', ') : '')],
    ['Now', formatNumber(now.activeSeries) + ' active series · retry buffer ' + formatNumber(buffer.payloads || 0)
      + ' payloads (' + formatBytes(buffer.bytes || 0) + ') · last success ' + formatInstant(now.lastSuccessAt)
      + (now.lastError ? ' · last error ' + formatInstant(now.lastErrorAt) + ': ' + now.lastError : '')],
  ];
  return element('dl', { class: 'summary', id: 'flush-summary' }, ...rows.map(([term, description]) =>
    element('div', {}, element('dt', {}, term), element('dd', {}, description))));
}

function totalsTable(totals) {
  const delivery = totals.delivery || {};
  const explained = totals.explained || {};
  return table({ class: 'compact', id: 'flush-totals' }, [
    ['Flushes', () => formatNumber(delivery.flushes)],
    ['Points flushed', (t) => element('td', { title: formatCounts(t.pointsFlushed) }, formatNumber(sum(t.pointsFlushed))),
      explained.pointsFlushed],
    ['Items delivered', () => formatNumber(delivery.itemsDelivered), explained.itemsDelivered],
    ['Payloads', () => formatNumber(delivery.payloads)],
    ['Requests', () => formatNumber(delivery.requests)],
    ['Retries', () => formatNumber(delivery.retries)],
    ['Bytes (JSON → sent)', () => bytes(delivery.rawBytes, delivery.compressedBytes)],
    ['Responses', () => formatCounts(delivery.responses)],
    ['No response', () => formatNumber(delivery.transportErrors), 'requests that got no HTTP response'],
    ['Dropped in delivery', () => formatCounts(delivery.dropped)],
    ['Dropped when recorded', (t) => ruleCounts(t.droppedBeforeAggregation)],
    ['Normalized', (t) => ruleCounts(t.normalized), 'names, tags and texts changed to fit Datadog\'s rules, and kept'],
  ], [totals]);
}

function flushesTable(flushes) {
  return table({ class: 'compact', id: 'flushes' }, [
    ['When', flushTime],
    ['Took', (f) => typeof f.durationMillis === 'number' ? formatNumber(f.durationMillis) + ' ms' : '—'],
    ['Series', (f) => formatNumber(f.series)],
    ['Distributions', (f) => formatNumber(f.distributions)],
    ['Events', (f) => formatNumber(f.events)],
    ['Checks', (f) => formatNumber(f.serviceChecks)],
    ['Payloads', (f) => formatNumber(f.payloads)],
    ['Requests', (f) => formatNumber(f.requests)],
    ['Bytes (JSON → sent)', (f) => bytes(f.rawBytes, f.compressedBytes)],
    ['Responses', (f) => formatCounts(f.responses)],
    ['Delivered', (f) => formatNumber(f.delivered)],
    ['Parked', (f) => formatNumber(f.parked), 'items parked in the retry buffer'],
    ['Dropped', (f) => formatCounts(f.dropped)],
    ['Outcome', (f) => element('td', { class: 'outcome-' + String(f.outcome).replace(/\W+/g, '-') }, f.outcome)],
  ], flushes.slice(0, MAX_FLUSH_ROWS));
}

/** Shows the starter's report: a summary, the totals since start and the recent flushes, newest first. */
export function showFlushStats(target, report, sendsToLocalIntake) {
  const flushes = report.recentFlushes || [];
  const shown = Math.min(flushes.length, MAX_FLUSH_ROWS);
  target.replaceChildren(
    summary(report, sendsToLocalIntake),
    element('h3', {}, 'Since start'),
    totalsTable(report.totals || {}),
    element('h3', {}, 'Recent flushes', element('span', { class: 'muted small' },
      shown < flushes.length ? ' newest first, latest ' + shown + ' of ' + flushes.length : ' newest first')),
    flushes.length ? flushesTable(flushes) : element('p', { class: 'muted' }, 'No flush yet.'));
}

/** Shows what the local intake answered, kept and dropped. */
export function showIntakeStats(target, stats) {
  const answers = Object.entries(stats.responses || {}).map(([path, byStatus]) => ({ path, byStatus }));
  target.replaceChildren(
    table({ class: 'compact', id: 'intake-totals' }, [
      ['Points kept', (s) => formatNumber(s.acceptedPoints)],
      ['Evicted', (s) => formatNumber(s.evictedPoints), 'points removed to keep within demo.intake.max-points-per-series'],
      ['Dropped', (s) => formatCounts(s.dropped), 'accepted with 202 but not kept, as Datadog would'],
      ['Series', (s) => formatNumber(s.series)],
      ['Events', (s) => formatNumber(s.events)],
      ['Checks', (s) => formatNumber(s.checks)],
      ['Bytes (sent → JSON)', (s) => formatBytes(s.bytesReceived) + ' → ' + formatBytes(s.bytesDecompressed)],
      ['Names rewritten', (s) => formatNumber(s.rewrittenMetricNames)],
      ['Tags rewritten', (s) => formatNumber(s.rewrittenTags)],
    ], [stats]),
    element('h3', {}, 'Answers by endpoint'),
    answers.length
      ? table({ class: 'compact answers', id: 'intake-answers' }, [['Endpoint', (a) => a.path], ['Answers', (a) => formatCounts(a.byStatus)]], answers)
      : element('p', { class: 'muted' }, 'No request yet.'));
}
