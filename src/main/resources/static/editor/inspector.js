// The inspector (T-AP4): the selected component's id, parent, layout, every catalog property (a
// literal field fitting its type, or an expression field) and its events' actions; with nothing
// selected, the app's settings (pages, theme). Problems of a refused save show at their field.

import { codeField } from './code-field.js';
import { allComponents, findComponent, freeSpot, isValidName, removeComponent, takenNames, uniqueName } from './document.js';

const ACTION_TYPES = {
  runQuery: 'Run a query', setState: 'Set a state variable', setComponent: 'Set a component property',
  openPage: 'Open a page', openUrl: 'Open a web address', notify: 'Show a notification', openModal: 'Open a modal',
  closeModal: 'Close a modal', moduleEvent: 'Send a module event',
};
const KINDS = ['info', 'success', 'warning', 'error'];
const COLUMNS = 12;

export function mountInspector(element, editor) {
  const inspector = new Inspector(element, editor);
  inspector.render();
}

class Inspector {
  constructor(element, editor) {
    this.element = element;
    this.editor = editor;
    this.store = editor.store;
    this.fields = [];
    this.applying = false;
    this.expressionMode = new Set();
    this.themes = undefined;
    this.store.subscribe(() => {
      if (!this.applying) this.render();
    });
    this.store.onSelect(() => this.render());
    this.shownProblems = '[]';
    editor.problems.subscribe(problems => {
      const json = JSON.stringify(problems);
      if (json === this.shownProblems) return;
      this.shownProblems = json;
      this.render();
    });
    editor.queries.subscribe(() => this.render());
    editor.page.subscribe(() => {
      if (!this.store.selected) this.render();
    });
    editor.api.get('/api/v1/themes').then(themes => {
      this.themes = Array.isArray(themes) ? themes : [];
    }, () => {
      this.themes = [];
    }).then(() => {
      if (!this.store.selected) this.render();
    });
  }

  /** Applies a change the inspector's own field made: the field already shows it, so no redraw. */
  change(label, mutate, coalesce, redraw) {
    this.applying = !redraw;
    try {
      return this.store.apply(label, mutate, coalesce ? { coalesce } : {});
    } finally {
      this.applying = false;
    }
  }

  render() {
    const scroll = this.element.scrollTop;
    const focused = this.focusedField();
    this.fields.forEach(field => field.destroy());
    this.fields = [];
    this.element.replaceChildren();
    const id = this.store.selected;
    const component = id ? findComponent(this.store.document, id) : null;
    if (component) this.renderComponent(component);
    else this.renderApp();
    // The fields were made before their section joined the page: CodeMirror measures them now.
    this.fields.forEach(field => field.refresh());
    this.element.scrollTop = scroll;
    if (focused) this.refocus(focused);
  }

  // A redraw while the builder types in a property (a save's problems arrived) keeps their place.
  focusedField() {
    const active = document.activeElement;
    const field = active && this.element.contains(active) ? active.closest('[data-property]') : null;
    if (!field) return null;
    const wrapper = field.querySelector('.CodeMirror');
    return {
      property: field.dataset.property,
      cursor: wrapper && wrapper.CodeMirror ? wrapper.CodeMirror.getCursor() : null,
    };
  }

  refocus({ property, cursor }) {
    const field = this.element.querySelector('[data-property="' + CSS.escape(property) + '"]');
    if (!field) return;
    const wrapper = field.querySelector('.CodeMirror');
    if (wrapper && wrapper.CodeMirror) {
      wrapper.CodeMirror.focus();
      if (cursor) wrapper.CodeMirror.setCursor(cursor);
      return;
    }
    const input = field.querySelector('input, select');
    if (input) input.focus();
  }

  problems(id, test) {
    return this.editor.problems.get().filter(problem => problem.id === id && test(problem.field));
  }

  // --- a component ----------------------------------------------------------------------------

