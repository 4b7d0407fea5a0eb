// The app frame in the editor's edit mode (T-AP4). The real runtime draws the app, so the canvas
// shows what end users see; on top of it this module selects, moves and resizes components on
// their parent's 12-column grid and reports each finished gesture to the editor (the parent page),
// which owns the document. It never changes the document itself: it redraws what the editor sends.
//
// Redrawing is kept cheap: a change of layouts only moves cells; any other change builds a new
// runtime off screen and swaps it in, reusing the answers of queries whose inputs did not change
// (queries are not re-run on every keystroke of the builder).

import { start } from './runtime.js';

const COLUMNS = 12;
const ROW_HEIGHT = 8;
const MAX_ROWS = 200;
const THRESHOLD = 4;
const FORWARDED_KEYS = new Set(['Delete', 'Backspace', 'Escape', 'z', 'Z', 'y', 'Y']);

export function startEditing({ message, root, shell }) {
  return new EditMode(message, root, shell).ready;
}

class EditMode {
  constructor(message, root, shell) {
    this.shell = shell;
    this.bundle = message.bundle;
    this.catalog = message.catalog;
    this.params = message.params || {};
    this.document = message.document || message.bundle.document;
    this.pageId = message.page || null;
    this.selected = message.selected || null;
    this.editing = message.preview !== true;
    this.root = root;
    this.runtime = null;
    this.answers = new Map();
    this.wanted = null;
    this.drawing = null;
    this.gesture = null;
    this.scheduled = false;

    const style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = '/runtime/edit-mode.css';
    style.addEventListener('load', () => this.schedule());
    document.head.append(style);
    // Grids change size as components load data or the frame is resized: the editor's drops need
    // their current place.
    new ResizeObserver(() => this.schedule()).observe(document.body);
    document.body.classList.toggle('ty-editing', this.editing);
    this.outline = makeOutline();
    this.queryShell = {
      post: posted => {
        if (posted.type === 'navigate') {
          this.pageId = posted.page;
          this.schedule();
        }
        shell.post(posted);
      },
      runQuery: request => this.runQuery(request),
    };
    this.listen();
    this.ready = this.update(this.document, true);
  }

  // In edit mode a query whose values are those of its last run gets that run's answer again.
  runQuery(request) {
    const key = JSON.stringify([request.values, request.state, request.parameters]);
    const last = this.answers.get(request.name);
    if (this.editing && last && last.key === key) return last.answer;
    const answer = this.shell.runQuery(request);
    this.answers.set(request.name, { key, answer });
    return answer;
  }

  update(next, force) {
    this.wanted = { document: next, force: force || (this.wanted !== null && this.wanted.force) };
    if (!this.drawing) this.drawing = this.flush().finally(() => { this.drawing = null; });
    return this.drawing;
  }

  async flush() {
    while (this.wanted) {
      const { document: next, force } = this.wanted;
      this.wanted = null;
      const started = performance.now();
      const layoutsOnly = !force && this.runtime && withoutLayouts(this.document) === withoutLayouts(next);
      this.document = next;
      if (layoutsOnly) {
        this.applyLayouts();
      } else {
        await this.draw();
      }
      this.afterDraw();
      this.shell.post({ type: 'drawn', page: this.pageId, full: !layoutsOnly, ms: performance.now() - started });
    }
  }

  async draw() {
    const next = document.createElement('div');
    next.className = 'ty-edit-root ty-edit-pending';
    this.root.after(next);
    const runtime = await start({
      bundle: { ...this.bundle, document: this.document }, catalog: this.catalog, params: this.params,
      pageId: this.pageId, root: next, shell: this.queryShell,
    });
    // Answers reused from earlier runs arrive a few microtasks later; swap in after them.
    await new Promise(resolve => setTimeout(resolve, 0));
    const scroll = window.scrollY;
    const old = this.runtime;
    this.root.remove();
    next.classList.remove('ty-edit-pending');
    this.root = next;
    this.runtime = runtime;
    window.scrollTo(0, scroll);
    if (old) {
      old.components.forEach(component => {
        try {
          if (component.instance && component.instance.destroy) component.instance.destroy();
        } catch (e) {
          // A component failing to clean up must not stop the editor's redraw.
        }
      });
    }
    const page = runtime.values.get('page');
    this.pageId = page ? page.id : this.pageId;
  }

  applyLayouts() {
    const visit = specs => (specs || []).forEach(spec => {
      const component = this.runtime.components.get(spec.id);
      if (component && component.cell) {
        component.spec = spec;
        place(component.cell, spec.layout);
      }
      visit(spec.children);
    });
    (this.document.pages || []).forEach(page => visit(page.components));
  }

  afterDraw() {
    this.revealSelection();
    this.placeOutline();
    this.reportGeometry();
  }

