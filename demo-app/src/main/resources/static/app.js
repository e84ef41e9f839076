// The demo's page: charts what arrived at the local intake, and shows the starter's flush stats.
// Polls the read-only JSON endpoints; builds the DOM with textContent only (the data is not trusted HTML).
(() => {
  'use strict';

  const POLL_MILLIS = 3000;
  const MAX_ROWS = 20;
  const ALL_SERIES = '';
  const COLORS = ['#632ca6', '#1a7f37', '#0969da', '#cf222e', '#9a6700', '#8250df', '#1b7c83', '#bf3989',
    '#57606a', '#e16f24'];
  const DISTRIBUTION_STATISTICS = ['avg', 'median', 'p95', 'max', 'min', 'count'];

  // per metric name: { card, chart, tagSelect, statisticSelect }
  const charts = new Map();

  // whether the starter sends to this demo's local intake: unknown (null) until /actuator/threadstats says
  let sendsToLocalIntake = null;
  let chartCount = 0;

  // "nothing arrived yet" would wait forever when the starter sends elsewhere: the destination notice says so
  function showMetricsEmpty() {
    document.getElementById('metrics-empty').hidden = chartCount > 0 || sendsToLocalIntake === false;
  }

  const REQUEST_TIMEOUT_MILLIS = 10000;

  // a request that never answers must not stop the polling
  async function getJson(url) {
    const aborter = new AbortController();
    const timer = setTimeout(() => aborter.abort(), REQUEST_TIMEOUT_MILLIS);
    try {
      const response = await fetch(url, { headers: { Accept: 'application/json' }, signal: aborter.signal });
      if (!response.ok) {
        throw new Error(url + ' answered ' + response.status);
      }
      return await response.json();
    }
    catch (error) {
      throw aborter.signal.aborted ? new Error(url + ' did not answer within ' + REQUEST_TIMEOUT_MILLIS / 1000 + ' s') : error;
    }
    finally {
      clearTimeout(timer);
    }
  }

  function element(tag, attributes, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
    children.forEach((child) => node.append(child instanceof Node ? child : String(child)));
    return node;
  }

  function formatTime(epochSeconds) {
    return new Date(epochSeconds * 1000).toLocaleTimeString();
  }

  function formatDateTime(epochSeconds) {
    return new Date(epochSeconds * 1000).toLocaleString();
  }

  function formatNumber(value) {
    return typeof value === 'number' ? value.toLocaleString(undefined, { maximumFractionDigits: 3 }) : value;
  }

  // ---- charts, one per metric (a histogram's aggregates share one chart) ----

  // a histogram is sent as name.avg, name.max, ... name.95percentile: one chart, the aggregate selectable
  const AGGREGATE_SUFFIX = /^(.+)\.(avg|max|min|count|median|sum|\d+percentile)$/;
  const AGGREGATE_ORDER = ['avg', 'max', 'min', 'count', 'median', 'sum'];

  function aggregateRank(aggregate) {
    const known = AGGREGATE_ORDER.indexOf(aggregate);
    return known >= 0 ? known : AGGREGATE_ORDER.length + parseInt(aggregate, 10) / 100;
  }

  // [{ name, metrics: Map(aggregate or '' -> metric summary) }], sorted by name
  function chartGroups(metrics) {
    const byBase = new Map();
    metrics.forEach((metric) => {
      const match = AGGREGATE_SUFFIX.exec(metric.metric);
      if (match) {
        byBase.set(match[1], (byBase.get(match[1]) || new Map()).set(match[2], metric));
      }
    });
    const grouped = new Set();
    const groups = [];
    byBase.forEach((aggregates, base) => {
      if (aggregates.size > 1) {
        aggregates.forEach((metric) => grouped.add(metric.metric));
        const sorted = [...aggregates.entries()].sort(([a], [b]) => aggregateRank(a) - aggregateRank(b));
        groups.push({ name: base, metrics: new Map(sorted) });
      }
    });
    metrics.filter((metric) => !grouped.has(metric.metric))
      .forEach((metric) => groups.push({ name: metric.metric, metrics: new Map([['', metric]]) }));
    return groups.sort((a, b) => a.name.localeCompare(b.name));
  }

  function pointValue(point, statistic) {
    return point.distribution && statistic ? point.distribution[statistic] : point.value;
  }

  function replaceOptions(select, values, labelOf) {
    const selected = select.value;
    const current = Array.from(select.options, (option) => option.value);
    if (current.join('\n') !== values.join('\n')) {
      select.replaceChildren(...values.map((value) => element('option', { value }, labelOf(value))));
      select.value = values.includes(selected) ? selected : values[0];
    }
  }

  function createChartCard(group) {
    const aggregateSelect = element('select', { 'aria-label': 'aggregate of ' + group.name });
    const tagSelect = element('select', { 'aria-label': 'tag filter for ' + group.name });
    const statisticSelect = element('select', { 'aria-label': 'statistic for ' + group.name });
    DISTRIBUTION_STATISTICS.forEach((name) => statisticSelect.append(element('option', { value: name }, name)));
    const badges = element('span');
    const commonTags = element('div', { class: 'chart-tags muted' });
    const canvas = element('canvas');
    const card = element('div', { class: 'chart-card', 'data-metric': group.name },
      element('div', { class: 'chart-head' },
        element('span', { class: 'chart-title' }, group.name, badges),
        element('span', { class: 'chart-controls' }, aggregateSelect, ' ', statisticSelect, ' ', tagSelect)),
      commonTags,
      element('div', { class: 'chart-box' }, canvas));
    const chart = new Chart(canvas, {
      type: 'line',
      data: { datasets: [] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: false,
        normalized: true,
        interaction: { mode: 'nearest', intersect: false },
        scales: {
          x: { type: 'linear', ticks: { maxTicksLimit: 6, callback: (value) => formatTime(value) } },
          y: { ticks: { callback: (value) => formatNumber(value) } },
        },
        plugins: {
          legend: { position: 'bottom', labels: { boxWidth: 10, font: { size: 11 } } },
          tooltip: { callbacks: { title: (items) => items.length ? formatDateTime(items[0].parsed.x) : '' } },
        },
      },
    });
    const entry = { card, chart, aggregateSelect, tagSelect, statisticSelect, badges, commonTags, series: [] };
    tagSelect.addEventListener('change', () => draw(entry));
    statisticSelect.addEventListener('change', () => draw(entry));
    aggregateSelect.addEventListener('change', () => loadSeries(entry)
      .catch((error) => { entry.commonTags.textContent = error.message; }));
    return entry;
  }

  function updateCard(entry, group) {
    entry.group = group;
    const aggregates = [...group.metrics.keys()];
    replaceOptions(entry.aggregateSelect, aggregates, (aggregate) => aggregate);
    entry.aggregateSelect.hidden = aggregates.length < 2;
    const summaries = [...group.metrics.values()];
    const types = [...new Set(summaries.flatMap((metric) => metric.types))];
    entry.statisticSelect.hidden = !types.includes('distribution');
    const tags = [...new Set(summaries.flatMap((metric) => metric.tags))].sort();
    replaceOptions(entry.tagSelect, [ALL_SERIES, ...tags], (tag) => tag === ALL_SERIES ? 'all series' : tag);
    const kinds = aggregates.length > 1 ? ['histogram', ...types] : types;
    entry.badges.replaceChildren(...kinds.map((kind) => element('span', { class: 'badge' }, kind)));
  }

  function selectedMetric(entry) {
    const aggregate = entry.aggregateSelect.value;
    return aggregate ? entry.group.name + '.' + aggregate : entry.group.name;
  }

  async function loadSeries(entry) {
    entry.series = await getJson('/intake/series?metric=' + encodeURIComponent(selectedMetric(entry)));
    draw(entry);
  }

  // tags every shown series has are said once above the chart; the legend names what tells series apart
  function seriesLabels(shown) {
    const described = shown.map((series) => series.host ? [...series.tags, 'host:' + series.host] : series.tags);
    const common = described.length
      ? described[0].filter((tag) => described.every((tags) => tags.includes(tag)))
      : [];
    const labels = described.map((tags) => tags.filter((tag) => !common.includes(tag)).join(', ') || 'all');
    return { common, labels };
  }

  function draw(entry) {
    const tag = entry.tagSelect.value;
    const statistic = entry.statisticSelect.hidden ? null : entry.statisticSelect.value;
    const shown = entry.series.filter((series) => tag === ALL_SERIES || series.tags.includes(tag));
    const { common, labels } = seriesLabels(shown);
    entry.commonTags.textContent = common.join(', ');
    entry.chart.data.datasets = shown.map((series, index) => ({
      label: labels[index],
      data: series.points.map((point) => ({ x: point.timestamp, y: pointValue(point, statistic) })),
      borderColor: COLORS[index % COLORS.length],
      backgroundColor: COLORS[index % COLORS.length],
      borderWidth: 1.5,
      pointRadius: 1.5,
    }));
    entry.chart.options.plugins.legend.display = shown.length > 1;
    entry.chart.update();
    // lets a browser test (and a curious reader of the DOM) see that the chart drew something
    entry.card.setAttribute('data-drawn-series', String(shown.filter((series) => series.points.length > 0).length));
  }

  async function refreshCharts() {
    const groups = chartGroups(await getJson('/intake/metrics'));
    chartCount = groups.length;
    showMetricsEmpty();
    const container = document.getElementById('charts');
    const entries = groups.map((group) => {
      let entry = charts.get(group.name);
      if (!entry) {
        entry = createChartCard(group);
        charts.set(group.name, entry);
        container.append(entry.card);
      }
      updateCard(entry, group);
      return entry;
    });
    // keep the cards in name order as new metrics arrive
    const cards = entries.map((entry) => entry.card);
    if (cards.some((card, index) => container.children[index] !== card)) {
      container.append(...cards);
    }
    await Promise.all(entries.map(loadSeries));
  }

  // ---- events and checks ----

  function fillTable(tableId, emptyId, rows) {
    document.querySelector('#' + tableId + ' tbody').replaceChildren(...rows.slice(0, MAX_ROWS));
    document.getElementById(emptyId).hidden = rows.length > 0;
    document.getElementById(tableId).hidden = rows.length === 0;
  }

  async function refreshEvents() {
    const events = await getJson('/intake/events');
    fillTable('events', 'events-empty', events.map((event) => element('tr', {},
      element('td', {}, formatDateTime(event.date_happened)),
      element('td', { class: 'type-' + event.alert_type }, event.alert_type),
      element('td', {}, event.title),
      element('td', {}, event.text),
      element('td', {}, (event.tags || []).join(', ')))));
  }

  async function refreshChecks() {
    const checks = await getJson('/intake/checks');
    fillTable('checks', 'checks-empty', checks.map((check) => element('tr', {},
      element('td', {}, formatDateTime(check.timestamp)),
      element('td', {}, check.check),
      element('td', { class: 'status-' + check.status }, check.status_name),
      element('td', {}, check.host_name || ''),
      element('td', {}, check.message || ''))));
  }

  // ---- stats, rendered generically as key/value tables ----

  function keyValueTable(value) {
    if (value === null || value === undefined) {
      return element('span', { class: 'muted' }, '—');
    }
    if (Array.isArray(value)) {
      if (value.every((item) => item === null || typeof item !== 'object')) {
        return element('span', {}, value.length ? value.map(formatNumber).join(', ') : '—');
      }
      return element('div', {}, ...value.map(keyValueTable));
    }
    if (typeof value === 'object') {
      const entries = Object.entries(value);
      if (entries.length === 0) {
        return element('span', { class: 'muted' }, '—');
      }
      return element('table', {}, element('tbody', {}, ...entries.map(([key, item]) =>
        element('tr', {}, element('td', {}, key), element('td', {}, keyValueTable(item))))));
    }
    return element('span', {}, formatNumber(value));
  }

  // ---- where the starter sends ----

  // the local intake's API URL when its server runs (the starter sends there without an API key), else null
  let localIntakeUrl = null;

  function sameUrl(a, b) {
    return a.replace(/\/$/, '') === b.replace(/\/$/, '');
  }

  function showDestination(report) {
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

  async function refreshFlushStats() {
    const target = document.getElementById('flush-stats');
    // ask the actuator which endpoints exist first: a request for a missing one would be a 404
    const links = (await getJson('/actuator'))._links || {};
    if (!links.threadstats) {
      target.replaceChildren(element('p', { class: 'muted' },
        'Stats not available: the starter\'s /actuator/threadstats endpoint is not there (not in this build, or not exposed).'));
      return;
    }
    const [report, address] = await Promise.all([getJson('/actuator/threadstats'), getJson('/intake/address')]);
    localIntakeUrl = address.url;
    showDestination(report);
    target.replaceChildren(keyValueTable(report));
  }

  async function refreshIntakeStats() {
    document.getElementById('intake-stats').replaceChildren(keyValueTable(await getJson('/intake/stats')));
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
    const response = await fetch('/load?seconds=60&rps=50', { method: 'POST' });
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
      refreshPart('metrics', refreshCharts),
      refreshPart('events', refreshEvents),
      refreshPart('checks', refreshChecks),
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
  refresh();
})();