  renderComponent(component) {
    const definition = this.editor.catalog.types[component.type];
    const heading = el('h2', {}, component.id);
    heading.append(' ', el('span', { className: 'tag' }, component.type));
    this.element.append(heading);
    this.element.append(problemList(this.problems(component.id,
      field => !field.startsWith('properties/') && !field.startsWith('events'))));
    this.element.append(this.idField(component), this.parentField(component), this.layoutFields(component));
    if (!definition) {
      this.element.append(el('p', { className: 'error' }, 'Unknown component type "' + component.type + '"'));
      return;
    }
    const properties = { ...(this.editor.catalog.common || {}).properties, ...definition.properties };
    const section = el('section', { className: 'inspector-section' });
    section.append(el('h3', {}, 'Properties'));
    for (const [name, declared] of Object.entries(properties)) section.append(this.propertyField(component, name, declared));
    this.element.append(section);
    if ((definition.events || []).length) this.element.append(this.eventsSection(component, definition.events));
    const remove = button('Delete component', () => this.change('Delete ' + component.id,
      draft => { removeComponent(draft, component.id); }, null, true), 'danger');
    remove.title = 'Delete (Delete key); undo brings it back';
    this.element.append(el('p', { className: 'actions' }, remove));
  }

  idField(component) {
    const input = el('input', { attrs: { type: 'text', value: component.id, spellcheck: 'false' } });
    const message = el('span', { className: 'field-error', attrs: { role: 'alert' } });
    const wrap = el('label', { className: 'field' }, 'Id', input, message,
      el('span', { className: 'aside' }, 'Renaming changes only this id: expressions and actions that use the old '
        + 'name are not updated.'));
    input.addEventListener('change', () => {
      const next = input.value.trim();
      if (next === component.id) return;
      const taken = takenNames(this.store.document, this.editor.queries.list().map(query => query.name));
      let problem = null;
      if (!isValidName(next)) problem = 'Letters, digits and _ only, not starting with a digit (at most 64)';
      else if (taken.has(next)) problem = '"' + next + '" is already a name in this app';
      message.textContent = problem || '';
      input.setAttribute('aria-invalid', String(Boolean(problem)));
      if (problem) return;
      this.change('Rename ' + component.id + ' to ' + next, draft => { findComponent(draft, component.id).id = next; }, null, true);
      this.store.select(next);
    });
    return wrap;
  }

  // Moving between parents: a page's top level, a container, form or modal, or a tab of tabs.
  parentField(component) {
    const document = this.store.document;
    const inside = new Set();
    const collect = spec => (spec.children || []).forEach(child => {
      inside.add(child.id);
      collect(child);
    });
    collect(component);
    const entries = allComponents(document);
    const own = entries.find(entry => entry.component.id === component.id);
    const select = el('select');
    const option = (value, text) => select.append(el('option', { attrs: { value } }, text));
    document.pages.forEach(page => option('page:' + page.id, 'Page ' + (page.title || page.id)));
    for (const { component: candidate } of entries) {
      const definition = this.editor.catalog.types[candidate.type];
      if (!definition || !definition.container || candidate.id === component.id || inside.has(candidate.id)) continue;
      if (candidate.type === 'tabs') {
        tabNames(candidate, this.editor.catalog).forEach(tab => option('tab:' + candidate.id + ':' + tab, candidate.id + ' › ' + tab));
      } else {
        option('in:' + candidate.id, candidate.id);
      }
    }
    const parent = own.parent ? findComponent(document, own.parent) : null;
    select.value = !parent ? 'page:' + own.page
      : parent.type === 'tabs' ? 'tab:' + parent.id + ':' + component.slot : 'in:' + parent.id;
    select.addEventListener('change', () => this.moveTo(component.id, select.value));
    return el('label', { className: 'field' }, 'Parent', select);
  }

  moveTo(id, target) {
    const [kind, where, ...rest] = target.split(':');
    const slot = rest.join(':');
    this.change('Move ' + id + ' to ' + where, draft => {
      const moving = findComponent(draft, id);
      removeComponent(draft, id);
      const list = kind === 'page' ? draft.pages.find(page => page.id === where).components : findComponent(draft, where).children;
      const w = Math.min(moving.layout.w, COLUMNS);
      moving.layout = freeSpot(list, w, moving.layout.h);
      const moved = { id: moving.id, type: moving.type };
      if (kind === 'tab') moved.slot = slot;
      Object.assign(moved, { layout: moving.layout, properties: moving.properties, events: moving.events, children: moving.children });
      list.push(moved);
    }, null, true);
  }

