// The editor's toolbar (T-AP4): undo and redo, what the autosave is doing (and, after somebody
// else saved, what the builder can do about it), the preview switch and links to the app.

export function mountToolbar(element, editor) {
  const { store, saving } = editor;
  const appId = encodeURIComponent(editor.app.id);

  const undo = button('Undo', 'Undo (Ctrl+Z)', () => store.undo());
  const redo = button('Redo', 'Redo (Ctrl+Shift+Z)', () => store.redo());
  const status = document.createElement('span');
  status.id = 'save-status';
  status.className = 'save-status';
  status.setAttribute('role', 'status');
  const preview = button('Preview', 'Use the app as an end user sees it', () => editor.preview.set(!editor.preview.get()));
  preview.setAttribute('aria-pressed', 'false');
  const run = link('Open app', '/run/' + appId + '?release=latest', 'Opens the draft in a new tab');
  run.target = '_blank';
  run.rel = 'noopener';
  const releases = link('Releases', '/apps/' + appId + '/releases', 'Publish and roll back releases');
  const spacer = document.createElement('span');
  spacer.className = 'spacer';

  const conflict = document.createElement('div');
  conflict.className = 'conflict';
  conflict.setAttribute('role', 'alert');
  conflict.hidden = true;
  const conflictText = document.createElement('p');
  const loadTheirs = button('Load their version', 'Replace this tab\'s document by the saved one', () => {
    if (window.confirm('Load the version saved by ' + (saving.status.by || 'somebody else')
        + '? Your unsaved changes in this tab will be lost.')) saving.loadTheirs();
  });
  const copyMine = button('Copy my version', 'Show this tab\'s document as JSON to copy', () => showCopy(editor));
  conflict.append(conflictText, loadTheirs, copyMine);

  element.append(undo, redo, status, spacer, preview, run, releases);
  element.after(conflict);

  const refreshHistory = () => {
    undo.disabled = !store.canUndo;
    redo.disabled = !store.canRedo;
  };
  store.subscribe(refreshHistory);
  refreshHistory();

  const refreshStatus = state => {
    status.dataset.state = state.state;
    status.textContent = describe(state, editor.problems.get());
    conflict.hidden = state.state !== 'conflict';
    if (state.state === 'conflict') {
      conflictText.textContent = 'Not saved: ' + (state.by || 'somebody else') + ' saved this app'
        + (state.at ? ' at ' + new Date(state.at).toLocaleTimeString() : '') + ' while you were editing. '
        + 'Your changes are still here, in this tab, and nothing was overwritten. Autosave is paused.';
    }
  };
  saving.subscribe(refreshStatus);
  editor.problems.subscribe(() => refreshStatus(saving.status));
  refreshStatus(saving.status);

  editor.preview.subscribe(on => {
    preview.setAttribute('aria-pressed', String(on));
    preview.textContent = on ? 'Back to editing' : 'Preview';
    document.body.classList.toggle('previewing', on);
  });
}

function describe(state, problems) {
  switch (state.state) {
    case 'saved':
      return 'Saved' + (state.at ? ' ' + new Date(state.at).toLocaleTimeString() : '');
    case 'pending':
      return 'Unsaved changes';
    case 'saving':
      return 'Saving…';
    case 'conflict':
      return 'Not saved: conflict';
    case 'invalid':
      return 'Not saved: ' + problems.length + (problems.length === 1 ? ' problem' : ' problems')
        + ' (' + problems.slice(0, 2).map(problem => (problem.id ? problem.id + ': ' : '') + problem.message).join('; ')
        + (problems.length > 2 ? '; …' : '') + ')';
    default:
      return 'Not saved: ' + (state.message || 'Toolyard could not be reached') + '. Trying again.';
  }
}

function showCopy(editor) {
  const dialog = document.createElement('dialog');
  dialog.className = 'copy-dialog';
  const heading = document.createElement('h2');
  heading.textContent = 'Your version of ' + editor.app.name;
  const text = document.createElement('textarea');
  text.readOnly = true;
  text.rows = 16;
  text.value = JSON.stringify(editor.store.document, null, 2);
  text.setAttribute('aria-label', 'This tab\'s document as JSON');
  const copy = button('Copy to clipboard', '', () => navigator.clipboard.writeText(text.value).then(
    () => editor.notify('Copied', 'success'), () => editor.notify('Select the text and copy it', 'warning')));
  const close = button('Close', '', () => dialog.close());
  close.className = 'secondary';
  dialog.append(heading, text, copy, close);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  text.select();
}

function button(text, title, onClick) {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = 'secondary';
  element.textContent = text;
  if (title) element.title = title;
  element.addEventListener('click', onClick);
  return element;
}

function link(text, href, title) {
  const element = document.createElement('a');
  element.href = href;
  element.textContent = text;
  element.title = title;
  return element;
}
