// Autosave of the draft (T-AP4, docs/editor.md "Saving"): shortly after each change, with the
// version last read or written. Somebody else's save (409) stops autosaving until the builder
// decides; a refused document (400) puts its problems at the components and fields.

const DELAY_MS = 600;
const RETRY_MS = 5000;

export class Autosave {
  constructor(editor, draft) {
    this.editor = editor;
    this.path = '/api/v1/apps/' + encodeURIComponent(editor.app.id) + '/document';
    this.version = draft.version;
    this.dirty = false;
    this.saving = false;
    this.timer = null;
    this.theirs = null;
    this.listeners = new Set();
    this.status = { state: 'saved', at: draft.updatedAt, by: draft.updatedBy };
    editor.store.subscribe(change => {
      if (change.kind === 'replace') return;
      this.dirty = true;
      this.schedule(DELAY_MS);
    });
    window.addEventListener('pagehide', () => this.saveOnLeaving());
    window.addEventListener('beforeunload', event => {
      if (['conflict', 'invalid', 'error'].includes(this.status.state)) event.preventDefault();
    });
  }

  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setStatus(status) {
    this.status = status;
    this.listeners.forEach(listener => listener(status));
  }

  schedule(delay) {
    if (this.status.state === 'conflict') return;
    window.clearTimeout(this.timer);
    if (!this.saving) this.setStatus({ state: 'pending' });
    this.timer = window.setTimeout(() => this.save(), delay);
  }

  /** Saves now when there is something to save; resolves when this save is over. */
  async save() {
    window.clearTimeout(this.timer);
    if (this.saving || !this.dirty || this.status.state === 'conflict') return;
    const document = this.editor.store.document;
    this.saving = true;
    this.dirty = false;
    this.setStatus({ state: 'saving' });
    try {
      const saved = await this.editor.api.put(this.path, { version: this.version, document });
      this.version = saved.version;
      this.editor.problems.set([]);
      this.setStatus({ state: this.dirty ? 'pending' : 'saved', at: saved.updatedAt, by: saved.updatedBy });
    } catch (error) {
      await this.failed(error, document);
    } finally {
      this.saving = false;
    }
    if (this.dirty && this.status.state !== 'conflict') this.schedule(DELAY_MS);
  }

  async failed(error, document) {
    const code = error.problem && error.problem.code;
    if (error.status === 409 && code === 'app.document_version_conflict') {
      this.dirty = true;
      try {
        this.theirs = await this.editor.api.get(this.path);
      } catch (e) {
        this.theirs = null;
      }
      this.setStatus({
        state: 'conflict', by: this.theirs ? this.theirs.updatedBy : null, at: this.theirs ? this.theirs.updatedAt : null,
      });
    } else if (error.status === 400 && code === 'app.document_invalid') {
      this.editor.problems.set(locate(document, error.problem.errors || []));
      this.setStatus({ state: 'invalid', message: error.message });
    } else {
      this.dirty = true;
      this.setStatus({ state: 'error', message: error.message });
      if (error.status !== 413) this.schedule(RETRY_MS);
    }
  }

  /** After a conflict: this tab takes the version somebody else saved, losing its own changes. */
  loadTheirs() {
    if (!this.theirs) return;
    this.version = this.theirs.version;
    this.dirty = false;
    this.editor.problems.set([]);
    this.editor.store.replace(this.theirs.document);
    this.setStatus({ state: 'saved', at: this.theirs.updatedAt, by: this.theirs.updatedBy });
    this.theirs = null;
  }

  saveOnLeaving() {
    if (!this.dirty || this.saving || this.status.state === 'conflict') return;
    const csrfHeader = document.querySelector('meta[name="toolyard-csrf-header"]').content;
    const csrfToken = document.querySelector('meta[name="toolyard-csrf-token"]').content;
    fetch(this.path, {
      method: 'PUT', keepalive: true, credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', [csrfHeader]: csrfToken },
      body: JSON.stringify({ version: this.version, document: this.editor.store.document }),
    });
  }
}

/**
 * Turns the problems of a refused save (JSON pointers into the document sent) into
 * `{id, field, pointer, code, message}`: `id` is the component the pointer is in (null for the
 * app's other parts), `field` the rest of the pointer below it ('properties/value', '' for the
 * component itself).
 */
export function locate(document, errors) {
  return errors.map(error => {
    const parts = String(error.field || '').split('/').slice(1).map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'));
    let node = document;
    let id = null;
    let below = parts;
    for (let i = 0; i < parts.length && node !== null && typeof node === 'object'; i++) {
      node = node[parts[i]];
      if ((parts[i - 1] === 'components' || parts[i - 1] === 'children') && node && typeof node.id === 'string') {
        id = node.id;
        below = parts.slice(i + 1);
      }
    }
    return { id, field: id ? below.join('/') : parts.join('/'), pointer: error.field, code: error.code, message: error.message };
  });
}