  layoutFields(component) {
    const fieldset = el('fieldset', { className: 'layout-fields' }, el('legend', {}, 'Layout (12 columns, rows of 8 px)'));
    const limits = { x: [0, 11], y: [0, 100000], w: [1, 12], h: [1, 200] };
    const names = { x: 'Column', y: 'Row', w: 'Width', h: 'Height' };
    const message = el('span', { className: 'field-error', attrs: { role: 'alert' } });
    for (const key of ['x', 'y', 'w', 'h']) {
      const input = el('input', { attrs: { type: 'number', min: String(limits[key][0]), max: String(limits[key][1]), step: '1',
        value: String(component.layout[key]) } });
      input.addEventListener('change', () => {
        const value = Number(input.value);
        const layout = { ...findComponent(this.store.document, component.id).layout, [key]: value };
        const valid = Number.isInteger(value) && value >= limits[key][0] && value <= limits[key][1] && layout.x + layout.w <= COLUMNS;
        message.textContent = valid ? '' : 'Column + width must fit the 12 columns; height 1–200 rows';
        input.setAttribute('aria-invalid', String(!valid));
        if (valid) this.change('Layout of ' + component.id, draft => { findComponent(draft, component.id).layout = layout; }, 'layout:' + component.id);
      });
      fieldset.append(el('label', { className: 'field small' }, names[key], input));
    }
    fieldset.append(message);
    return fieldset;
  }

  propertyField(component, name, declared) {
    const value = component.properties[name];
    const key = component.id + '.' + name;
    const isExpression = typeof value === 'string' && value.includes('{{');
    const asExpression = declared.type === 'string' || isExpression || this.expressionMode.has(key);
    const wrap = el('div', { className: 'field property', attrs: { 'data-property': name } });
    const title = el('span', { className: 'field-label' }, name);
    wrap.append(title);
    const set = (next, label) => this.change('Change ' + key, draft => {
      const target = findComponent(draft, component.id);
      if (next === undefined) delete target.properties[name];
      else target.properties[name] = next;
    }, 'property:' + key, label === 'redraw');

    if (declared.type !== 'string') {
      const toggle = button('{{ }}', () => {
        if (asExpression) {
          this.expressionMode.delete(key);
          set(undefined, 'redraw');
        } else {
          this.expressionMode.add(key);
          const current = value === undefined || value === null ? declared.default : value;
          set('{{ ' + JSON.stringify(current) + ' }}', 'redraw');
        }
      }, 'secondary small');
      toggle.title = asExpression ? 'Use a fixed value' : 'Use an expression';
      toggle.setAttribute('aria-pressed', String(asExpression));
      toggle.setAttribute('aria-label', 'Expression for ' + name);
      title.append(' ', toggle);
    }

    const holder = el('div', { className: 'field-input' });
    wrap.append(holder);
    const message = el('span', { className: 'field-error', attrs: { role: 'alert' } });
    if (asExpression) {
      const empty = declared.default === '' || declared.default === null || declared.default === undefined;
      this.fields.push(codeField(holder, {
        value: shownExpression(value, declared),
        language: 'expression', names: this.editor.names, singleLine: declared.type !== 'string' || name !== 'value',
        label: name,
        onChange: text => set(text === '' && empty ? undefined : text),
      }));
    } else {
      holder.append(this.literalInput(declared, value, name, set, message));
    }
    wrap.append(message);
    if (declared.description) wrap.append(el('span', { className: 'aside' }, declared.description));
    this.problems(component.id, field => field === 'properties/' + name || field.startsWith('properties/' + name + '/'))
      .forEach(problem => {
        wrap.classList.add('invalid');
        wrap.append(el('span', { className: 'field-error', attrs: { role: 'alert' } }, problem.message));
      });
    return wrap;
  }

