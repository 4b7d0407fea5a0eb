// The editor's Queries, State and Transformers panels (T-AP4, T-A5). Queries are saved through
// their own API (the SQL/REST text never lives in the document); their runtime settings, the state
// variables and the transformers are the document's and change only through the store. What a
// builder may pick comes from the server (resources and environments they may use, library
// queries open to them), which refuses anything else on its own: the panels are a convenience.

import { actionList } from './actions.js';
import { codeField } from './code-field.js';
import { allComponents, isValidName, takenNames, uniqueName } from './document.js';

const REST_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const PREVIEW_ROWS = 50;

/** `h('button', {type: 'button', onclick}, 'Save')`: an element with properties and children. */
function h(tag, properties, ...children) {
  const element = document.createElement(tag);
  Object.entries(properties || {}).forEach(([key, value]) => {
    if (value === undefined || value === null || value === false) return;
    if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else if (key === 'className' || key === 'textContent' || key === 'value' || key === 'checked' || key === 'disabled') element[key] = value;
    else element.setAttribute(key, value === true ? '' : value);
  });
  children.flat().forEach(child => {
    if (child !== null && child !== undefined && child !== false) element.append(child);
  });
  return element;
}

let sequence = 0;
function uid(prefix) {
  sequence += 1;
  return prefix + '-' + sequence;
}

function labelled(text, control, error) {
  const id = control.id || uid('field');
  control.id = id;
  return h('div', { className: 'panel-field' }, h('label', { for: id }, text), control, error);
}

function problemText(error) {
  const problem = error && error.problem;
  if (!problem) return (error && error.message) || 'The request failed.';
  return (problem.code ? problem.code + ': ' : '') + (problem.detail || problem.message || problem.title || '');
}

/** Why `name` cannot be the new name of something now called `current` (null: it can). */
function nameProblem(editor, name, current) {
  if (!isValidName(name)) return 'A name is a letter or _ then letters, digits or _ (at most 64).';
  if (name === current) return null;
  const queryNames = editor.queries.list().map(query => query.name);
  if (takenNames(editor.store.document, queryNames).has(name)) return "'" + name + "' is already taken in this app.";
  return null;
}

export function mountPanels(element, editor) {
  element.classList.add('panels-root');
  const tabs = [
    { id: 'queries', label: 'Queries', mount: mountQueries },
    { id: 'state', label: 'State', mount: mountState },
    { id: 'transformers', label: 'Transformers', mount: mountTransformers },
  ];
  const list = h('div', { role: 'tablist', className: 'panel-tabs', 'aria-label': 'Panels' });
  element.append(list);
  const views = tabs.map(tab => {
    const button = h('button', { type: 'button', role: 'tab', id: 'panel-tab-' + tab.id, 'aria-controls': 'panel-' + tab.id },
      tab.label);
    const panel = h('section', { role: 'tabpanel', id: 'panel-' + tab.id, 'aria-labelledby': 'panel-tab-' + tab.id,
      className: 'panel' });
    list.append(button);
    element.append(panel);
    const view = { tab, button, panel, part: null };
    button.addEventListener('click', () => show(view));
    return view;
  });
  views.forEach(view => { view.part = view.tab.mount(view.panel, editor); });

  function show(chosen) {
    views.forEach(view => {
      const on = view === chosen;
      view.button.setAttribute('aria-selected', String(on));
      view.button.tabIndex = on ? 0 : -1;
      view.panel.hidden = !on;
    });
    chosen.part.shown();
  }
  list.addEventListener('keydown', event => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const at = views.findIndex(view => view.button === document.activeElement);
    const next = views[(at + (event.key === 'ArrowRight' ? 1 : views.length - 1)) % views.length];
    show(next);
    next.button.focus();
  });
  show(views[0]);
}

// ---------------------------------------------------------------------------------------------
// Queries

