// The editor's entry (T-AP4, docs/editor.md): loads the draft, the component catalog and the app's
// queries, builds the context every part gets, mounts the parts, autosaves and handles the
// keyboard. Toolyard's own code only: the builder's expressions run in the canvas's sandboxed frame.

import { DocumentStore } from './store.js';
import { findComponent, removeComponent, scopeEntries } from './document.js';
import { Autosave } from './saving.js';
import { mountToolbar } from './toolbar.js';
import { mountPalette } from './palette.js';
import { mountCanvas } from './canvas.js';
import { mountInspector } from './inspector.js';

const body = document.body;
const appId = body.dataset.appId;
const csrfHeader = document.querySelector('meta[name="toolyard-csrf-header"]').content;
const csrfToken = document.querySelector('meta[name="toolyard-csrf-token"]').content;
const appPath = '/api/v1/apps/' + encodeURIComponent(appId);

const api = {
  get: path => request('GET', path),
  post: (path, payload) => request('POST', path, payload),
  put: (path, payload) => request('PUT', path, payload),
  patch: (path, payload) => request('PATCH', path, payload),
  delete: path => request('DELETE', path),
};

async function request(method, path, payload) {
  const headers = { Accept: 'application/json' };
  if (payload !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers[csrfHeader] = csrfToken;
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin', body: payload === undefined ? undefined : JSON.stringify(payload),
  });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (!response.ok) {
    const error = new Error((json && (json.detail || json.title)) || 'HTTP ' + response.status);
    error.status = response.status;
    error.problem = json || { code: 'http.' + response.status, errors: [] };
    throw error;
  }
  return json;
}

/** A value with listeners: the page on the canvas, the preview switch, the problems of a save. */
function signal(initial) {
  let value = initial;
  const listeners = new Set();
  return {
    get: () => value,
    set(next) {
      if (Object.is(next, value)) return;
      value = next;
      listeners.forEach(listener => listener(value));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function notify(message, kind) {
  const level = ['info', 'success', 'warning', 'error'].includes(kind) ? kind : 'info';
  const toast = document.createElement('p');
  toast.className = 'toast ' + level;
  toast.setAttribute('role', level === 'error' ? 'alert' : 'status');
  toast.textContent = message;
  document.getElementById('toasts').append(toast);
  window.setTimeout(() => toast.remove(), 6000);
}

function queriesOf() {
  let list = [];
  const listeners = new Set();
  return {
    list: () => list,
    async refresh() {
      const [queries, imports] = await Promise.all([api.get(appPath + '/queries'), api.get(appPath + '/library-imports')]);
      list = [
        ...queries.map(query => ({ ...query, kind: 'app' })),
        ...imports.map(imported => ({ ...imported, kind: 'import' })),
      ];
      listeners.forEach(listener => listener(list));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function isEditable(target) {
  return Boolean(target && target.closest && target.closest('input, textarea, select, [contenteditable], .CodeMirror'));
}

async function open() {
  const queries = queriesOf();
  const bundle = api.get(appPath + '/runtime?release=latest');
  const [draft, catalog] = await Promise.all([
    api.get(appPath + '/document'),
    fetch('/runtime/catalog.json', { credentials: 'same-origin' }).then(response => response.json()),
    queries.refresh(),
  ]);
  const store = new DocumentStore(draft.document);
  const bundleListeners = new Set();
  let firstBundle = bundle;
  const editor = {
    app: { id: appId, name: body.dataset.appName },
    store,
    catalog,
    api,
    queries,
    names: () => scopeEntries(store.document, catalog, queries.list().map(query => query.name)),
    notify,
    bundleChanged: () => bundleListeners.forEach(listener => listener()),
    onBundleChanged(listener) {
      bundleListeners.add(listener);
      return () => bundleListeners.delete(listener);
    },
    loadBundle() {
      const loading = firstBundle || api.get(appPath + '/runtime?release=latest');
      firstBundle = null;
      return loading;
    },
    page: signal((draft.document.pages[0] || {}).id || null),
    preview: signal(false),
    problems: signal([]),
    canvas: null,
    interactive: signal(false),
  };
  editor.saving = new Autosave(editor, draft);
  mountToolbar(document.getElementById('toolbar'), editor);
  mountPalette(document.getElementById('palette'), editor);
  mountCanvas(document.getElementById('canvas'), editor);
  mountInspector(document.getElementById('inspector'), editor);
  // The panels come from their own module; should it fail, the rest of the editor still works.
  import('./panels.js').then(module => module.mountPanels(document.getElementById('panels'), editor))
    .catch(error => notify('The Queries, State and Transformers panels could not load: ' + error.message, 'error'));
  editor.handleKey = key => handleKey(editor, key);
  document.addEventListener('keydown', event => {
    if (handleKey(editor, {
      key: event.key, ctrl: event.ctrlKey || event.metaKey, shift: event.shiftKey, editable: isEditable(event.target),
    })) event.preventDefault();
  });
  editor.interactive.subscribe(ready => {
    if (!ready) return;
    performance.mark('toolyard-editor-interactive');
    body.dataset.ready = 'true';
  });
}

/** Undo, redo, delete and deselect from the keyboard; true when the key was the editor's. */
function handleKey(editor, { key, ctrl, shift, editable }) {
  const store = editor.store;
  if (editable || editor.preview.get()) return false;
  if (ctrl && (key === 'z' || key === 'Z')) {
    if (shift) store.redo();
    else store.undo();
    return true;
  }
  if (ctrl && (key === 'y' || key === 'Y')) {
    store.redo();
    return true;
  }
  if (ctrl) return false;
  if ((key === 'Delete' || key === 'Backspace') && store.selected) {
    const id = store.selected;
    if (!findComponent(store.document, id)) return false;
    store.apply('Delete ' + id, draft => {
      removeComponent(draft, id);
    });
    return true;
  }
  if (key === 'Escape' && store.selected) {
    store.select(null);
    return true;
  }
  return false;
}

open().catch(error => {
  const message = document.createElement('p');
  message.className = 'error';
  message.setAttribute('role', 'alert');
  message.textContent = 'The editor could not open the app: ' + error.message;
  document.getElementById('canvas').replaceChildren(message);
});