  literalInput(declared, value, name, set, message) {
    const current = value === undefined || value === null ? declared.default : value;
    switch (declared.type) {
      case 'boolean': {
        const input = el('input', { attrs: { type: 'checkbox', 'aria-label': name } });
        input.checked = current === true;
        input.addEventListener('change', () => set(input.checked));
        return input;
      }
      case 'enum': {
        const select = el('select', { attrs: { 'aria-label': name } });
        declared.values.forEach(option => select.append(el('option', { attrs: { value: option } }, option)));
        select.value = current;
        select.addEventListener('change', () => set(select.value));
        return select;
      }
      case 'integer':
      case 'number': {
        const attrs = { type: 'number', 'aria-label': name, step: declared.type === 'integer' ? '1' : 'any' };
        if (declared.min !== undefined) attrs.min = String(declared.min);
        if (declared.max !== undefined) attrs.max = String(declared.max);
        const input = el('input', { attrs });
        input.value = current === null || current === undefined ? '' : String(current);
        input.addEventListener('input', () => {
          if (input.value === '') {
            message.textContent = '';
            set(undefined);
            return;
          }
          const number = Number(input.value);
          const valid = Number.isFinite(number) && (declared.type !== 'integer' || Number.isInteger(number))
            && (declared.min === undefined || number >= declared.min) && (declared.max === undefined || number <= declared.max);
          message.textContent = valid ? '' : 'Not a valid ' + (declared.type === 'integer' ? 'whole number' : 'number')
            + ' here' + (declared.min !== undefined ? ' (at least ' + declared.min + ')' : '');
          if (valid) set(number);
        });
        return input;
      }
      default: {
        const holder = el('div');
        this.fields.push(codeField(holder, {
          value: value === undefined || value === null ? '' : JSON.stringify(value, null, 2), language: 'json',
          names: this.editor.names, label: name,
          onChange: text => {
            if (text.trim() === '') {
              message.textContent = '';
              set(undefined);
              return;
            }
            try {
              const parsed = JSON.parse(text);
              message.textContent = '';
              set(parsed);
            } catch (e) {
              message.textContent = 'Not valid JSON yet: the last valid value is kept';
            }
          },
        }));
        return holder;
      }
    }
  }

  // --- events and actions ---------------------------------------------------------------------------

  eventsSection(component, events) {
    const section = el('section', { className: 'inspector-section' }, el('h3', {}, 'Events'));
    section.append(problemList(this.problems(component.id, field => field.startsWith('events'))));
    for (const event of events) {
      const handler = (component.events || []).find(entry => entry.event === event);
      const group = el('div', { className: 'event', attrs: { 'data-event': event } }, el('h4', {}, 'On ' + event));
      (handler ? handler.actions : []).forEach((action, index) => group.append(this.actionEditor(component, event, action, index)));
      const add = el('select', { attrs: { 'aria-label': 'Add an action on ' + event } });
      add.append(el('option', { attrs: { value: '' } }, 'Add an action…'));
      Object.entries(ACTION_TYPES).forEach(([type, text]) => add.append(el('option', { attrs: { value: type } }, text)));
      add.addEventListener('change', () => {
        if (!add.value) return;
        const action = this.newAction(add.value);
        this.editActions(component.id, event, actions => actions.push(action), true);
      });
      group.append(add);
      section.append(group);
    }
    return section;
  }

  editActions(id, event, mutate, redraw, coalesce) {
    this.change('Actions of ' + id + ' on ' + event, draft => {
      const target = findComponent(draft, id);
      let handler = target.events.find(entry => entry.event === event);
      if (!handler) {
        handler = { event, actions: [] };
        target.events.push(handler);
      }
      mutate(handler.actions);
      if (!handler.actions.length) target.events.splice(target.events.indexOf(handler), 1);
    }, coalesce, redraw);
  }

  newAction(type) {
    const document = this.store.document;
    const first = list => (list.length ? list[0] : '');
    const components = allComponents(document).map(entry => entry.component);
    switch (type) {
      case 'runQuery': return { type, query: first(this.editor.queries.list().map(query => query.name)) };
      case 'setState': return { type, name: first((document.state || []).map(variable => variable.name)), value: '{{ event }}' };
      case 'setComponent': {
        const target = components[0];
        const properties = target ? Object.keys(this.propertiesOf(target)) : [];
        return { type, id: target ? target.id : '', property: first(properties), value: '' };
      }
      case 'openPage': return { type, page: first(document.pages.map(page => page.id)) };
      case 'openUrl': return { type, url: 'https://', newTab: true };
      case 'notify': return { type, message: 'Done', kind: 'info' };
      case 'openModal':
      case 'closeModal': return { type, id: first(components.filter(c => c.type === 'modal').map(c => c.id)) };
      default: return { type, event: '' };
    }
  }

  propertiesOf(component) {
    const definition = this.editor.catalog.types[component.type];
    return definition ? { ...(this.editor.catalog.common || {}).properties, ...definition.properties } : {};
  }