function mountQueries(panel, editor) {
  const listElement = h('ul', { className: 'panel-list', 'aria-label': 'Queries' });
  const detail = h('div', { className: 'panel-detail' });
  const newQuery = h('button', { type: 'button', className: 'secondary', onclick: () => openNew() }, 'New query');
  const importQuery = h('button', { type: 'button', className: 'secondary', onclick: () => openImport() }, 'Import from library');
  panel.append(h('div', { className: 'panel-split' },
    h('div', { className: 'panel-side' }, h('div', { className: 'panel-actions' }, newQuery, importQuery), listElement),
    detail));

  let resources = null;
  let environments = null;
  let selected = null;
  let current = null;

  const choices = () => Promise.all([
    resources || editor.api.get('/api/v1/resources').then(list => { resources = list; return list; }),
    environments || editor.api.get('/api/v1/environments').then(list => { environments = list.filter(env => env.usable); return environments; }),
  ]);

  function renderList() {
    listElement.replaceChildren(...editor.queries.list().map(query => {
      const isSelected = selected && selected.kind === query.kind && selected.id === query.id;
      return h('li', null, h('button', {
        type: 'button', className: 'panel-item', 'aria-current': isSelected ? 'true' : null,
        onclick: () => select(query),
      }, h('span', null, query.name), h('span', { className: 'tag' },
        query.kind === 'import' ? 'library v' + query.resolvedVersion : kindLabel(query.resourceKind))));
    }));
    if (editor.queries.list().length === 0) {
      listElement.append(h('li', { className: 'aside' }, 'No queries yet.'));
    }
  }

  function select(query) {
    if (current && current.dirty && current.dirty() && !confirm('Leave this query without saving it?')) return;
    selected = { kind: query.kind, id: query.id };
    renderList();
    show(query.kind === 'import' ? importDetail(query) : queryDetail(query));
  }

  function show(part) {
    if (current) current.destroy();
    current = part;
    detail.replaceChildren(part.element);
    part.shown();
  }

  function openNew() {
    if (current && current.dirty && current.dirty() && !confirm('Leave this query without saving it?')) return;
    selected = null;
    renderList();
    show(queryDetail(null));
  }

  function openImport() {
    if (current && current.dirty && current.dirty() && !confirm('Leave this query without saving it?')) return;
    selected = null;
    renderList();
    show(newImport());
  }

  async function afterChange(kind, id) {
    await editor.queries.refresh();
    editor.bundleChanged();
    const again = id && editor.queries.list().find(query => query.kind === kind && query.id === id);
    if (again) {
      selected = { kind, id };
      renderList();
      if (current && current.reload) current.reload(again);
    } else {
      selected = null;
      renderList();
      if (current) current.destroy();
      current = null;
      detail.replaceChildren(h('p', { className: 'aside' }, 'Choose a query, or make a new one.'));
    }
  }

  function queryDetail(query) {
    const part = { element: h('form', { className: 'query-form', novalidate: true, 'aria-label': 'Query' }), fields: [] };
    let base = query;
    let saved = snapshot(query);
    const errors = new Map();
    const errorFor = name => {
      const node = h('p', { className: 'field-error', role: 'alert', hidden: true });
      errors.set(name, node);
      return node;
    };
    const general = h('div', { className: 'field-errors', role: 'alert' });

    const name = h('input', { type: 'text', value: query ? query.name : '', autocomplete: 'off', spellcheck: 'false' });
    const resource = h('select', { required: true });
    const kindNote = h('p', { className: 'aside' });
    const body = h('div', { className: 'query-body' });
    const timeout = h('input', { type: 'number', min: '1', value: query ? String(query.timeoutSeconds) : '10' });
    const maxRows = h('input', { type: 'number', min: '1', value: query ? String(query.maxRows) : '10000' });
    const save = h('button', { type: 'submit' }, query ? 'Save' : 'Create');
    const remove = query ? h('button', { type: 'button', className: 'danger', onclick: () => deleteQuery() }, 'Delete') : null;
    const status = h('p', { className: 'aside', 'aria-live': 'polite' });
    let readOnly = false;
    let kind = query ? query.resourceKind : null;
    let bodyFields = null;

    part.element.append(
      h('h3', null, query ? query.name : 'New query'),
      labelled('Name', name, errorFor('name')),
      labelled('Resource', resource, errorFor('resourceId')),
      kindNote,
      body,
      h('div', { className: 'panel-row' }, labelled('Timeout (seconds)', timeout, errorFor('timeoutSeconds')),
        labelled('Row limit', maxRows, errorFor('maxRows'))),
      general,
      h('div', { className: 'panel-actions' }, save, remove, status));

    const runner = query ? runArea(editor, () => base, () => (part.dirty() ? submit() : Promise.resolve(true)), choices)
      : null;
    const settings = query ? settingsArea(editor, () => base.name) : null;
    if (runner) part.element.append(runner.element);
    if (settings) part.element.append(settings.element);

    choices().then(([usable]) => {
      const usableHere = !query || usable.some(option => option.id === query.resourceId);
      readOnly = !usableHere;
      resource.append(h('option', { value: '' }, 'Choose a resource'));
      usable.forEach(option => resource.append(h('option', { value: option.id }, option.name + ' (' + kindLabel(option.kind) + ')')));
      if (query && usableHere) resource.value = query.resourceId;
      if (readOnly) {
        resource.append(h('option', { value: query.resourceId }, 'A resource you cannot use'));
        resource.value = query.resourceId;
        kindNote.textContent = 'This query runs on a resource you may not use: you can run it, not change it.';
        [name, resource, timeout, maxRows, save, remove].forEach(control => { if (control) control.disabled = true; });
      }
      renderBody();
    }).catch(error => editor.notify('Could not list resources: ' + problemText(error), 'error'));

    resource.addEventListener('change', () => {
      const chosen = (resources || []).find(option => option.id === resource.value);
      const nextKind = chosen ? chosen.kind : null;
      if (nextKind !== kind && !(isSql(nextKind) && isSql(kind))) {
        const values = bodyFields ? bodyFields.values() : [];
        kind = nextKind;
        renderBody(isSql(kind) ? values.filter(field => field.name === 'sql') : values.filter(field => field.name !== 'sql'));
      } else {
        kind = nextKind;
      }
    });

    function renderBody(fields) {
      if (bodyFields) bodyFields.destroy();
      body.replaceChildren();
      const from = fields || (query ? query.fields : []);
      if (!kind) {
        bodyFields = null;
        body.append(h('p', { className: 'aside' }, 'Choose a resource to write the query.'));
        return;
      }
      bodyFields = kind === 'REST' ? restFields(editor, body, from, readOnly, errorFor) : sqlFields(editor, body, from, readOnly, errorFor);
    }

    function draft() {
      return {
        name: name.value.trim(),
        resourceId: resource.value || null,
        fields: bodyFields ? bodyFields.values() : [],
        timeoutSeconds: timeout.value === '' ? null : Number(timeout.value),
        maxRows: maxRows.value === '' ? null : Number(maxRows.value),
      };
    }

    function showErrors(error) {
      errors.forEach(node => { node.hidden = true; node.textContent = ''; });
      general.replaceChildren();
      if (!error) return;
      const problem = error.problem || {};
      const unplaced = [];
      (problem.errors || []).forEach(fieldError => {
        const node = errors.get(fieldError.field) || errors.get(String(fieldError.field).split(/[.[:]/)[0]);
        if (node) {
          node.hidden = false;
          node.textContent = (node.textContent ? node.textContent + ' ' : '') + fieldError.message;
        } else {
          unplaced.push((fieldError.field ? fieldError.field + ': ' : '') + fieldError.message);
        }
      });
      if (!(problem.errors || []).length) unplaced.push(problemText(error));
      unplaced.forEach(text => general.append(h('p', { className: 'error' }, text)));
    }

    async function submit() {
      if (readOnly) return false;
      const next = draft();
      const problem = nameProblem(editor, next.name, query ? query.name : null);
      if (problem) {
        showErrors({ problem: { errors: [{ field: 'name', message: problem }] } });
        name.focus();
        return false;
      }
      status.textContent = 'Saving…';
      try {
        const path = '/api/v1/apps/' + editor.app.id + '/queries';
        const result = query
          ? await editor.api.put(path + '/' + query.id, { ...next, version: base.version })
          : await editor.api.post(path, next);
        showErrors(null);
        status.textContent = 'Saved';
        editor.notify((query ? 'Saved ' : 'Created ') + result.name, 'success');
        if (query && query.name !== result.name) renameEntry(editor, query.name, result.name);
        base = { ...result, kind: 'app' };
        saved = snapshot(base);
        if (!query) {
          query = base;
          await afterChange('app', result.id);
          select({ ...base });
        } else {
          await afterChange('app', result.id);
        }
        return true;
      } catch (error) {
        status.textContent = 'Not saved';
        showErrors(error);
        return false;
      }
    }

    async function deleteQuery() {
      if (!confirm("Delete the query '" + base.name + "'? The app's references to it stop working.")) return;
      try {
        await editor.api.delete('/api/v1/apps/' + editor.app.id + '/queries/' + base.id);
        editor.notify('Deleted ' + base.name, 'success');
        saved = null;
        await afterChange('app', null);
      } catch (error) {
        showErrors(error);
      }
    }

    function snapshot(value) {
      return value ? JSON.stringify({
        name: value.name, resourceId: value.resourceId, fields: value.fields,
        timeoutSeconds: value.timeoutSeconds, maxRows: value.maxRows,
      }) : null;
    }

    part.element.addEventListener('submit', event => {
      event.preventDefault();
      submit();
    });
    part.element.addEventListener('keydown', event => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        submit();
      }
    });
    part.dirty = () => !readOnly && (query ? snapshot(draft()) !== saved : draft().name !== '' || draft().fields.some(field => field.template));
    part.shown = () => {
      if (bodyFields) bodyFields.refresh();
      if (runner) runner.refresh();
      if (settings) settings.refresh();
    };
    part.reload = fresh => {
      base = fresh;
      part.element.querySelector('h3').textContent = fresh.name;
      if (runner) runner.refresh();
      if (settings) settings.refresh();
    };
    part.destroy = () => {
      if (bodyFields) bodyFields.destroy();
      if (runner) runner.destroy();
      if (settings) settings.destroy();
    };
    return part;
  }

  function importDetail(imported) {
    const part = { element: h('form', { className: 'query-form', novalidate: true, 'aria-label': 'Library import' }) };
    let base = imported;
    const name = h('input', { type: 'text', value: imported.name, autocomplete: 'off', spellcheck: 'false' });
    const pin = h('select');
    const nameError = h('p', { className: 'field-error', role: 'alert', hidden: true });
    const general = h('div', { className: 'field-errors', role: 'alert' });
    const remove = h('button', { type: 'button', className: 'danger', onclick: () => removeImport() }, 'Remove');
    part.element.append(
      h('h3', null, imported.name),
      h('p', { className: 'aside' }, 'Imported from the library query ' + imported.libraryQueryName
        + (imported.followsLatest ? ', following its latest version (now v' + imported.resolvedVersion + ').'
          : ', pinned to version ' + imported.pinnedVersion + '.')),
      labelled('Name in this app', name, nameError),
      labelled('Version', pin),
      general,
      h('div', { className: 'panel-actions' }, h('button', { type: 'submit' }, 'Save'), remove));
    const runner = runArea(editor, () => base, () => Promise.resolve(true), choices);
    const settings = settingsArea(editor, () => base.name, () => base);
    part.element.append(runner.element, settings.element);

    editor.api.get('/api/v1/query-library/' + imported.libraryQueryId).then(library => {
      pin.append(h('option', { value: '' }, 'Latest (v' + library.latestVersion + ')'));
      library.versions.slice().sort((a, b) => b.version - a.version)
        .forEach(version => pin.append(h('option', { value: String(version.version) }, 'v' + version.version)));
      pin.value = imported.followsLatest ? '' : String(imported.pinnedVersion);
    }).catch(error => general.replaceChildren(h('p', { className: 'error' }, problemText(error))));

    async function submit() {
      const next = name.value.trim();
      const problem = nameProblem(editor, next, base.name);
      nameError.hidden = !problem;
      nameError.textContent = problem || '';
      if (problem) return false;
      try {
        const result = await editor.api.put('/api/v1/apps/' + editor.app.id + '/library-imports/' + base.id,
          { version: pin.value === '' ? null : Number(pin.value), name: next });
        if (result.name !== base.name) renameEntry(editor, base.name, result.name);
        editor.notify('Saved ' + result.name, 'success');
        general.replaceChildren();
        await afterChange('import', result.id);
        select({ ...result, kind: 'import' });
        return true;
      } catch (error) {
        general.replaceChildren(h('p', { className: 'error' }, problemText(error)));
        return false;
      }
    }

    async function removeImport() {
      if (!confirm("Remove the import '" + base.name + "' from this app?")) return;
      try {
        await editor.api.delete('/api/v1/apps/' + editor.app.id + '/library-imports/' + base.id);
        editor.notify('Removed ' + base.name, 'success');
        await afterChange('import', null);
      } catch (error) {
        general.replaceChildren(h('p', { className: 'error' }, problemText(error)));
      }
    }

    part.element.addEventListener('submit', event => {
      event.preventDefault();
      submit();
    });
    part.element.addEventListener('keydown', event => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        submit();
      }
    });
    part.dirty = () => false;
    part.shown = () => { runner.refresh(); settings.refresh(); };
    part.reload = fresh => { base = fresh; runner.refresh(); settings.refresh(); };
    part.destroy = () => { runner.destroy(); settings.destroy(); };
    return part;
  }

  function newImport() {
    const part = { element: h('form', { className: 'query-form', novalidate: true, 'aria-label': 'Import a library query' }) };
    const library = h('select', { required: true });
    const pin = h('select');
    const name = h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false' });
    const nameError = h('p', { className: 'field-error', role: 'alert', hidden: true });
    const general = h('div', { className: 'field-errors', role: 'alert' });
    part.element.append(h('h3', null, 'Import from the library'),
      labelled('Library query', library), labelled('Version', pin), labelled('Name in this app', name, nameError),
      general, h('div', { className: 'panel-actions' }, h('button', { type: 'submit' }, 'Import')));
    let items = [];

    editor.api.get('/api/v1/query-library?limit=200').then(page => {
      items = page.items;
      library.append(h('option', { value: '' }, items.length ? 'Choose a library query' : 'No library queries open to you'));
      items.forEach(item => library.append(h('option', { value: item.id }, item.name)));
    }).catch(error => general.replaceChildren(h('p', { className: 'error' }, problemText(error))));

    library.addEventListener('change', () => {
      const item = items.find(candidate => candidate.id === library.value);
      pin.replaceChildren();
      if (!item) return;
      pin.append(h('option', { value: '' }, 'Latest (v' + item.latestVersion + ')'));
      for (let version = item.latestVersion; version >= 1; version--) pin.append(h('option', { value: String(version) }, 'v' + version));
      const stem = item.name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^([0-9])/, '_$1').slice(0, 60) || 'query';
      const queryNames = editor.queries.list().map(query => query.name);
      name.value = takenNames(editor.store.document, queryNames).has(stem) ? uniqueName(editor.store.document, stem, queryNames) : stem;
    });

    part.element.addEventListener('submit', async event => {
      event.preventDefault();
      const problem = library.value ? nameProblem(editor, name.value.trim(), null) : 'Choose a library query.';
      nameError.hidden = !problem;
      nameError.textContent = problem || '';
      if (problem) return;
      try {
        const added = await editor.api.post('/api/v1/apps/' + editor.app.id + '/library-imports', {
          libraryQueryId: library.value, version: pin.value === '' ? null : Number(pin.value), name: name.value.trim(),
        });
        editor.notify('Imported ' + added.name, 'success');
        await afterChange('import', added.id);
        select({ ...added, kind: 'import' });
      } catch (error) {
        general.replaceChildren(h('p', { className: 'error' }, problemText(error)));
      }
    });
    part.dirty = () => false;
    part.shown = () => {};
    part.destroy = () => {};
    return part;
  }

  editor.queries.subscribe(() => renderList());
  renderList();
  detail.append(h('p', { className: 'aside' }, 'Choose a query, or make a new one.'));
  return {
    shown: () => {
      renderList();
      if (current) current.shown();
    },
  };
}

