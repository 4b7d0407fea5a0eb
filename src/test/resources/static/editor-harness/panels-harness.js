// Builds the editor context of docs/editor.md around the panels alone, for PanelsBrowserTest: the
// same API calls editor.js makes, without the canvas. The CSRF token comes from the app's run page,
// which carries it in its meta tags as the editor page does.
import { DocumentStore } from '/editor/store.js';
import { scopeEntries } from '/editor/document.js';
import { mountPanels } from '/editor/panels.js';

const appId = new URLSearchParams(location.search).get('app');
const runPage = new DOMParser().parseFromString(await (await fetch('/run/' + appId)).text(), 'text/html');
const csrfHeader = runPage.querySelector('meta[name="toolyard-csrf-header"]').content;
const csrfToken = runPage.querySelector('meta[name="toolyard-csrf-token"]').content;

async function call(method, path, body) {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', [csrfHeader]: csrfToken },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = new Error(parsed && parsed.detail ? parsed.detail : response.statusText);
    error.problem = parsed;
    error.status = response.status;
    throw error;
  }
  return parsed;
}

const api = {
  get: path => call('GET', path),
  post: (path, body) => call('POST', path, body),
  put: (path, body) => call('PUT', path, body),
  patch: (path, body) => call('PATCH', path, body),
  delete: path => call('DELETE', path),
};

const [catalog, draft, app] = await Promise.all([
  (await fetch('/runtime/catalog.json')).json(),
  api.get('/api/v1/apps/' + appId + '/document'),
  api.get('/api/v1/apps/' + appId),
]);
let version = draft.version;
const store = new DocumentStore(draft.document);

let queryList = [];
const queryListeners = new Set();
const queries = {
  list: () => queryList,
  refresh: async () => {
    const [own, imports] = await Promise.all([
      api.get('/api/v1/apps/' + appId + '/queries'),
      api.get('/api/v1/apps/' + appId + '/library-imports'),
    ]);
    queryList = [...own.map(query => ({ kind: 'app', ...query })), ...imports.map(imported => ({ kind: 'import', ...imported }))];
    queryListeners.forEach(listener => listener(queryList));
  },
  subscribe: listener => {
    queryListeners.add(listener);
    return () => queryListeners.delete(listener);
  },
};
await queries.refresh();

const toasts = document.getElementById('toasts');
const bundleChanges = document.getElementById('bundle-changes');
const editor = {
  app: { id: appId, name: app.name },
  store,
  catalog,
  api,
  queries,
  names: () => scopeEntries(store.document, catalog, queryList.map(query => query.name)),
  notify: (message, kind) => {
    const item = document.createElement('li');
    item.className = kind;
    item.textContent = message;
    toasts.append(item);
  },
  bundleChanged: () => { bundleChanges.textContent = String(Number(bundleChanges.textContent) + 1); },
};

document.getElementById('save-document').addEventListener('click', async () => {
  const saved = document.getElementById('saved');
  try {
    const answer = await api.put('/api/v1/apps/' + appId + '/document', { version, document: store.document });
    version = answer.version;
    saved.textContent = 'Saved version ' + version;
  } catch (error) {
    saved.textContent = 'Not saved: ' + JSON.stringify(error.problem);
  }
});
document.getElementById('undo').addEventListener('click', () => store.undo());

mountPanels(document.getElementById('panels'), editor);
document.body.dataset.ready = 'true';