  actionEditor(component, event, action, index) {
    const box = el('div', { className: 'action', attrs: { 'data-action': action.type } });
    box.append(el('span', { className: 'field-label' }, (index + 1) + '. ' + (ACTION_TYPES[action.type] || action.type)));
    const update = (key, value, redraw) => this.editActions(component.id, event, actions => {
      actions[index] = { ...actions[index], [key]: value };
    }, redraw, redraw ? null : 'action:' + component.id + ':' + event + ':' + index + ':' + key);
    const picker = (key, label, options) => {
      const select = el('select', { attrs: { 'aria-label': label } });
      if (!options.includes(action[key])) select.append(el('option', { attrs: { value: action[key] || '' } }, action[key] || '(choose)'));
      options.forEach(option => select.append(el('option', { attrs: { value: option } }, option)));
      select.value = action[key] || '';
      select.addEventListener('change', () => update(key, select.value, true));
      box.append(el('label', { className: 'field' }, label, select));
    };
    const expression = (key, label) => {
      const holder = el('div', { className: 'field' }, el('span', { className: 'field-label' }, label));
      this.fields.push(codeField(holder, {
        value: action[key] === undefined || action[key] === null ? '' : String(action[key]), language: 'expression',
        names: () => [...this.editor.names(), { label: 'event', detail: 'the event\'s payload' }], singleLine: true, label,
        onChange: text => update(key, text, false),
      }));
      box.append(holder);
    };
    const document = this.store.document;
    const components = allComponents(document).map(entry => entry.component);
    switch (action.type) {
      case 'runQuery':
        picker('query', 'Query', this.editor.queries.list().map(query => query.name));
        break;
      case 'setState':
        picker('name', 'State variable', (document.state || []).map(variable => variable.name));
        expression('value', 'Value');
        break;
      case 'setComponent': {
        picker('id', 'Component', components.map(c => c.id));
        const target = components.find(c => c.id === action.id);
        picker('property', 'Property', target ? Object.keys(this.propertiesOf(target)) : []);
        expression('value', 'Value');
        break;
      }
      case 'openPage':
        picker('page', 'Page', document.pages.map(page => page.id));
        break;
      case 'openUrl': {
        expression('url', 'Address');
        const newTab = el('input', { attrs: { type: 'checkbox' } });
        newTab.checked = action.newTab === true;
        newTab.addEventListener('change', () => update('newTab', newTab.checked, false));
        box.append(el('label', { className: 'check' }, newTab, 'In a new tab'));
        break;
      }
      case 'notify':
        expression('message', 'Message');
        picker('kind', 'Kind', KINDS);
        break;
      case 'openModal':
      case 'closeModal':
        picker('id', 'Modal', components.filter(c => c.type === 'modal').map(c => c.id));
        break;
      default: {
        const input = el('input', { attrs: { type: 'text', 'aria-label': 'Module event' } });
        input.value = action.event || '';
        input.addEventListener('input', () => update('event', input.value, false));
        box.append(el('label', { className: 'field' }, 'Module event', input));
      }
    }
    const row = el('div', { className: 'row' });
    if (index > 0) {
      row.append(button('Up', () => this.editActions(component.id, event, actions => {
        actions.splice(index - 1, 0, actions.splice(index, 1)[0]);
      }, true), 'secondary small'));
    }
    row.append(button('Remove', () => this.editActions(component.id, event, actions => actions.splice(index, 1), true), 'secondary small'));
    box.append(row);
    return box;
  }

  // --- the app ----------------------------------------------------------------------------------------