function isSql(kind) {
  return kind === 'POSTGRESQL' || kind === 'MYSQL';
}

function kindLabel(kind) {
  return { POSTGRESQL: 'PostgreSQL', MYSQL: 'MySQL', REST: 'REST' }[kind] || kind || '';
}

function templateOf(fields, name) {
  const field = (fields || []).find(candidate => candidate.name === name);
  return field ? field.template : '';
}

function sqlFields(editor, element, fields, readOnly, errorFor) {
  const holder = h('div', { className: 'panel-field' }, h('span', { className: 'panel-label' }, 'SQL'));
  const error = errorFor('sql');
  element.append(holder);
  const sql = codeField(holder, { value: templateOf(fields, 'sql'), language: 'sql', names: editor.names, label: 'SQL', readOnly });
  holder.append(error);
  return {
    values: () => [{ name: 'sql', template: sql.value() }],
    refresh: () => sql.refresh(),
    destroy: () => sql.destroy(),
  };
}

/** method, path, `query:<name>` and `header:<name>` rows, body: the REST kind's fields. */
function restFields(editor, element, fields, readOnly, errorFor) {
  const codeFields = [];
  const method = h('select', { disabled: readOnly }, REST_METHODS.map(option => h('option', { value: option }, option)));
  method.value = templateOf(fields, 'method') || 'GET';
  element.append(labelled('Method', method, errorFor('method')));

  const pathHolder = h('div', { className: 'panel-field' }, h('span', { className: 'panel-label' }, 'Path'));
  element.append(pathHolder);
  const path = codeField(pathHolder, { value: templateOf(fields, 'path'), language: 'expression', names: editor.names,
    singleLine: true, label: 'Path', readOnly });
  pathHolder.append(errorFor('path'));
  codeFields.push(path);

  const pairs = prefix => (fields || []).filter(field => field.name.startsWith(prefix))
    .map(field => ({ key: field.name.slice(prefix.length), template: field.template }));
  const query = pairList(editor, element, 'Query parameters', 'Query parameter', pairs('query:'), readOnly);
  const headers = pairList(editor, element, 'Headers', 'Header', pairs('header:'), readOnly);

  const bodyHolder = h('div', { className: 'panel-field' }, h('span', { className: 'panel-label' }, 'Body'));
  element.append(bodyHolder);
  const body = codeField(bodyHolder, { value: templateOf(fields, 'body'), language: 'expression', names: editor.names,
    label: 'Body', readOnly });
  bodyHolder.append(errorFor('body'));
  codeFields.push(body);

  return {
    values: () => {
      const out = [{ name: 'method', template: method.value }];
      if (path.value()) out.push({ name: 'path', template: path.value() });
      query.values().forEach(pair => out.push({ name: 'query:' + pair.key, template: pair.template }));
      headers.values().forEach(pair => out.push({ name: 'header:' + pair.key, template: pair.template }));
      if (body.value()) out.push({ name: 'body', template: body.value() });
      return out;
    },
    refresh: () => { codeFields.forEach(field => field.refresh()); query.refresh(); headers.refresh(); },
    destroy: () => { codeFields.forEach(field => field.destroy()); query.destroy(); headers.destroy(); },
  };
}