  // --- messages from the editor ------------------------------------------------------------------

  listen() {
    window.addEventListener('message', event => {
      if (event.source !== window.parent || !event.data || typeof event.data !== 'object') return;
      const message = event.data;
      switch (message.type) {
        case 'document':
          if (message.bundle) {
            this.bundle = message.bundle;
            this.answers.clear();
          }
          this.update(message.document, Boolean(message.bundle));
          break;
        case 'select':
          this.select(typeof message.id === 'string' ? message.id : null, false);
          break;
        case 'page':
          this.showPage(message.page);
          break;
        case 'mode':
          this.editing = message.edit === true;
          document.body.classList.toggle('ty-editing', this.editing);
          this.update(this.document, true);
          break;
        case 'rerun':
          this.answers.clear();
          this.update(this.document, true);
          break;
        default:
          break;
      }
    });
    const block = event => {
      if (!this.editing || inPageNavigation(event.target)) return;
      event.preventDefault();
      event.stopPropagation();
    };
    ['click', 'dblclick', 'mousedown', 'mouseup', 'contextmenu', 'submit', 'touchstart'].forEach(type =>
      window.addEventListener(type, block, { capture: true, passive: false }));
    window.addEventListener('pointerdown', event => this.pointerDown(event), true);
    window.addEventListener('pointermove', event => this.pointerMove(event), true);
    window.addEventListener('pointerup', event => this.pointerUp(event), true);
    window.addEventListener('pointercancel', () => this.cancelGesture(), true);
    window.addEventListener('keydown', event => {
      if (!this.editing) return;
      event.preventDefault();
      event.stopPropagation();
      if (FORWARDED_KEYS.has(event.key)) {
        this.shell.post({ type: 'key', key: event.key, ctrl: event.ctrlKey || event.metaKey, shift: event.shiftKey });
      }
    }, true);
    window.addEventListener('scroll', () => this.schedule(), true);
    window.addEventListener('resize', () => this.schedule());
  }

  showPage(pageId) {
    if (!this.runtime || typeof pageId !== 'string' || pageId === this.pageId) return;
    if (this.runtime.showPage(pageId)) {
      this.pageId = pageId;
      this.schedule();
    }
  }

  // --- selection ------------------------------------------------------------------------------------

  select(id, byBuilder) {
    const known = id && this.runtime && this.runtime.components.has(id) ? id : null;
    if (byBuilder && known !== this.selected) this.shell.post({ type: 'select', id: known });
    this.selected = known;
    this.revealSelection();
    this.placeOutline();
    this.reportGeometry();
  }

  // A component on another page, or inside a modal, is shown so it can be seen and edited.
  revealSelection() {
    if (!this.runtime || !this.editing) return;
    const chain = new Set();
    for (let id = this.selected; id; id = this.runtime.components.get(id).parent) chain.add(id);
    this.runtime.components.forEach(component => {
      if (component.spec.type !== 'modal' || !component.instance) return;
      if (chain.has(component.id)) component.instance.open();
      else component.instance.close();
    });
    const selected = this.selected && this.runtime.components.get(this.selected);
    if (selected && selected.page !== this.pageId && this.runtime.showPage(selected.page)) {
      this.pageId = selected.page;
      this.shell.post({ type: 'navigate', page: selected.page });
    }
  }

  placeOutline() {
    const component = this.editing && this.selected && this.runtime ? this.runtime.components.get(this.selected) : null;
    const cell = component ? component.cell : null;
    const box = cell ? cell.getBoundingClientRect() : null;
    if (!box || (box.width === 0 && box.height === 0)) {
      this.outline.hidden = true;
      return;
    }
    const host = cell.closest('dialog[open]') || document.body;
    if (this.outline.parentElement !== host) host.append(this.outline);
    this.outline.hidden = false;
    this.outline.querySelector('.ty-edit-move').textContent = component.id;
    Object.assign(this.outline.style, {
      left: box.left + 'px', top: box.top + 'px', width: box.width + 'px', height: box.height + 'px',
    });
  }

  schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      this.placeOutline();
      this.reportGeometry();
    });
  }

  // Where the grids are, in the frame's viewport, so the editor can turn a drop of a new component
  // on the canvas into a parent and a cell.
  reportGeometry() {
    if (!this.runtime) return;
    const grids = [];
    const page = this.root.querySelector('.ty-page:not([hidden])');
    if (page) grids.push({ parent: null, slot: null, page: page.dataset.page, ...metrics(page) });
    this.root.querySelectorAll('.ty-grid[data-parent]').forEach(grid => {
      if (grid.getClientRects().length === 0) return;
      grids.push({ parent: grid.dataset.parent, slot: grid.dataset.slot || null, page: this.pageId, ...metrics(grid) });
    });
    this.shell.post({ type: 'geometry', page: this.pageId, grids });
  }

  // --- gestures ---------------------------------------------------------------------------------------

  pointerDown(event) {
    if (!this.editing || event.button !== 0 || inPageNavigation(event.target)) return;
    event.preventDefault();
    event.stopPropagation();
    const handle = event.target.closest('[data-edit-handle]');
    let id;
    let kind = 'move';
    if (handle && this.selected) {
      id = this.selected;
      kind = handle.dataset.editHandle;
    } else {
      const cell = event.target.closest('.ty-cell[data-component]');
      id = cell ? cell.dataset.component : null;
    }
    this.select(id, true);
    const component = id ? this.runtime.components.get(id) : null;
    if (!component || !component.cell) return;
    const layout = { ...(component.spec.layout || { x: 0, y: 0, w: COLUMNS, h: 4 }) };
    document.body.setPointerCapture(event.pointerId);
    this.gesture = {
      id, kind, cell: component.cell, grid: metrics(component.cell.parentElement),
      x: event.clientX, y: event.clientY, start: layout, layout, moved: false,
    };
    document.body.classList.add('ty-edit-dragging');
  }

  pointerMove(event) {
    const gesture = this.gesture;
    if (!gesture) return;
    event.preventDefault();
    const dx = event.clientX - gesture.x;
    const dy = event.clientY - gesture.y;
    if (!gesture.moved && Math.abs(dx) < THRESHOLD && Math.abs(dy) < THRESHOLD) return;
    gesture.moved = true;
    const columns = Math.round(dx / (gesture.grid.column + gesture.grid.gap));
    const rows = Math.round(dy / ROW_HEIGHT);
    let { x, y, w, h } = gesture.start;
    if (gesture.kind === 'move') {
      x = clamp(x + columns, 0, COLUMNS - w);
      y = Math.max(0, y + rows);
    } else {
      if (gesture.kind.includes('e')) w = clamp(w + columns, 1, COLUMNS - x);
      if (gesture.kind.includes('s')) h = clamp(h + rows, 1, MAX_ROWS);
    }
    const layout = { x, y, w, h };
    if (sameLayout(layout, gesture.layout)) return;
    gesture.layout = layout;
    place(gesture.cell, layout);
    this.placeOutline();
  }

  pointerUp(event) {
    const gesture = this.gesture;
    if (!gesture) return;
    event.preventDefault();
    this.endGesture();
    if (gesture.moved && !sameLayout(gesture.layout, gesture.start)) {
      this.shell.post({ type: gesture.kind === 'move' ? 'move' : 'resize', id: gesture.id, layout: gesture.layout });
    }
  }

  cancelGesture() {
    const gesture = this.gesture;
    if (!gesture) return;
    this.endGesture();
    place(gesture.cell, gesture.start);
    this.placeOutline();
  }

  endGesture() {
    this.gesture = null;
    document.body.classList.remove('ty-edit-dragging');
  }
}

function makeOutline() {
  const outline = document.createElement('div');
  outline.className = 'ty-edit-outline';
  outline.hidden = true;
  const move = document.createElement('div');
  move.className = 'ty-edit-move';
  move.dataset.editHandle = 'move';
  move.title = 'Drag to move';
  outline.append(move);
  for (const kind of ['e', 's', 'se']) {
    const handle = document.createElement('div');
    handle.className = 'ty-edit-handle ty-edit-handle-' + kind;
    handle.dataset.editHandle = kind;
    handle.title = 'Drag to resize';
    outline.append(handle);
  }
  document.body.append(outline);
  return outline;
}

function metrics(grid) {
  const box = grid.getBoundingClientRect();
  const style = getComputedStyle(grid);
  const left = box.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
  const top = box.top + parseFloat(style.borderTopWidth) + parseFloat(style.paddingTop);
  const width = grid.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const gap = parseFloat(style.columnGap) || 0;
  return {
    left, top, width, height: box.height,
    column: Math.max(1, (width - gap * (COLUMNS - 1)) / COLUMNS), gap, row: ROW_HEIGHT,
  };
}

function place(cell, layout) {
  cell.style.gridColumn = (layout.x + 1) + ' / span ' + layout.w;
  cell.style.gridRow = (layout.y + 1) + ' / span ' + layout.h;
  cell.style.minHeight = (layout.h * ROW_HEIGHT) + 'px';
}

function withoutLayouts(document) {
  return JSON.stringify(document, (key, value) => (key === 'layout' ? undefined : value));
}

function sameLayout(a, b) {
  return a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;
}

function clamp(value, min, max) {
  return Math.min(max, Math.max(min, value));
}

function inPageNavigation(target) {
  return Boolean(target && target.closest && target.closest('.ty-pages'));
}
