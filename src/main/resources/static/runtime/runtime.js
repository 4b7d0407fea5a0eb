// The app runtime inside the sandboxed frame (T-AP3): the scope's values, the dependency graph that
// recomputes only what reads a change, queries through the parent shell, actions, pages and the
// grid. Components are ES modules (/runtime/components/<type>.js) mounted through a host object.

import { compileBody, compileValue, text } from './expressions.js';
import { findCycles, topologicalOrder } from './graph.js';

const THEME = {
  accent: '#2f5bd3', ink: '#1d2330', muted: '#5b6577', line: '#d9dee7', paper: '#ffffff', wash: '#f4f6fa',
  danger: '#b42318', ok: '#1f7a4d', warning: '#9a6700', radius: '6px',
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
};
const ROW_HEIGHT = 8;
const MAX_WAVES = 100;
const COMPONENT_TYPE = /^[A-Za-z][A-Za-z0-9]*$/;

/**
 * Starts an app. `shell` is the way out of the frame: `post(message)` for navigation and
 * notifications, `runQuery({name, values, state, parameters})` resolving to `{ok, status, body}`.
 */
export function start({ bundle, catalog, params, pageId, root, shell }) {
  const runtime = new Runtime(bundle, catalog, params, shell);
  return runtime.render(root, pageId).then(() => runtime);
}

class Runtime {
  constructor(bundle, catalog, params, shell) {
    this.bundle = bundle;
    this.catalog = catalog;
    this.shell = shell;
    this.document = bundle.document;
    this.values = new Map();
    this.components = new Map();
    this.transformers = new Map();
    this.queries = new Map();
    this.dependants = new Map();
    this.pending = new Set();
    this.flushing = false;
    this.modules = new Map();
    this.pages = this.document.pages || [];

    this.collectComponents();
    this.scopeNames = new Set(['current_user', 'url', 'page', 'theme', ...this.components.keys()]);
    (this.document.transformers || []).forEach(t => this.scopeNames.add(t.name));
    (this.document.state || []).forEach(s => this.scopeNames.add(s.name));
    (bundle.queries || []).forEach(q => this.scopeNames.add(q.name));
    (this.document.queries || []).forEach(q => this.scopeNames.add(q.name));

    this.values.set('current_user', bundle.currentUser || null);
    this.values.set('url', { params: params || {} });
    this.values.set('theme', THEME);
    (this.document.state || []).forEach(s => this.values.set(s.name, s.initial === undefined ? null : s.initial));
    this.setUpQueries();
    this.compileTransformers();
    this.compileComponents();
    this.findCycles();
  }

  scope(extra) {
    return name => (extra && name in extra ? extra[name] : this.values.get(name));
  }

  // --- building -------------------------------------------------------------------------------

  collectComponents() {
    const visit = (spec, page, parent) => {
      const definition = this.definition(spec.type);
      const outputs = definition ? definition.outputs || [] : [];
      this.components.set(spec.id, {
        id: spec.id, spec, page, parent, definition,
        props: new Map(), overrides: {}, errors: new Map(), evaluations: 0,
        instance: null, cell: null, element: null, dirty: true, upstream: new Set(),
      });
      this.values.set(spec.id, Object.fromEntries(outputs.map(name => [name, null])));
      (spec.children || []).forEach(child => visit(child, page, spec.id));
    };
    this.pages.forEach(page => (page.components || []).forEach(spec => visit(spec, page.id, null)));
  }

  definition(type) {
    const definition = this.catalog.types[type];
    if (!definition) return null;
    return {
      ...definition,
      properties: { ...(this.catalog.common || {}).properties, ...definition.properties },
    };
  }

  setUpQueries() {
    const settings = new Map((this.document.queries || []).map(q => [q.name, q]));
    const names = new Set([...(this.bundle.queries || []).map(q => q.name), ...settings.keys()]);
    for (const name of names) {
      this.queries.set(name, {
        name,
        server: (this.bundle.queries || []).find(q => q.name === name) || null,
        settings: settings.get(name) || { name },
        runs: 0,
      });
      this.values.set(name, { data: null, isLoading: false, error: null, rowCount: 0, truncated: false, columns: [] });
    }
  }