function pairList(editor, element, title, singular, pairs, readOnly) {
  const rows = [];
  const list = h('div', { className: 'pair-list' });
  const add = h('button', { type: 'button', className: 'secondary', disabled: readOnly, onclick: () => addRow({ key: '', template: '' }, true) },
    'Add ' + singular.toLowerCase());
  element.append(h('fieldset', null, h('legend', null, title), list, add));

  function addRow(pair, focus) {
    const key = h('input', { type: 'text', value: pair.key, 'aria-label': singular + ' name', disabled: readOnly, spellcheck: 'false' });
    const valueHolder = h('div', { className: 'pair-value' });
    const row = h('div', { className: 'pair-row' }, key, valueHolder);
    const value = codeField(valueHolder, { value: pair.template, language: 'expression', names: editor.names, singleLine: true,
      label: singular + ' value', readOnly });
    const entry = { key, value, row };
    row.append(h('button', { type: 'button', className: 'secondary', disabled: readOnly, 'aria-label': 'Remove ' + singular.toLowerCase(),
      onclick: () => { value.destroy(); row.remove(); rows.splice(rows.indexOf(entry), 1); } }, '×'));
    rows.push(entry);
    list.append(row);
    if (focus) key.focus();
  }
  pairs.forEach(pair => addRow(pair, false));
  return {
    values: () => rows.filter(entry => entry.key.value.trim()).map(entry => ({ key: entry.key.value.trim(), template: entry.value.value() })),
    refresh: () => rows.forEach(entry => entry.value.refresh()),
    destroy: () => rows.forEach(entry => entry.value.destroy()),
  };
}

