// The page's charts: one card per metric (a histogram's aggregates share one), all over the same time window.
import { element, formatDateTime, formatNumber, formatTime, getJson } from './dom.js';

const ALL_SERIES = '';
const COLORS = ['#632ca6', '#1a7f37', '#0969da', '#cf222e', '#9a6700', '#8250df', '#1b7c83', '#bf3989',
  '#57606a', '#e16f24'];
const DISTRIBUTION_STATISTICS = ['avg', 'median', 'p95', 'max', 'min', 'count'];

// series whose peaks differ by this factor or more are drawn on a log scale until the reader chooses
const LOG_SCALE_RATIO = 100;

// a histogram is sent as name.avg, name.max, ... name.95percentile: one chart, the aggregate selectable
const AGGREGATE_SUFFIX = /^(.+)\.(avg|max|min|count|median|sum|\d+percentile)$/;
const AGGREGATE_ORDER = ['avg', 'max', 'min', 'count', 'median', 'sum'];

const BADGE_MEANINGS = {
  gauge: 'the last value recorded in each roll-up bucket',
  rate: 'a count per second over each roll-up bucket',
  count: 'a count per roll-up bucket',
  histogram: 'values summarised per bucket, sent as several series: pick one with the first selector',
  distribution: 'every value, sent as it is; the intake computes the statistic you pick',
};

// per metric name: the card's state (see createChartCard)
const charts = new Map();

// the time window every chart shows, in epoch seconds: set once per refresh so that all charts share it
let timeWindow = { min: 0, max: 0 };

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

function badge(kind) {
  return element('span', { class: 'badge', title: kind + ': ' + (BADGE_MEANINGS[kind] || 'as Datadog calls it') }, kind);
}

function createChartCard(group) {
  const aggregateSelect = element('select', { 'aria-label': 'aggregate of ' + group.name });
  const statisticSelect = element('select', { 'aria-label': 'statistic for ' + group.name });
  DISTRIBUTION_STATISTICS.forEach((name) => statisticSelect.append(element('option', { value: name }, name)));
  const tagSelect = element('select', { 'aria-label': 'tag filter for ' + group.name });
  const logScale = element('input', { type: 'checkbox', 'aria-label': 'log scale for ' + group.name });
  const badges = element('span', { class: 'badges' });
  const commonTags = element('div', { class: 'chart-tags muted' });
  const canvas = element('canvas');
  const card = element('div', { class: 'chart-card', 'data-metric': group.name },
    element('div', { class: 'chart-title' }, group.name, badges),
    element('div', { class: 'chart-controls' }, aggregateSelect, statisticSelect, tagSelect,
      element('label', { class: 'log-scale', title: 'a log scale shows small series next to large ones; zeros are not drawn' },
        logScale, 'log scale')),
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
        y: { type: 'linear', ticks: { maxTicksLimit: 6, callback: (value) => formatNumber(value) } },
      },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 10, font: { size: 11 } } },
        tooltip: { callbacks: { title: (items) => items.length ? formatDateTime(items[0].parsed.x) : '' } },
      },
    },
  });
  // logChosen: null until the reader ticks or unticks the box, then what they chose
  const entry = { card, chart, aggregateSelect, statisticSelect, tagSelect, logScale, badges, commonTags,
    series: [], logChosen: null };
  tagSelect.addEventListener('change', () => draw(entry));
  statisticSelect.addEventListener('change', () => draw(entry));
  logScale.addEventListener('change', () => {
    entry.logChosen = logScale.checked;
    draw(entry);
  });
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
  // a filter has nothing to choose between for a metric with a single series
  entry.tagSelect.hidden = Math.max(...summaries.map((metric) => metric.series)) < 2;
  showBadges(entry);
}

// a histogram's card says so, and how the aggregate picked is sent; any other card, how its metric is sent
function showBadges(entry) {
  const selected = entry.group.metrics.get(entry.aggregateSelect.value) || entry.group.metrics.values().next().value;
  const kinds = entry.group.metrics.size > 1 ? ['histogram', ...selected.types] : selected.types;
  entry.badges.replaceChildren(...kinds.map(badge));
}

function selectedMetric(entry) {
  const aggregate = entry.aggregateSelect.value;
  return aggregate ? entry.group.name + '.' + aggregate : entry.group.name;
}

async function loadSeries(entry) {
  entry.series = await getJson('/intake/series?metric=' + encodeURIComponent(selectedMetric(entry)));
  showBadges(entry);
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

// whether the series' peaks are so far apart that the small ones would lie flat on a linear scale
function peaksFarApart(datasets) {
  const peaks = datasets.map((dataset) => Math.max(0, ...dataset.data.map((point) => point.y)))
    .filter((peak) => peak > 0);
  return peaks.length > 1 && Math.max(...peaks) / Math.min(...peaks) >= LOG_SCALE_RATIO;
}

function draw(entry) {
  const tag = entry.tagSelect.value;
  const statistic = entry.statisticSelect.hidden ? null : entry.statisticSelect.value;
  const shown = entry.series.filter((series) => tag === ALL_SERIES || series.tags.includes(tag));
  const { common, labels } = seriesLabels(shown);
  entry.commonTags.textContent = common.join(', ');
  const datasets = shown.map((series, index) => ({
    label: labels[index],
    data: series.points.filter((point) => point.timestamp >= timeWindow.min)
      .map((point) => ({ x: point.timestamp, y: pointValue(point, statistic) })),
    borderColor: COLORS[index % COLORS.length],
    backgroundColor: COLORS[index % COLORS.length],
    borderWidth: 1.5,
    pointRadius: 1.5,
  }));
  const log = entry.logChosen !== null ? entry.logChosen : peaksFarApart(datasets);
  entry.logScale.checked = log;
  const chart = entry.chart;
  chart.data.datasets = datasets;
  chart.options.scales.x.min = timeWindow.min;
  chart.options.scales.x.max = timeWindow.max;
  chart.options.scales.y.type = log ? 'logarithmic' : 'linear';
  chart.options.plugins.legend.display = shown.length > 1;
  chart.update();
  // lets a browser test (and a curious reader of the DOM) see what the chart drew
  entry.card.setAttribute('data-drawn-series', String(datasets.filter((dataset) => dataset.data.length > 0).length));
  entry.card.setAttribute('data-drawn-points', String(Math.max(0, ...datasets.map((dataset) => dataset.data.length))));
  entry.card.setAttribute('data-y-scale', log ? 'log' : 'linear');
}

/**
 * Fetches what arrived and redraws every chart over the last windowSeconds up to now.
 * @return how many charts there are
 */
export async function refreshCharts(windowSeconds) {
  const now = Math.floor(Date.now() / 1000);
  timeWindow = { min: now - windowSeconds, max: now };
  const groups = chartGroups(await getJson('/intake/metrics'));
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
  return groups.length;
}
