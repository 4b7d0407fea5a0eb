// The palette (T-AP4): the catalog's component types. Drag one onto the canvas to place it in the
// grid cell under the pointer, or click it (Enter, Space) to add it at the first free spot of the
// page shown, or inside the selected container.

import { findComponent, freeSpot, uniqueName } from './document.js';

const THRESHOLD = 4;
const SIZES = {
  text: [6, 4], table: [12, 32], textInput: [4, 8], numberInput: [4, 8], select: [4, 8], checkbox: [3, 4],
  date: [4, 8], button: [2, 5], form: [6, 32], container: [6, 24], tabs: [12, 32], modal: [3, 4], chart: [6, 32],
  jsonView: [6, 20],
};
const DEFAULT_SIZE = [4, 8];
const STARTING_PROPERTIES = { text: { value: 'Text' } };

export function mountPalette(element, editor) {
  const heading = document.createElement('h2');
  heading.textContent = 'Components';
  const hint = document.createElement('p');
  hint.className = 'aside';
  hint.textContent = 'Drag onto the canvas, or click to add.';
  const list = document.createElement('ul');
  list.className = 'palette-list';
  for (const type of Object.keys(editor.catalog.types)) {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'palette-item';
    button.dataset.type = type;
    button.textContent = label(type);
    button.title = 'Add a ' + label(type).toLowerCase();
    item.append(button);
    list.append(item);
    draggable(button, type, editor);
  }
  element.append(heading, hint, list);
}

function draggable(button, type, editor) {
  const [w, h] = SIZES[type] || DEFAULT_SIZE;
  let drag = null;
  let suppressClick = false;
  button.addEventListener('pointerdown', event => {
    if (event.button !== 0) return;
    drag = { x: event.clientX, y: event.clientY, started: false, ghost: null, target: null };
    button.setPointerCapture(event.pointerId);
  });
  button.addEventListener('pointermove', event => {
    if (!drag) return;
    if (!drag.started) {
      if (Math.abs(event.clientX - drag.x) < THRESHOLD && Math.abs(event.clientY - drag.y) < THRESHOLD) return;
      drag.started = true;
      drag.ghost = document.createElement('div');
      drag.ghost.className = 'palette-ghost';
      drag.ghost.textContent = label(type);
      document.body.append(drag.ghost);
      editor.canvas.beginDrag();
    }
    drag.ghost.style.left = event.clientX + 8 + 'px';
    drag.ghost.style.top = event.clientY + 8 + 'px';
    drag.target = editor.canvas.targetAt(event.clientX, event.clientY, w, h);
    editor.canvas.showDrop(drag.target);
  });
  const finish = drop => {
    if (!drag) return;
    const { started, ghost, target } = drag;
    drag = null;
    if (!started) return;
    suppressClick = true;
    ghost.remove();
    editor.canvas.endDrag();
    if (drop && target) add(editor, type, target);
  };
  button.addEventListener('pointerup', () => finish(true));
  button.addEventListener('pointercancel', () => finish(false));
  button.addEventListener('click', () => {
    if (suppressClick) {
      suppressClick = false;
      return;
    }
    add(editor, type, freeTarget(editor, w, h));
  });
}

// Inside the selected form, container or modal when there is one; else on the page shown.
function freeTarget(editor, w, h) {
  const document = editor.store.document;
  const selected = editor.store.selected ? findComponent(document, editor.store.selected) : null;
  const definition = selected ? editor.catalog.types[selected.type] : null;
  if (selected && definition && definition.container && selected.type !== 'tabs') {
    return { parent: selected.id, slot: null, layout: freeSpot(selected.children, w, h) };
  }
  const page = document.pages.find(p => p.id === editor.page.get()) || document.pages[0];
  return { page: page.id, parent: null, slot: null, layout: freeSpot(page.components, w, h) };
}

function add(editor, type, target) {
  const { store } = editor;
  const id = uniqueName(store.document, type, editor.queries.list().map(query => query.name));
  const added = store.apply('Add ' + id, draft => {
    const list = target.parent
      ? (findComponent(draft, target.parent) || {}).children
      : (draft.pages.find(page => page.id === target.page) || {}).components;
    if (!list) return;
    const component = { id, type };
    if (target.slot) component.slot = target.slot;
    Object.assign(component, {
      layout: target.layout, properties: { ...(STARTING_PROPERTIES[type] || {}) }, events: [], children: [],
    });
    list.push(component);
  });
  if (added) store.select(id);
}

/** "textInput" → "Text input". */
export function label(type) {
  const words = type.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