/**
 * Test values, environment and Run for a saved query: runs the draft (`release: latest`) as the
 * canvas would, with the `{{ }}` values the builder types (each read as JSON when it is JSON,
 * otherwise as text) and the app state the server needs for `current_user` expressions.
 */
function runArea(editor, queryOf, saveFirst, choices) {
  const environment = h('select', { 'aria-label': 'Environment' });
  const values = h('div', { className: 'test-values' });
  const run = h('button', { type: 'button', onclick: () => runQuery() }, 'Run');
  const result = h('div', { className: 'query-result', 'aria-live': 'polite', 'aria-label': 'Result' });
  const element = h('section', { className: 'query-run', 'aria-label': 'Run' },
    h('h4', null, 'Run'), values, h('div', { className: 'panel-row' }, labelled('Environment', environment), run), result);
  let inputs = [];
  let running = false;

  choices().then(([, usable]) => {
    environment.replaceChildren(...usable.map(env => h('option', { value: env.name }, env.name)));
    if (usable.some(env => env.name === 'production')) environment.value = 'production';
    if (!usable.length) {
      run.disabled = true;
      result.replaceChildren(h('p', { className: 'error' }, 'You may use no environment, so you cannot run queries.'));
    }
  }).catch(error => result.replaceChildren(h('p', { className: 'error' }, problemText(error))));

  async function loadInputs() {
    const bundle = await editor.api.get('/api/v1/apps/' + editor.app.id + '/runtime?release=latest');
    const entry = bundle.queries.find(query => query.name === queryOf().name);
    if (!entry) throw new Error('The app has no query ' + queryOf().name + ' in its draft.');
    const next = [
      ...entry.expressions.map(text => ({ kind: 'values', key: text, label: '{{ ' + text + ' }}' })),
      ...entry.stateNames.map(text => ({ kind: 'state', key: text, label: text + ' (app state, JSON)' })),
      ...importParameters(editor, entry),
    ];
    const same = next.length === inputs.length
      && next.every((input, index) => input.kind === inputs[index].kind && input.key === inputs[index].key);
    // The same inputs stay on the page untouched, with what the builder typed (and their focus).
    if (same) return entry;
    const previous = new Map(inputs.map(input => [input.kind + ' ' + input.key, input.control.value]));
    inputs = next;
    inputs.forEach(input => {
      const value = previous.has(input.kind + ' ' + input.key) ? previous.get(input.kind + ' ' + input.key) : input.initial;
      input.control = h('input', { type: 'text', value: value || '', spellcheck: 'false',
        placeholder: input.kind === 'state' ? '{"selectedRow": null}' : 'a value, as text or JSON' });
    });
    values.replaceChildren(...(inputs.length
      ? [h('p', { className: 'aside' }, 'Test values'), ...inputs.map(input => labelled(input.label, input.control))]
      : []));
    return entry;
  }

  async function runQuery() {
    if (running) return;
    running = true;
    run.disabled = true;
    result.replaceChildren(h('p', { className: 'aside' }, 'Running…'));
    try {
      if (!(await saveFirst())) {
        result.replaceChildren(h('p', { className: 'error' }, 'Fix the query before running it.'));
        return;
      }
      const known = new Set(inputs.map(input => input.kind + ' ' + input.key));
      const entry = await loadInputs();
      if (inputs.some(input => !input.literal && !known.has(input.kind + ' ' + input.key))) {
        result.replaceChildren(h('p', { className: 'aside' }, 'Fill in the test values, then run again.'));
        return;
      }
      const request = { release: 'latest', environment: environment.value, values: {}, state: {} };
      if (entry.kind === 'import') request.parameters = {};
      inputs.forEach(input => { request[input.kind][input.key] = input.literal ? input.control.value : parseValue(input.control.value); });
      const started = performance.now();
      const answer = await editor.api.post(entry.runUrl, request);
      showResult(answer, Math.round(performance.now() - started));
    } catch (error) {
      result.replaceChildren(h('p', { className: 'error run-problem' }, problemText(error)));
    } finally {
      running = false;
      run.disabled = false;
    }
  }

  function showResult(answer, elapsed) {
    const facts = [
      (answer.rowCount != null ? answer.rowCount + ' rows' : 'Done'),
      answer.truncated ? 'truncated by ' + (answer.truncatedBy || 'a limit') : 'not truncated',
      (answer.durationMs != null ? answer.durationMs : elapsed) + ' ms',
      answer.environment || environment.value,
    ];
    const parts = [h('p', { className: 'result-facts' }, facts.join(' · '))];
    if (answer.error) parts.push(h('p', { className: 'error run-problem' }, answer.error.code + ': ' + answer.error.message));
    if (answer.columns) {
      const rows = answer.rows.slice(0, PREVIEW_ROWS);
      parts.push(h('div', { className: 'result-table' }, h('table', null,
        h('thead', null, h('tr', null, answer.columns.map(column => h('th', { scope: 'col' }, column.name)))),
        h('tbody', null, rows.map(row => h('tr', null, row.map(cell => h('td', null, cellText(cell)))))))));
      if (answer.rows.length > rows.length) parts.push(h('p', { className: 'aside' }, 'The first ' + rows.length + ' rows.'));
    } else if (answer.data !== undefined) {
      parts.push(h('pre', { className: 'code' }, JSON.stringify(answer.data, null, 2)));
    }
    result.replaceChildren(...parts);
  }

  const refresh = () => { loadInputs().catch(() => values.replaceChildren()); };
  return { element, refresh, destroy: () => {} };
}

