// The canvas (T-AP4): the app drawn by the real runtime in its sandboxed frame, in edit mode
// (/runtime/edit-mode.js). The builder's expressions run there, never on this page. The frame
// reports selections and finished moves and resizes; this side applies them to the store (one undo
// step per gesture), sends every new document back to be drawn, does the frame's query runs the
// way the end user's shell does (draft queries: release latest), and turns a drop from the palette
// into a parent and a grid cell from the geometry the frame reports. The runtime bundle carries the
// modules the saved draft embeds (T-M1), so once a save changes which modules or pins the document
// embeds, the canvas reads the bundle again.

import { queryRun } from '../runtime/query-gate.js';
import { allComponents, findComponent } from './document.js';

const COLUMNS = 12;
const ROW_HEIGHT = 8;
const MAX_ROWS = 200;

export function mountCanvas(element, editor) {
  const { store, catalog } = editor;
  const appId = editor.app.id;
  const frame = document.createElement('iframe');
  frame.className = 'editor-frame';
  frame.title = 'Canvas: ' + editor.app.name;
  frame.setAttribute('sandbox', 'allow-scripts allow-popups allow-popups-to-escape-sandbox allow-downloads');
  frame.src = '/run/' + encodeURIComponent(appId) + '/frame';
  const overlay = document.createElement('div');
  overlay.className = 'editor-drop-overlay';
  overlay.hidden = true;
  const dropBox = document.createElement('div');
  dropBox.className = 'editor-drop-box';
  dropBox.hidden = true;
  overlay.append(dropBox);
  element.append(frame, overlay);

  let bundle = null;
  let bundleModules = embeddedModules(store.document);
  let geometry = { grids: [] };
  let started = false;
  let sendScheduled = false;
  const post = message => frame.contentWindow.postMessage(message, '*');

  const sendDocument = extra => {
    if (!started) return;
    post({ type: 'document', document: store.document, ...extra });
  };

  window.addEventListener('message', event => {
    if (event.source !== frame.contentWindow || !event.data || typeof event.data !== 'object') return;
    const message = event.data;
    switch (message.type) {
      case 'ready':
        bundleModules = embeddedModules(store.document);
        editor.loadBundle().then(loaded => {
          bundle = loaded;
          started = true;
          post({
            type: 'init', edit: true, bundle, catalog, params: {}, page: editor.page.get(), document: store.document,
            selected: store.selected, preview: editor.preview.get(),
          });
        }, error => editor.notify('The canvas could not load the app: ' + error.message, 'error'));
        break;
      case 'drawn':
        if (typeof message.page === 'string') editor.page.set(message.page);
        element.dataset.draws = String(Number(element.dataset.draws || 0) + 1);
        element.dataset.lastDrawMs = String(Math.round(message.ms));
        editor.interactive.set(true);
        break;
      case 'select':
        if (message.id === null || (typeof message.id === 'string' && findComponent(store.document, message.id))) {
          store.select(message.id);
        }
        break;
      case 'move':
      case 'resize':
        applyGesture(message);
        break;
      case 'geometry':
        if (Array.isArray(message.grids)) geometry = message;
        break;
      case 'navigate':
        if (typeof message.page === 'string') editor.page.set(message.page);
        break;
      case 'key':
        editor.handleKey({ key: String(message.key), ctrl: message.ctrl === true, shift: message.shift === true, editable: false });
        break;
      case 'notify':
        editor.notify(String(message.message || ''), message.kind);
        break;
      case 'openUrl':
        openUrl(message);
        break;
      case 'runQuery':
        runQuery(message).then(result => post({ type: 'queryResult', id: message.id, ...result }));
        break;
      default:
        break;
    }
  });

  // The frame's messages come from code any builder of the app wrote: only well-formed layouts of
  // existing components are taken, and only into this tab's draft.
  function applyGesture(message) {
    const layout = message.layout || {};
    const valid = [layout.x, layout.y, layout.w, layout.h].every(Number.isInteger) && layout.x >= 0 && layout.w >= 1
      && layout.x + layout.w <= COLUMNS && layout.y >= 0 && layout.h >= 1 && layout.h <= MAX_ROWS;
    if (!valid || typeof message.id !== 'string' || !findComponent(store.document, message.id)) return;
    const verb = message.type === 'move' ? 'Move ' : 'Resize ';
    store.apply(verb + message.id, draft => {
      findComponent(draft, message.id).layout = { x: layout.x, y: layout.y, w: layout.w, h: layout.h };
    });
  }

  store.subscribe(() => {
    // A module added or re-pinned is drawn once the saved draft's bundle carries it: save at once.
    if (embeddedModules(store.document) !== bundleModules) editor.saving.schedule(0);
    if (sendScheduled) return;
    sendScheduled = true;
    requestAnimationFrame(() => {
      sendScheduled = false;
      sendDocument({});
    });
  });
  store.onSelect(id => started && post({ type: 'select', id }));
  editor.page.subscribe(page => started && post({ type: 'page', page }));
  editor.preview.subscribe(on => {
    element.classList.toggle('previewing', on);
    if (started) post({ type: 'mode', edit: !on });
  });
  editor.saving.subscribe(status => {
    if (status.state !== 'saved' || embeddedModules(store.document) === bundleModules) return;
    editor.bundleChanged();
  });
  editor.onBundleChanged(() => {
    bundleModules = embeddedModules(store.document);
    editor.loadBundle().then(loaded => {
      bundle = loaded;
      sendDocument({ bundle });
    }, error => editor.notify('The canvas could not reload the queries: ' + error.message, 'error'));
  });

  // Only a query of the bundle's app or of a module in it, on its own endpoints (as the end user's
  // shell does): the app's draft queries, a module's as its key says.
  async function runQuery(message) {
    const run = queryRun(bundle, appId, 'latest', message);
    if (!run) {
      return { ok: false, status: 0, body: { code: 'runtime.query_unknown', detail: 'The app has no saved query "' + message.name + '"' } };
    }
    try {
      return { ok: true, status: 200, body: await editor.api.post(run.url, run.request) };
    } catch (error) {
      return { ok: false, status: error.status || 0, body: error.problem || { detail: error.message } };
    }
  }

  function openUrl(message) {
    if (!editor.preview.get()) return;
    let url;
    try {
      url = new URL(String(message.url), window.location.href);
    } catch (e) {
      editor.notify('Not a web address: ' + message.url, 'error');
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      editor.notify('Only http and https addresses can be opened', 'error');
      return;
    }
    window.open(url.href, '_blank', 'noopener,noreferrer');
  }

  editor.canvas = {
    /** Covers the frame while something is dragged from the palette, so the pointer stays here. */
    beginDrag() {
      overlay.hidden = false;
    },
    endDrag() {
      overlay.hidden = true;
      dropBox.hidden = true;
    },
    /**
     * The grid cell under a point of this page for a new w × h component: `{page, parent, slot,
     * layout}`, in the innermost grid there (a container's, a form's, a tab's or the page's).
     */
    targetAt(clientX, clientY, w, h) {
      const box = frame.getBoundingClientRect();
      const x = clientX - box.left;
      const y = clientY - box.top;
      if (x < 0 || y < 0 || x > box.width || y > box.height) return null;
      const grids = geometry.grids.filter(grid => x >= grid.left && x <= grid.left + grid.width
        && y >= grid.top && y <= grid.top + grid.height);
      if (!grids.length) return null;
      const grid = grids.reduce((best, next) => (next.width * next.height < best.width * best.height ? next : best));
      const pitch = grid.column + grid.gap;
      const width = Math.min(w, COLUMNS);
      const column = Math.min(Math.max(0, Math.floor((x - grid.left) / pitch)), COLUMNS - width);
      const row = Math.max(0, Math.floor((y - grid.top) / ROW_HEIGHT));
      return {
        page: grid.page || editor.page.get(), parent: grid.parent, slot: grid.slot,
        layout: { x: column, y: row, w: width, h },
        box: {
          left: box.left + grid.left + column * pitch, top: box.top + grid.top + row * ROW_HEIGHT,
          width: width * pitch - grid.gap, height: h * ROW_HEIGHT,
        },
      };
    },
    /** Shows where a drop would land (null: nowhere). */
    showDrop(target) {
      dropBox.hidden = !target;
      if (!target) return;
      const box = overlay.getBoundingClientRect();
      Object.assign(dropBox.style, {
        left: (target.box.left - box.left) + 'px', top: (target.box.top - box.top) + 'px',
        width: target.box.width + 'px', height: target.box.height + 'px',
      });
    },
  };
}

/** The modules and pins a document embeds, as one comparable string. */
function embeddedModules(document) {
  return allComponents(document).filter(({ component }) => component.type === 'module')
    .map(({ component }) => (component.properties || {}).module + '@' + ((component.properties || {}).version || ''))
    .sort().join(' ');
}

