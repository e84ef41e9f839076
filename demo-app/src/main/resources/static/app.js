// The demo's page: polls the read-only JSON endpoints and shows what arrived at the local intake (charts,
// service checks, events), the starter's flush statistics and the intake's.
import { element, getJson, timeCell } from './dom.js';
import { refreshCharts } from './charts.js';
import { showFlushStats, showIntakeStats } from './stats.js';

const POLL_MILLIS = 3000;
const MAX_ROWS = 8;

// whether the starter sends to this demo's local intake: unknown (null) until /actuator/threadstats says
let sendsToLocalIntake = null;
let chartCount = 0;

// "nothing arrived yet" would wait forever when the starter sends elsewhere: the destination notice says so
function showMetricsEmpty() {
  document.getElementById('metrics-empty').hidden = chartCount > 0 || sendsToLocalIntake === false;
}

function windowSeconds() {
  return parseInt(document.getElementById('window').value, 10);
}

async function refreshMetrics() {
  chartCount = await refreshCharts(windowSeconds());
  showMetricsEmpty();
}

// ---- service checks and events: the latest few, newest first ----

function fillTable(name, rows) {
  document.querySelector('#' + name + ' tbody').replaceChildren(...rows.slice(0, MAX_ROWS));
  document.getElementById(name + '-empty').hidden = rows.length > 0;
  document.getElementById(name).hidden = rows.length === 0;
  const more = document.getElementById(name + '-more');
  more.hidden = rows.length <= MAX_ROWS;
  more.textContent = 'the latest ' + MAX_ROWS + ' of ' + rows.length + ' kept by the intake';
}

async function refreshChecks() {
  const checks = await getJson('/intake/checks');
  fillTable('checks', checks.map((check) => element('tr', {},
    timeCell(check.timestamp),
    element('td', {}, check.check),
    element('td', { class: 'status-' + check.status }, check.status_name),
    element('td', {}, check.host_name || ''),
    element('td', {}, check.message || ''))));
}

async function refreshEvents() {
  const events = await getJson('/intake/events');
  fillTable('events', events.map((event) => element('tr', {},
    timeCell(event.date_happened),
    element('td', { class: 'type-' + event.alert_type }, event.alert_type),
    element('td', {}, event.title),
    element('td', {}, event.text),
    element('td', {}, (event.tags || []).join(', ')))));
}

// ---- where the starter sends, and its statistics ----

function sameUrl(a, b) {
  return a.replace(/\/$/, '') === b.replace(/\/$/, '');
}

function showDestination(report, localIntakeUrl) {
  const url = report.configuration ? report.configuration.url : null;
  sendsToLocalIntake = url !== null && localIntakeUrl !== null && sameUrl(url, localIntakeUrl);
  showMetricsEmpty();
  const notice = document.getElementById('destination');
  notice.hidden = sendsToLocalIntake;
  notice.textContent = url === null
    ? 'The starter is not sending metrics anywhere (status: ' + report.status + '), '
      + 'so none arrive at the local intake.'
    : 'The starter sends metrics to ' + url + ' (status: ' + report.status + '), not to this demo\'s local intake: '
      + 'look for them in Datadog. This page charts only what reaches the local intake.';
}

function showRollUp(report) {
  const rollUp = report.configuration && report.configuration.rollUpInterval;
  document.querySelectorAll('#badge-legend .roll-up').forEach((span) => {
    span.textContent = rollUp ? rollUp + ' roll-up' : 'roll-up';
  });
}

async function refreshFlushStats() {
  const target = document.getElementById('flush-stats');
  // ask the actuator which endpoints exist first: a request for a missing one would be a 404
  const links = (await getJson('/actuator'))._links || {};
  if (!links.threadstats) {
    target.replaceChildren(element('p', { class: 'muted' },
      'Stats not available: the starter\'s /actuator/threadstats endpoint is not there (not in this build, or not exposed).'));
    return;
  }
  // the intake's address says where its API listens (null when its server does not run)
  const [report, address] = await Promise.all([getJson('/actuator/threadstats'), getJson('/intake/address')]);
  showDestination(report, address.url);
  showRollUp(report);
  showFlushStats(target, report, sendsToLocalIntake);
}

async function refreshIntakeStats() {
  showIntakeStats(document.getElementById('intake-stats'), await getJson('/intake/stats'));
}

// ---- load generator ----

async function refreshLoad() {
  const status = await getJson('/load');
  document.getElementById('load-start').disabled = status.running;
  const refused = status.refused ? ', ' + status.refused.toLocaleString() + ' refused (queue full)' : '';
  document.getElementById('load-status').textContent = status.startedAt
    ? (status.running ? 'running: ' : 'last run: ') + status.sent.toLocaleString() + ' requests sent' + refused
    : '';
}

async function startLoad() {
  const button = document.getElementById('load-start');
  button.disabled = true;
  const response = await fetch('/load?seconds=60&rps=100', { method: 'POST' });
  document.getElementById('load-status').textContent = response.ok ? 'starting…' : await response.text();
}

// ---- polling ----

async function refreshPart(name, part) {
  try {
    await part();
    return null;
  }
  catch (error) {
    return name + ': ' + error.message;
  }
}

async function refresh() {
  const problems = (await Promise.all([
    refreshPart('metrics', refreshMetrics),
    refreshPart('checks', refreshChecks),
    refreshPart('events', refreshEvents),
    refreshPart('flush stats', refreshFlushStats),
    refreshPart('intake stats', refreshIntakeStats),
    refreshPart('load', refreshLoad),
  ])).filter((problem) => problem !== null);
  const refreshed = document.getElementById('refreshed');
  refreshed.textContent = problems.length
    ? 'could not refresh ' + problems.join('; ')
    : 'refreshed ' + new Date().toLocaleTimeString();
  refreshed.className = problems.length ? 'error' : 'muted';
  setTimeout(refresh, POLL_MILLIS);
}

document.getElementById('load-start').addEventListener('click', () => startLoad().catch(() => {}));
document.getElementById('window').addEventListener('change', () => refreshMetrics().catch(() => {}));
refresh();