  compileTransformers() {
    for (const transformer of this.document.transformers || []) {
      const entry = { name: transformer.name, compiled: null, error: null, cyclic: false };
      try {
        entry.compiled = compileBody(transformer.body, this.scopeNames);
      } catch (e) {
        entry.error = 'transformer ' + transformer.name + ': ' + e.message;
        entry.compiled = { names: [], evaluate: () => undefined };
      }
      entry.compiled.names.forEach(name => this.depend(name, 't:' + transformer.name));
      this.transformers.set(transformer.name, entry);
      this.values.set(transformer.name, undefined);
    }
  }

  compileComponents() {
    for (const component of this.components.values()) {
      if (!component.definition) {
        component.errors.set('type', 'Unknown component type "' + component.spec.type + '"');
        continue;
      }
      const given = component.spec.properties || {};
      for (const [name, declared] of Object.entries(component.definition.properties)) {
        const prop = {
          name, declared, compiled: null, compileError: null, value: undefined, evaluated: false, error: null,
          cyclic: false, pending: 0,
        };
        try {
          prop.compiled = compileValue(name in given ? given[name] : declared.default, this.scopeNames);
        } catch (e) {
          prop.compileError = name + ': ' + e.message;
          prop.compiled = { names: [], evaluate: () => undefined };
        }
        prop.compiled.names.forEach(read => this.depend(read, 'p:' + component.id + '\u0000' + name));
        component.props.set(name, prop);
      }
    }
  }

  depend(name, target) {
    if (!this.dependants.has(name)) this.dependants.set(name, new Set());
    this.dependants.get(name).add(target);
  }

  // Cycles between transformers and components are reported on their members and not evaluated;
  // everything else keeps working.
  findCycles() {
    const computed = name => this.transformers.has(name) || this.components.has(name);
    const edges = new Map();
    for (const [name, transformer] of this.transformers) {
      edges.set(name, new Set(transformer.compiled.names.filter(computed)));
    }
    for (const [id, component] of this.components) {
      const reads = new Set();
      component.props.forEach(prop => prop.compiled.names.filter(computed).forEach(name => reads.add(name)));
      edges.set(id, reads);
    }
    const cycles = findCycles(edges, name => this.transformers.has(name));
    const cyclic = new Set();
    for (const cycle of cycles) {
      const message = 'Cycle: ' + cycle.join(' → ');
      const members = new Set(cycle);
      members.forEach(name => cyclic.add(name));
      for (const name of members) {
        if (this.transformers.has(name)) {
          const transformer = this.transformers.get(name);
          transformer.cyclic = true;
          transformer.error = message;
        } else {
          const component = this.components.get(name);
          component.errors.set('cycle', message);
          component.props.forEach(prop => {
            if (prop.compiled.names.some(read => read !== name && members.has(read))) prop.cyclic = true;
          });
        }
      }
    }
    this.cycles = cycles;
    this.transformerOrder = topologicalOrder(
      new Map([...edges].filter(([name]) => this.transformers.has(name))), cyclic);
    // What a component's state (loading, errors) depends on: queries and transformers it reads,
    // directly or through transformers.
    const upstreamOf = (names, seen) => {
      for (const name of names) {
        if (seen.has(name)) continue;
        if (this.queries.has(name)) seen.add(name);
        if (this.transformers.has(name)) {
          seen.add(name);
          upstreamOf(this.transformers.get(name).compiled.names, seen);
        }
      }
      return seen;
    };
    for (const component of this.components.values()) {
      const names = new Set();
      component.props.forEach(prop => prop.compiled.names.forEach(name => names.add(name)));
      component.upstream = upstreamOf(names, new Set());
    }
  }

  // --- evaluating -----------------------------------------------------------------------------