/**
 * The parameters the document gives a library import: a literal is sent as the text it is (as the
 * runtime does) and starts filled in; an expression needs a test value, since the editor's page
 * evaluates no builder code.
 */
function importParameters(editor, entry) {
  if (entry.kind !== 'import') return [];
  const settings = (editor.store.document.queries || []).find(query => query.name === entry.name);
  return Object.entries((settings && settings.parameters) || {}).map(([name, value]) => {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    const literal = !text.includes('{{');
    return { kind: 'parameters', key: name, literal, initial: literal ? text : '',
      label: 'Parameter ' + name + (literal ? '' : ' (' + text + ')') };
  });
}

function parseValue(text) {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch (notJson) {
    return text;
  }
}

function cellText(cell) {
  if (cell === null || cell === undefined) return '∅';
  return typeof cell === 'object' ? JSON.stringify(cell) : String(cell);
}

// ---------------------------------------------------------------------------------------------
// A query's runtime settings: the document's `queries` entry

function renameEntry(editor, from, to) {
  editor.store.apply('Rename query ' + from, draft => {
    (draft.queries || []).forEach(entry => { if (entry.name === from) entry.name = to; });
    const visit = actions => (actions || []).forEach(action => {
      if (action.type === 'runQuery' && action.query === from) action.query = to;
    });
    allComponents(draft).forEach(({ component }) => (component.events || []).forEach(event => visit(event.actions)));
    (draft.queries || []).forEach(entry => { visit(entry.onSuccess); visit(entry.onFailure); });
  });
}

/**
 * The document's entry of a query: run on page load, its onSuccess/onFailure actions and, for a
 * library import (`importOf()` gives it), the parameters it passes.
 */