  renderApp() {
    const document = this.store.document;
    this.element.append(el('h2', {}, 'App settings'));
    this.element.append(el('p', { className: 'aside' }, 'Select a component on the canvas to edit it.'));
    this.element.append(problemList(this.problems(null, field => !field.startsWith('queries')
      && !field.startsWith('transformers') && !field.startsWith('state'))));
    const pages = el('section', { className: 'inspector-section' }, el('h3', {}, 'Pages'));
    const shown = this.editor.page.get();
    document.pages.forEach((page, index) => pages.append(this.pageEditor(page, index, page.id === shown)));
    pages.append(button('Add page', () => {
      const id = uniqueName(document, 'page', this.editor.queries.list().map(query => query.name));
      this.change('Add page ' + id, draft => { draft.pages.push({ id, title: 'Page ' + (draft.pages.length + 1), components: [] }); }, null, true);
      this.editor.page.set(id);
    }, 'secondary'));
    this.element.append(pages);

    const theme = el('select', { attrs: { id: 'app-theme' } });
    theme.append(el('option', { attrs: { value: '' } }, 'Space default'));
    (this.themes || []).forEach(entry => theme.append(el('option', { attrs: { value: entry.id } },
      entry.name + (entry.default ? ' (space default)' : ''))));
    const chosen = (document.settings || {}).theme;
    if (chosen && !(this.themes || []).some(entry => entry.id === chosen)) theme.append(el('option', { attrs: { value: chosen } }, chosen));
    theme.value = chosen || '';
    theme.addEventListener('change', () => this.change('Theme', draft => {
      draft.settings = { ...(draft.settings || {}), theme: theme.value || null };
    }));
    this.element.append(el('section', { className: 'inspector-section' }, el('h3', {}, 'Theme'),
      el('label', { className: 'field' }, 'Theme', theme)));
  }

  pageEditor(page, index, shown) {
    const box = el('div', { className: 'page-entry' + (shown ? ' shown' : ''), attrs: { 'data-page': page.id } });
    const title = el('input', { attrs: { type: 'text', 'aria-label': 'Title of page ' + page.id } });
    title.value = page.title || '';
    title.addEventListener('input', () => this.change('Title of ' + page.id, draft => { draft.pages[index].title = title.value; }, 'page-title:' + page.id));
    const id = el('input', { attrs: { type: 'text', 'aria-label': 'Id of page ' + page.id, spellcheck: 'false' } });
    id.value = page.id;
    const message = el('span', { className: 'field-error', attrs: { role: 'alert' } });
    id.addEventListener('change', () => {
      const next = id.value.trim();
      if (next === page.id) return;
      const taken = takenNames(this.store.document, this.editor.queries.list().map(query => query.name));
      message.textContent = !isValidName(next) ? 'Letters, digits and _ only, not starting with a digit'
        : taken.has(next) ? '"' + next + '" is already a name in this app' : '';
      if (message.textContent) return;
      this.change('Rename page ' + page.id, draft => { draft.pages[index].id = next; }, null, true);
      if (shown) this.editor.page.set(next);
    });
    const show = button(shown ? 'Shown' : 'Show', () => this.editor.page.set(page.id), 'secondary small');
    show.setAttribute('aria-pressed', String(shown));
    const row = el('div', { className: 'row' }, show);
    if (this.store.document.pages.length > 1) {
      row.append(button('Remove', () => {
        const count = allComponents({ pages: [page] }).length;
        if (count && !window.confirm('Remove the page "' + (page.title || page.id) + '" and its ' + count + ' components?')) return;
        this.change('Remove page ' + page.id, draft => { draft.pages.splice(index, 1); }, null, true);
        if (shown) this.editor.page.set(this.store.document.pages[0].id);
      }, 'secondary small'));
    }
    box.append(el('label', { className: 'field' }, 'Title', title), el('label', { className: 'field' }, 'Id', id), message, row);
    return box;
  }
}

// An unset text property shows its default, which is what the app shows.
function shownExpression(value, declared) {
  if (value === undefined || value === null) return typeof declared.default === 'string' ? declared.default : '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function tabNames(tabs, catalog) {
  const names = tabs.properties.tabs;
  if (Array.isArray(names)) return names.map(String);
  return catalog.types.tabs.properties.tabs.default;
}

function problemList(problems) {
  const list = el('ul', { className: 'problems', attrs: { role: 'alert' } });
  list.hidden = problems.length === 0;
  problems.forEach(problem => list.append(el('li', {}, (problem.field ? problem.field + ': ' : '') + problem.message)));
  return list;
}

function el(tag, { className, attrs } = {}, ...children) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  Object.entries(attrs || {}).forEach(([name, value]) => element.setAttribute(name, value));
  children.forEach(child => element.append(child));
  return element;
}

function button(text, onClick, className) {
  const element = el('button', { className: className || '', attrs: { type: 'button' } }, text);
  element.addEventListener('click', onClick);
  return element;
}