  evaluateTransformer(name) {
    const transformer = this.transformers.get(name);
    if (transformer.cyclic) return;
    try {
      this.values.set(name, transformer.compiled.evaluate(this.scope()));
      transformer.error = null;
    } catch (e) {
      this.values.set(name, undefined);
      transformer.error = 'transformer ' + name + ': ' + e.message;
    }
  }

  evaluateProp(component, prop) {
    if (prop.cyclic) {
      return this.assign(component, prop, prop.declared.default);
    }
    if (prop.name in component.overrides) {
      return this.assign(component, prop, component.overrides[prop.name]);
    }
    if (prop.compileError) {
      prop.error = prop.compileError;
      return this.assign(component, prop, prop.declared.default);
    }
    component.evaluations++;
    let value;
    try {
      value = prop.compiled.evaluate(this.scope());
      prop.error = null;
    } catch (e) {
      prop.error = prop.name + ': ' + e.message;
      return this.assign(component, prop, prop.declared.default);
    }
    if (value && typeof value.then === 'function') {
      // A promise (an async expression) settles later; the property keeps its value until then.
      const ticket = ++prop.pending;
      value.then(settled => {
        if (ticket !== prop.pending) return;
        prop.error = null;
        if (this.assign(component, prop, settled)) this.renderComponent(component);
        this.refreshStatus(component);
      }, failure => {
        if (ticket !== prop.pending) return;
        prop.error = prop.name + ': ' + (failure && failure.message ? failure.message : text(failure));
        this.refreshStatus(component);
      });
      return false;
    }
    return this.assign(component, prop, value);
  }

  assign(component, prop, value) {
    const resolved = value === undefined ? prop.declared.default : value;
    if (Object.is(prop.value, resolved) && prop.evaluated) return false;
    prop.value = resolved;
    prop.evaluated = true;
    component.dirty = true;
    return true;
  }

  propsOf(component) {
    const props = {};
    component.props.forEach((prop, name) => {
      props[name] = prop.value === undefined ? prop.declared.default : prop.value;
    });
    return props;
  }

  /** A name's value changed: recompute what reads it, in waves, until nothing changes. */
  changed(name) {
    this.pending.add(name);
    if (this.flushing) return;
    this.flushing = true;
    try {
      let waves = 0;
      while (this.pending.size) {
        const names = [...this.pending];
        this.pending.clear();
        if (++waves > MAX_WAVES) {
          names.filter(n => this.components.has(n)).forEach(id => {
            this.components.get(id).errors.set('loop', 'Values keep changing each other; stopped after '
              + MAX_WAVES + ' rounds');
            this.refreshStatus(this.components.get(id));
          });
          break;
        }
        this.propagate(names);
      }
    } finally {
      this.flushing = false;
      this.pending.clear();
    }
  }

  propagate(names) {
    const dirtyTransformers = new Set();
    const dirtyProps = new Set();
    const stack = [...names];
    while (stack.length) {
      const name = stack.pop();
      for (const target of this.dependants.get(name) || []) {
        if (target.startsWith('t:')) {
          const transformer = target.slice(2);
          if (!dirtyTransformers.has(transformer)) {
            dirtyTransformers.add(transformer);
            stack.push(transformer);
          }
        } else {
          dirtyProps.add(target);
        }
      }
    }
    this.transformerOrder.filter(name => dirtyTransformers.has(name)).forEach(name => this.evaluateTransformer(name));
    const touched = new Set();
    for (const target of dirtyProps) {
      const [id, propName] = target.slice(2).split('\u0000');
      const component = this.components.get(id);
      if (this.evaluateProp(component, component.props.get(propName))) touched.add(component);
    }
    const changedNames = new Set([...names, ...dirtyTransformers]);
    for (const component of this.components.values()) {
      if (touched.has(component)) this.renderComponent(component);
      if ([...component.upstream].some(name => changedNames.has(name)) || dirtyPropsOf(dirtyProps, component.id)) {
        this.refreshStatus(component);
      }
    }
  }

  // --- rendering ------------------------------------------------------------------------------

