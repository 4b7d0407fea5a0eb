// Entry of the sandboxed app frame (T-SEC3). The frame has an opaque origin and may fetch nothing
// (connect-src 'none'): it gets the runtime bundle from the shell that embeds it and asks that
// shell for query runs, navigation and notifications. Only the shell's messages are heard, and the
// frame's answers go only to it: frame-ancestors 'self' lets nobody but Toolyard embed this page.

import { start } from './runtime.js';

const waiting = new Map();
let nextRequest = 0;
let started = false;

const shell = {
  post(message) {
    window.parent.postMessage(message, '*');
  },
  runQuery(request) {
    return new Promise(resolve => {
      const id = ++nextRequest;
      waiting.set(id, resolve);
      window.parent.postMessage({ type: 'runQuery', id, ...request }, '*');
    });
  },
};

window.addEventListener('message', event => {
  if (event.source !== window.parent || !event.data || typeof event.data !== 'object') return;
  const message = event.data;
  if (message.type === 'init' && !started) {
    started = true;
    const root = document.getElementById('app');
    // The editor's canvas (T-AP4) draws the app in edit mode, a module end users never load.
    const starting = message.edit
      ? import('./edit-mode.js').then(module => module.startEditing({ message, root, shell }))
      : start({ bundle: message.bundle, catalog: message.catalog, params: message.params, pageId: message.page, root, shell });
    starting
      .then(() => document.body.setAttribute('data-ready', 'true'))
      .catch(error => {
        const problem = document.createElement('p');
        problem.className = 'ty-fatal';
        problem.setAttribute('role', 'alert');
        problem.textContent = 'The app could not start: ' + error.message;
        root.replaceChildren(problem);
      });
  } else if (message.type === 'queryResult' && waiting.has(message.id)) {
    const resolve = waiting.get(message.id);
    waiting.delete(message.id);
    resolve({ ok: message.ok, status: message.status, body: message.body });
  }
});

window.parent.postMessage({ type: 'ready' }, '*');
