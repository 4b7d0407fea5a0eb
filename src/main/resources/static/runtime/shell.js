// The shell of /run/{appId}: Toolyard's own code on Toolyard's origin (no eval, the console's CSP).
// It loads the runtime bundle, embeds the sandboxed frame that runs the app, and does for the frame
// the few things an app may do: run one of this app's queries with values, open a web address,
// change the page in the address bar, show a notification. Every request is checked here against
// the bundle (query-gate.js) before anything is sent with the user's session.

import { queryRun } from './query-gate.js';

const body = document.body;
const appId = body.dataset.appId;
const release = body.dataset.release || null;
const csrfHeader = document.querySelector('meta[name="toolyard-csrf-header"]').content;
const csrfToken = document.querySelector('meta[name="toolyard-csrf-token"]').content;
const toasts = document.getElementById('toasts');
const main = document.getElementById('app');

const address = new URL(window.location.href);
const params = {};
address.searchParams.forEach((value, key) => {
  if (key !== 'release' && key !== 'page') params[key] = value;
});

const runtimeUrl = '/api/v1/apps/' + encodeURIComponent(appId) + '/runtime'
  + (release ? '?release=' + encodeURIComponent(release) : '');
const loading = Promise.all([getJson(runtimeUrl), getJson('/runtime/catalog.json')]);
let bundle = null;

const frame = document.createElement('iframe');
frame.className = 'app-frame';
frame.title = body.dataset.appName || 'App';
// The frame's own response header sandboxes it too; the attribute keeps it so if a proxy drops it.
frame.setAttribute('sandbox', 'allow-scripts allow-popups allow-popups-to-escape-sandbox allow-downloads');
frame.src = '/run/' + encodeURIComponent(appId) + '/frame';

window.addEventListener('message', event => {
  if (event.source !== frame.contentWindow || !event.data || typeof event.data !== 'object') return;
  const message = event.data;
  switch (message.type) {
    case 'ready':
      loading.then(([runtime, catalog]) => {
        bundle = runtime;
        frame.contentWindow.postMessage({
          type: 'init', bundle: runtime, catalog, params, page: address.searchParams.get('page'),
        }, '*');
      }, problem => showProblem(problem));
      break;
    case 'runQuery':
      runQuery(message).then(result => frame.contentWindow.postMessage({ type: 'queryResult', id: message.id, ...result }, '*'));
      break;
    case 'openUrl':
      openUrl(message);
      break;
    case 'navigate':
      navigate(message);
      break;
    case 'notify':
      notify(String(message.message || ''), message.kind);
      break;
    default:
      break;
  }
});
main.append(frame);

async function getJson(url) {
  const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(json.detail || json.title || 'HTTP ' + response.status);
  }
  return json;
}

// The run a frame asks for, if query-gate.js allows it, with the shell's session and CSRF token.
async function runQuery(message) {
  const run = queryRun(bundle, appId, release, message);
  if (!run) {
    return { ok: false, status: 0, body: { code: 'runtime.query_unknown', detail: 'The app has no query "' + message.name + '"' } };
  }
  try {
    const response = await fetch(run.url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', [csrfHeader]: csrfToken },
      body: JSON.stringify(run.request),
    });
    const json = await response.json().catch(() => ({ detail: 'HTTP ' + response.status }));
    return { ok: response.ok, status: response.status, body: json };
  } catch (e) {
    return { ok: false, status: 0, body: { code: 'runtime.unreachable', detail: 'Toolyard could not be reached' } };
  }
}

function openUrl(message) {
  let url;
  try {
    url = new URL(String(message.url), window.location.href);
  } catch (e) {
    notify('Not a web address: ' + message.url, 'error');
    return;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    notify('Only http and https addresses can be opened', 'error');
    return;
  }
  if (message.newTab) {
    window.open(url.href, '_blank', 'noopener,noreferrer');
  } else {
    window.location.assign(url.href);
  }
}

function navigate(message) {
  const next = new URL(window.location.href);
  if (typeof message.page === 'string') next.searchParams.set('page', message.page);
  window.history.replaceState(null, '', next.pathname + next.search);
}

function notify(text, kind) {
  const toast = document.createElement('p');
  toast.className = 'toast ' + (['info', 'success', 'warning', 'error'].includes(kind) ? kind : 'info');
  toast.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  toast.textContent = text;
  toasts.append(toast);
  window.setTimeout(() => toast.remove(), 6000);
}

function showProblem(problem) {
  const message = document.createElement('p');
  message.className = 'error';
  message.setAttribute('role', 'alert');
  message.textContent = 'The app could not be loaded: ' + problem.message;
  main.replaceChildren(message);
}