  async render(root, pageId) {
    root.textContent = '';
    Object.entries(THEME).forEach(([key, value]) => document.documentElement.style.setProperty('--ty-' + key, value));
    this.transformerOrder.forEach(name => this.evaluateTransformer(name));
    this.components.forEach(component => component.props.forEach(prop => this.evaluateProp(component, prop)));

    const types = new Set([...this.components.values()].map(c => c.spec.type));
    await Promise.all([...types].map(type => this.load(type)));

    if (this.pages.length > 1) {
      const nav = document.createElement('nav');
      nav.className = 'ty-pages';
      nav.setAttribute('aria-label', 'Pages');
      for (const page of this.pages) {
        const link = document.createElement('button');
        link.type = 'button';
        link.textContent = page.title || page.id;
        link.dataset.page = page.id;
        link.addEventListener('click', () => this.openPage(page.id));
        nav.append(link);
      }
      root.append(nav);
    }
    this.pageElements = new Map();
    const mounting = [];
    for (const page of this.pages) {
      const section = document.createElement('section');
      section.className = 'ty-page ty-grid';
      section.dataset.page = page.id;
      root.append(section);
      this.pageElements.set(page.id, section);
      for (const spec of page.components || []) mounting.push(this.mount(this.components.get(spec.id), section));
    }
    this.showPage(this.pages.some(page => page.id === pageId) ? pageId : (this.pages[0] || {}).id);
    await Promise.all(mounting);
    for (const query of this.queries.values()) {
      if (query.settings.runOnPageLoad) this.runQuery(query.name);
    }
  }

  load(type) {
    if (!this.modules.has(type)) {
      const loading = COMPONENT_TYPE.test(type)
        ? import('./components/' + type + '.js').then(module => module.default)
        : Promise.reject(new Error('Bad component type "' + type + '"'));
      this.modules.set(type, loading.catch(e => ({ failed: e })));
    }
    return this.modules.get(type);
  }

  async mount(component, container) {
    const layout = component.spec.layout || { x: 0, y: 0, w: 12, h: 4 };
    const cell = document.createElement('div');
    cell.className = 'ty-cell ty-type-' + component.spec.type;
    cell.dataset.component = component.id;
    cell.style.gridColumn = (layout.x + 1) + ' / span ' + layout.w;
    cell.style.gridRow = (layout.y + 1) + ' / span ' + layout.h;
    cell.style.minHeight = (layout.h * ROW_HEIGHT) + 'px';
    const element = document.createElement('div');
    element.className = 'ty-body';
    const overlay = document.createElement('div');
    overlay.className = 'ty-loading';
    overlay.hidden = true;
    overlay.setAttribute('aria-label', 'Loading');
    const marker = document.createElement('div');
    marker.className = 'ty-error';
    marker.setAttribute('role', 'alert');
    marker.hidden = true;
    cell.append(element, overlay, marker);
    container.append(cell);
    Object.assign(component, { cell, element, overlay, marker });

    const module = await this.load(component.spec.type);
    if (module && !module.failed && component.definition) {
      try {
        component.instance = module.create(this.host(component));
        component.dirty = true;
        this.renderComponent(component);
      } catch (e) {
        component.errors.set('render', e.message);
      }
    } else if (module && module.failed && component.definition) {
      component.errors.set('module', 'The component "' + component.spec.type + '" could not be loaded');
    }
    this.refreshStatus(component);
  }

  host(component) {
    return {
      id: component.id,
      element: component.element,
      theme: THEME,
      setOutputs: outputs => this.setOutputs(component, outputs),
      emit: (event, payload) => this.emit(component, event, payload),
      descendants: () => this.descendantsOf(component).map(child => ({
        id: child.id, type: child.spec.type, outputs: this.values.get(child.id),
      })),
      setProperty: (id, property, value) => {
        if (!this.descendantsOf(component).some(child => child.id === id)) {
          throw new Error('"' + id + '" is not inside "' + component.id + '"');
        }
        this.setComponent(id, property, value);
      },
      mountChildren: (element, slot) => {
        element.classList.add('ty-grid');
        // The editor's edit mode finds a container's grids, and a tab's name, by these.
        element.dataset.parent = component.id;
        if (slot !== undefined && slot !== null) element.dataset.slot = slot;
        const children = (component.spec.children || [])
          .filter(child => slot === undefined || slot === null || child.slot === slot)
          .map(child => this.mount(this.components.get(child.id), element));
        return Promise.all(children);
      },
    };
  }