function settingsArea(editor, nameOf, importOf) {
  const onLoad = h('input', { type: 'checkbox' });
  const parameters = importOf ? parametersArea(editor, importOf, () => entry(), change) : null;
  const outcomes = [['onSuccess', 'On success', "the query's data"], ['onFailure', 'On failure', "the query's error"]];
  const lists = outcomes.map(([key, title, eventDetail]) => actionList(editor, {
    title, addLabel: title + ': new action', key: 'query:' + key, eventDetail,
    actionsOf: () => entry()[key],
    apply: (label, mutate, coalesce) => change(label + ' of ' + nameOf(), found => {
      found[key] = found[key] || [];
      mutate(found[key]);
    }, coalesce),
  }));
  const element = h('section', { className: 'query-settings', 'aria-label': 'When it runs' },
    h('h4', null, 'When it runs'),
    h('label', { className: 'panel-check' }, onLoad, ' Run when the page loads'),
    parameters && parameters.element,
    lists.flatMap((list, at) => [h('h5', null, outcomes[at][1]), list.element]));

  function entry() {
    const found = (editor.store.document.queries || []).find(candidate => candidate.name === nameOf());
    return found || { name: nameOf(), runOnPageLoad: false, parameters: {}, onSuccess: [], onFailure: [] };
  }

  function change(label, mutate, coalesce) {
    editor.store.apply(label, draft => {
      draft.queries = draft.queries || [];
      let found = draft.queries.find(candidate => candidate.name === nameOf());
      if (!found) {
        found = { name: nameOf(), runOnPageLoad: false, parameters: {}, onSuccess: [], onFailure: [] };
        draft.queries.push(found);
      }
      mutate(found);
    }, coalesce ? { coalesce } : undefined);
  }

  onLoad.addEventListener('change', () => change((onLoad.checked ? 'Run ' : 'Do not run ') + nameOf() + ' on page load',
    found => { found.runOnPageLoad = onLoad.checked; }));

  const refresh = () => {
    onLoad.checked = !!entry().runOnPageLoad;
    if (parameters) parameters.refresh();
    lists.forEach(list => list.render());
  };
  let shown = null;
  const unsubscribe = editor.store.subscribe(change => {
    const now = JSON.stringify(entry());
    if (now === shown) return;
    shown = now;
    if (change.kind !== 'edit' || !element.contains(document.activeElement)) refresh();
    else onLoad.checked = !!entry().runOnPageLoad;
  });
  shown = JSON.stringify(entry());
  refresh();
  return {
    element, refresh,
    destroy: () => {
      unsubscribe();
      if (parameters) parameters.destroy();
      lists.forEach(list => list.destroy());
    },
  };
}

/**
 * A library import's parameters (T-Q1): one expression field per parameter its library version
 * declares (`GET /api/v1/query-library/{id}/versions/{version}`), kept in the entry's `parameters`
 * as typed; an empty field leaves the parameter out, so the library's default applies. Names the
 * version does not declare (the server refuses them) are listed to be removed.
 */
function parametersArea(editor, importOf, entryOf, change) {
  const list = h('div', { className: 'import-parameters' });
  const element = h('div', null, h('h5', null, 'Parameters'), list);
  let declared = { key: null };
  let fields = [];
  const destroyFields = () => {
    fields.forEach(field => field.destroy());
    fields = [];
  };

  function refresh() {
    const imported = importOf();
    const key = imported.libraryQueryId + '/' + imported.resolvedVersion;
    if (declared.key !== key) {
      declared = { key, parameters: null, problem: null };
      editor.api.get('/api/v1/query-library/' + imported.libraryQueryId + '/versions/' + imported.resolvedVersion)
        .then(version => { if (declared.key === key) declared.parameters = version.parameters || []; })
        .catch(error => { if (declared.key === key) declared.problem = problemText(error); })
        .then(() => { if (declared.key === key) render(); });
    }
    render();
  }

  function set(name, label, mutate, coalesce) {
    change(label, found => {
      found.parameters = found.parameters || {};
      mutate(found.parameters);
    }, coalesce);
  }

  function render() {
    destroyFields();
    list.replaceChildren();
    if (declared.problem) {
      list.append(h('p', { className: 'error' }, declared.problem));
      return;
    }
    if (!declared.parameters) {
      list.append(h('p', { className: 'aside' }, 'Reading the library query’s parameters…'));
      return;
    }
    const given = entryOf().parameters || {};
    const version = importOf().resolvedVersion;
    if (!declared.parameters.length) list.append(h('p', { className: 'aside' }, 'Version ' + version + ' declares no parameters.'));
    declared.parameters.forEach(parameter => {
      const holder = h('div', { className: 'named-value' });
      list.append(h('div', { className: 'panel-field', role: 'group', 'aria-label': parameter.name },
        h('span', { className: 'field-label' }, parameter.name),
        parameter.description ? h('p', { className: 'aside' }, parameter.description) : null, holder));
      const value = given[parameter.name];
      fields.push(codeField(holder, {
        value: value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value),
        language: 'expression', names: editor.names, singleLine: true, label: 'Parameter ' + parameter.name,
        placeholder: defaultText(parameter),
        onChange: text => set(parameter.name, 'Parameter ' + parameter.name + ' of ' + entryOf().name, values => {
          if (text.trim() === '') delete values[parameter.name];
          else values[parameter.name] = text;
        }, 'import-parameter:' + entryOf().name + ':' + parameter.name),
      }));
    });
    Object.keys(given).filter(name => !declared.parameters.some(parameter => parameter.name === name)).forEach(name => {
      list.append(h('p', { className: 'field-error', role: 'alert' }, 'Version ' + version + ' declares no parameter '
        + name + ': runs are refused until it is removed. ',
      h('button', { type: 'button', className: 'secondary', 'aria-label': 'Remove parameter ' + name,
        onclick: () => {
          set(name, 'Remove parameter ' + name + ' of ' + entryOf().name, values => { delete values[name]; });
          render();
        } }, 'Remove')));
    });
  }

  return { element, refresh, destroy: destroyFields };
}

/** What an empty parameter field stands for: the library query's default. */
function defaultText(parameter) {
  if (parameter.secret) return 'Secret: no default';
  const value = parameter.defaultValue;
  if (value === null || value === undefined) return 'No default (null)';
  return 'Default: ' + (typeof value === 'string' ? value : JSON.stringify(value));
}

