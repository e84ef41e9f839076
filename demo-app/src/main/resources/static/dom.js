// Small helpers the page's modules share: requests, DOM building (textContent only: the data is not trusted
// HTML) and number and time formatting.

const REQUEST_TIMEOUT_MILLIS = 10000;

// a request that never answers must not stop the polling
export async function getJson(url) {
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

export function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
  children.forEach((child) => node.append(child instanceof Node ? child : String(child)));
  return node;
}

// a table with a header row and one row per item; a column is [heading, cell(item), tooltip of the heading]
export function table(attributes, columns, items) {
  const head = element('tr', {}, ...columns.map(([heading, , tooltip]) =>
    element('th', tooltip ? { title: tooltip } : {}, heading)));
  const rows = items.map((item) => element('tr', {}, ...columns.map(([, cell]) => {
    const value = cell(item);
    return value instanceof Node && value.nodeName === 'TD' ? value : element('td', {}, value);
  })));
  return element('table', attributes, element('thead', {}, head), element('tbody', {}, ...rows));
}

export function formatTime(epochSeconds) {
  return new Date(epochSeconds * 1000).toLocaleTimeString();
}

export function formatDateTime(epochSeconds) {
  return new Date(epochSeconds * 1000).toLocaleString();
}

// a table cell with the time of day, or the date too when not today; the full date and time on hover
export function timeCell(epochSeconds) {
  const when = new Date(epochSeconds * 1000);
  const today = when.toDateString() === new Date().toDateString();
  return element('td', { class: 'when', title: when.toLocaleString() },
    today ? when.toLocaleTimeString() : when.toLocaleString());
}

// an ISO instant from the actuator ("2026-03-02T10:15:40Z") as a local time of day, or a dash
export function formatInstant(iso) {
  return iso ? new Date(iso).toLocaleTimeString() : '—';
}

// a number as the reader's locale writes it; a dash for a value the report does not have
export function formatNumber(value) {
  if (value === null || value === undefined) {
    return '—';
  }
  return typeof value === 'number' ? value.toLocaleString(undefined, { maximumFractionDigits: 3 }) : String(value);
}

export function formatBytes(bytes) {
  if (typeof bytes !== 'number') {
    return '—';
  }
  return bytes < 10240 ? bytes.toLocaleString() + ' B' : (bytes / 1024).toLocaleString(undefined, { maximumFractionDigits: 0 }) + ' KiB';
}

// {"202": 10, "503": 2} as "202 ×10, 503 ×2"; a dash when empty or missing
export function formatCounts(counts) {
  const entries = Object.entries(counts || {});
  return entries.length ? entries.map(([key, count]) => key + ' ×' + formatNumber(count)).join(', ') : '—';
}