  descendantsOf(component) {
    const found = [];
    const visit = spec => (spec.children || []).forEach(child => {
      found.push(this.components.get(child.id));
      visit(child);
    });
    visit(component.spec);
    return found;
  }

  setComponent(id, property, value) {
    const component = this.components.get(id);
    if (!component || !component.props.has(property)) {
      throw new Error('There is no property "' + property + '" on "' + id + '"');
    }
    component.overrides[property] = value;
    if (this.evaluateProp(component, component.props.get(property))) this.renderComponent(component);
  }

  renderComponent(component) {
    if (!component.cell) return;
    const props = this.propsOf(component);
    component.cell.hidden = props.hidden === true;
    component.cell.dataset.evaluations = String(component.evaluations);
    if (!component.instance || !component.dirty) return;
    component.dirty = false;
    try {
      component.instance.update(props);
      component.errors.delete('render');
    } catch (e) {
      component.errors.set('render', e.message);
      this.refreshStatus(component);
    }
  }

  refreshStatus(component) {
    if (!component.cell) return;
    component.cell.dataset.evaluations = String(component.evaluations);
    let loading = false;
    const messages = [...component.errors.values()];
    component.props.forEach(prop => prop.error && messages.push(prop.error));
    for (const name of component.upstream) {
      if (this.queries.has(name)) {
        const state = this.values.get(name);
        loading = loading || state.isLoading;
        if (state.error) messages.push(name + ': ' + state.error.message);
      } else if (this.transformers.get(name).error) {
        messages.push(this.transformers.get(name).error);
      }
    }
    component.overlay.hidden = !loading;
    component.cell.classList.toggle('ty-is-loading', loading);
    component.marker.hidden = messages.length === 0;
    component.marker.textContent = [...new Set(messages)].join('\n');
    component.cell.classList.toggle('ty-has-error', messages.length > 0);
  }

  setOutputs(component, outputs) {
    const current = this.values.get(component.id) || {};
    if (Object.keys(outputs).every(key => Object.is(current[key], outputs[key]))) return;
    this.values.set(component.id, { ...current, ...outputs });
    this.changed(component.id);
  }

  emit(component, event, payload) {
    const handlers = (component.spec.events || []).filter(handler => handler.event === event);
    return Promise.all(handlers.map(handler => this.runActions(handler.actions, payload)));
  }

  // --- pages ------------------------------------------------------------------------------------

  showPage(pageId) {
    const page = this.pages.find(p => p.id === pageId);
    if (!page) return false;
    this.pageElements.forEach((section, id) => { section.hidden = id !== pageId; });
    document.querySelectorAll('.ty-pages button').forEach(button => {
      button.setAttribute('aria-current', button.dataset.page === pageId ? 'page' : 'false');
    });
    this.values.set('page', { id: page.id, title: page.title || page.id });
    this.changed('page');
    return true;
  }

  openPage(pageId) {
    if (!this.showPage(pageId)) throw new Error('There is no page "' + pageId + '"');
    this.shell.post({ type: 'navigate', page: pageId });
  }

  // --- queries ----------------------------------------------------------------------------------