// ---------------------------------------------------------------------------------------------
// State variables and transformers: named entries of the document

/**
 * A list of the document's named entries (`state` or `transformers`): add, rename, remove, and a
 * code field for the value (`initial` as JSON, or a transformer's JavaScript `body`).
 */
function namedEntries(panel, editor, spec) {
  const list = h('div', { className: 'named-list' });
  const add = h('button', { type: 'button', className: 'secondary', onclick: () => addEntry() }, spec.addLabel);
  panel.append(h('p', { className: 'aside' }, spec.help), list, add);
  let rows = [];
  let own = false;

  const entries = () => editor.store.document[spec.key] || [];

  function apply(label, mutate, coalesce) {
    own = true;
    try {
      return editor.store.apply(label, draft => {
        draft[spec.key] = draft[spec.key] || [];
        mutate(draft[spec.key]);
      }, coalesce ? { coalesce } : undefined);
    } finally {
      own = false;
    }
  }

  function addEntry() {
    const queryNames = editor.queries.list().map(query => query.name);
    const name = uniqueName(editor.store.document, spec.base, queryNames);
    apply('Add ' + name, list => list.push(spec.fresh(name)));
    render();
    const row = rows.find(candidate => candidate.name === name);
    if (row) row.nameInput.focus();
  }

  let shown = null;

  function render() {
    shown = JSON.stringify(entries());
    rows.forEach(row => row.field.destroy());
    rows = entries().map(entry => row(entry));
    list.replaceChildren(...rows.map(row => row.element));
    if (!rows.length) list.append(h('p', { className: 'aside' }, spec.empty));
  }

  function row(entry) {
    const record = { name: entry.name };
    const nameInput = h('input', { type: 'text', value: entry.name, 'aria-label': spec.nameLabel, spellcheck: 'false', autocomplete: 'off' });
    const nameError = h('p', { className: 'field-error', role: 'alert', hidden: true });
    const valueError = h('p', { className: 'field-error', role: 'alert', hidden: true });
    const holder = h('div', { className: 'named-value' });
    const remove = h('button', { type: 'button', className: 'secondary', 'aria-label': 'Remove ' + entry.name,
      onclick: () => {
        if (!confirm('Remove ' + record.name + '? Expressions that read it stop working.')) return;
        apply('Remove ' + record.name, list => { list.splice(list.findIndex(item => item.name === record.name), 1); });
        render();
      } }, 'Remove');
    const element = h('div', { className: 'named-row', role: 'group', 'aria-label': entry.name },
      h('div', { className: 'panel-row' }, nameInput, remove), nameError, holder, valueError);
    const rename = () => {
      const next = nameInput.value.trim();
      const problem = nameProblem(editor, next, record.name);
      nameError.hidden = !problem;
      nameError.textContent = problem || '';
      if (problem || next === record.name) return;
      const from = record.name;
      apply('Rename ' + from, list => { list.find(item => item.name === from).name = next; });
      record.name = next;
      render();
      const renamed = rows.find(candidate => candidate.name === next);
      if (renamed) renamed.nameInput.focus();
    };
    nameInput.addEventListener('change', rename);
    nameInput.addEventListener('keydown', event => { if (event.key === 'Enter') { event.preventDefault(); rename(); } });
    record.field = codeField(holder, {
      value: spec.show(entry), language: spec.language, names: editor.names, label: spec.valueLabel(entry.name),
      onChange: text => {
        const parsed = spec.read(text);
        valueError.hidden = !parsed.problem;
        valueError.textContent = parsed.problem || '';
        if (parsed.problem) return;
        const name = record.name;
        apply('Change ' + name, list => { spec.write(list.find(item => item.name === name), parsed.value); }, spec.key + ':' + name);
      },
    });
    record.element = element;
    record.nameInput = nameInput;
    return record;
  }

  const unsubscribe = editor.store.subscribe(() => {
    if (own) shown = JSON.stringify(entries());
    else if (JSON.stringify(entries()) !== shown) render();
  });
  render();
  return { shown: () => rows.forEach(row => row.field.refresh()), destroy: unsubscribe };
}

function mountState(panel, editor) {
  return namedEntries(panel, editor, {
    key: 'state', base: 'state', addLabel: 'Add state variable', nameLabel: 'State variable name',
    help: "Values the app keeps while it runs; a setState action changes them. The initial value is JSON, and may be a {{ }} expression in a string.",
    empty: 'No state variables.',
    fresh: name => ({ name, initial: null }),
    language: 'json',
    valueLabel: name => 'Initial value of ' + name,
    show: entry => JSON.stringify(entry.initial, null, 2),
    read: text => {
      try {
        return { value: JSON.parse(text) };
      } catch (error) {
        return { problem: 'The initial value must be JSON (null, a number, "text", [..], {..}): ' + error.message };
      }
    },
    write: (entry, value) => { entry.initial = value; },
  });
}

function mountTransformers(panel, editor) {
  return namedEntries(panel, editor, {
    key: 'transformers', base: 'transformer', addLabel: 'Add transformer', nameLabel: 'Transformer name',
    help: "JavaScript over the app's names that returns a value; others read it by the transformer's name.",
    empty: 'No transformers.',
    fresh: name => ({ name, body: 'return null;' }),
    language: 'javascript',
    valueLabel: name => 'Body of ' + name,
    show: entry => entry.body,
    read: text => ({ value: text }),
    write: (entry, value) => { entry.body = value; },
  });
}
