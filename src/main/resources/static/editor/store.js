// The editor's one copy of the app document being edited (T-AP4), with undo and redo. Every change
// goes through apply(), which works on a fresh copy, so the document a listener was given is never
// changed under it, and history entries are whole canonical snapshots: undo gives back exactly the
// document as it was, never a reconstruction.

const COALESCE_MS = 1000;

export class DocumentStore {
  constructor(document) {
    this.current = freeze(copy(document));
    this.undoStack = [];
    this.redoStack = [];
    this.listeners = new Set();
    this.selectionListeners = new Set();
    this.selectedId = null;
    this.last = null;
  }

  get document() {
    return this.current;
  }

  get canUndo() {
    return this.undoStack.length > 0;
  }

  get canRedo() {
    return this.redoStack.length > 0;
  }

  /**
   * Changes the document: `mutate(draft)` edits a private copy in place (or returns a new
   * document). Changes with the same `coalesce` key within a second are one undo step (typing
   * in a field); a change that leaves the document as it was records nothing.
   */
  apply(label, mutate, { coalesce } = {}) {
    const draft = copy(this.current);
    const result = mutate(draft);
    const next = result === undefined ? draft : result;
    if (same(next, this.current)) return false;
    const now = Date.now();
    const joins = coalesce && this.last && this.last.key === coalesce && now - this.last.at < COALESCE_MS
      && this.redoStack.length === 0 && this.undoStack.length > 0;
    if (!joins) this.undoStack.push({ label, document: this.current });
    this.redoStack = [];
    this.last = coalesce ? { key: coalesce, at: now } : null;
    this.current = freeze(next);
    this.notify({ kind: 'edit', label });
    return true;
  }

  undo() {
    const entry = this.undoStack.pop();
    if (!entry) return false;
    this.redoStack.push({ label: entry.label, document: this.current });
    this.current = entry.document;
    this.last = null;
    this.notify({ kind: 'undo', label: entry.label });
    return true;
  }

  redo() {
    const entry = this.redoStack.pop();
    if (!entry) return false;
    this.undoStack.push({ label: entry.label, document: this.current });
    this.current = entry.document;
    this.last = null;
    this.notify({ kind: 'redo', label: entry.label });
    return true;
  }

  /** Puts in the document the server holds (after a reload), forgetting the history. */
  replace(document) {
    this.current = freeze(copy(document));
    this.undoStack = [];
    this.redoStack = [];
    this.last = null;
    this.notify({ kind: 'replace', label: null });
  }

  /** `listener({kind: 'edit'|'undo'|'redo'|'replace', label, document})`; returns the unsubscriber. */
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get selected() {
    return this.selectedId;
  }

  /** Selects a component by id (null: none, the app's own settings). */
  select(id) {
    if (id === this.selectedId) return;
    this.selectedId = id;
    this.selectionListeners.forEach(listener => listener(id));
  }

  onSelect(listener) {
    this.selectionListeners.add(listener);
    return () => this.selectionListeners.delete(listener);
  }

  notify(change) {
    if (this.selectedId && !findComponentIn(this.current, this.selectedId)) this.select(null);
    const event = { ...change, document: this.current };
    this.listeners.forEach(listener => listener(event));
  }
}

function copy(value) {
  return JSON.parse(JSON.stringify(value));
}

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

function freeze(value) {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    Object.values(value).forEach(freeze);
  }
  return value;
}

function findComponentIn(document, id) {
  const search = components => {
    for (const component of components || []) {
      if (component.id === id) return component;
      const found = search(component.children);
      if (found) return found;
    }
    return null;
  };
  for (const page of document.pages || []) {
    const found = search(page.components);
    if (found) return found;
  }
  return null;
}