  async runQuery(name) {
    const query = this.queries.get(name);
    if (!query) throw new Error('There is no query "' + name + '"');
    const run = ++query.runs;
    const before = this.values.get(name);
    this.values.set(name, { ...before, isLoading: true });
    this.changed(name);
    let answer;
    try {
      if (!query.server) throw new Error('The query "' + name + '" is not stored for this app');
      const values = {};
      for (const expression of query.server.expressions || []) {
        values[expression] = plain(compileValue('{{ ' + expression + ' }}', this.scopeNames).evaluate(this.scope()));
      }
      const state = {};
      for (const stateName of query.server.stateNames || []) {
        if (this.scopeNames.has(stateName)) state[stateName] = plain(this.values.get(stateName));
      }
      const parameters = {};
      for (const [parameter, value] of Object.entries(query.settings.parameters || {})) {
        parameters[parameter] = plain(compileValue(value, this.scopeNames).evaluate(this.scope()));
      }
      answer = await this.shell.runQuery({ name, values, state, parameters });
    } catch (e) {
      answer = { ok: false, status: 0, body: { code: 'runtime.query_not_sent', detail: e.message } };
    }
    if (run !== query.runs) return this.values.get(name);
    const state = answer.ok ? succeeded(answer.body) : failed(answer);
    this.values.set(name, state);
    this.changed(name);
    const actions = state.error ? query.settings.onFailure : query.settings.onSuccess;
    if (actions && actions.length) await this.runActions(actions, state.error ? state.error : state.data);
    return state;
  }

  // --- actions ----------------------------------------------------------------------------------

  async runActions(actions, event) {
    for (const action of actions || []) {
      try {
        await this.runAction(action, event);
      } catch (e) {
        this.shell.post({ type: 'notify', kind: 'error', message: action.type + ': ' + e.message });
        return;
      }
    }
  }

  evaluate(value, event) {
    return compileValue(value, new Set([...this.scopeNames, 'event'])).evaluate(this.scope({ event }));
  }

  async runAction(action, event) {
    switch (action.type) {
      case 'runQuery':
        await this.runQuery(action.query);
        return;
      case 'setState':
        if (!(this.document.state || []).some(s => s.name === action.name)) {
          throw new Error('There is no state variable "' + action.name + '"');
        }
        this.values.set(action.name, await this.evaluate(action.value, event));
        this.changed(action.name);
        return;
      case 'setComponent':
        this.setComponent(action.id, action.property, await this.evaluate(action.value, event));
        return;
      case 'openPage':
        this.openPage(action.page);
        return;
      case 'openUrl':
        this.shell.post({ type: 'openUrl', url: text(this.evaluate(action.url, event)), newTab: action.newTab === true });
        return;
      case 'notify':
        this.shell.post({ type: 'notify', message: text(this.evaluate(action.message, event)), kind: action.kind || 'info' });
        return;
      case 'openModal':
      case 'closeModal': {
        const component = this.components.get(action.id);
        const method = action.type === 'openModal' ? 'open' : 'close';
        if (!component || !component.instance || typeof component.instance[method] !== 'function') {
          throw new Error('"' + action.id + '" is not a modal');
        }
        component.instance[method]();
        return;
      }
      case 'moduleEvent':
        // Outside a module (issue 6) there is nobody to tell.
        return;
      default:
        throw new Error('Unknown action "' + action.type + '"');
    }
  }
}

function dirtyPropsOf(dirtyProps, id) {
  for (const target of dirtyProps) {
    if (target.startsWith('p:' + id + '\u0000')) return true;
  }
  return false;
}

// What can cross to the server: JSON values (undefined becomes null, functions are dropped).
function plain(value) {
  const json = JSON.stringify(value);
  return json === undefined ? null : JSON.parse(json);
}

function succeeded(body) {
  let data;
  if (Array.isArray(body.columns) && Array.isArray(body.rows)) {
    const names = body.columns.map(column => column.name);
    data = body.rows.map(row => Object.fromEntries(names.map((name, i) => [name, row[i]])));
  } else {
    data = body.data === undefined ? null : body.data;
  }
  return {
    data,
    columns: body.columns || [],
    isLoading: false,
    error: body.error ? { code: body.error.code, message: body.error.message } : null,
    rowCount: typeof body.rowCount === 'number' ? body.rowCount : (Array.isArray(data) ? data.length : 0),
    truncated: body.truncated === true,
  };
}

function failed(answer) {
  const body = answer.body || {};
  return {
    data: null,
    columns: [],
    isLoading: false,
    error: { code: body.code || 'runtime.query_failed', message: body.detail || body.title || ('HTTP ' + answer.status) },
    rowCount: 0,
    truncated: false,
  };
}
