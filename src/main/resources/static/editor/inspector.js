// The inspector (T-AP4): the selected component's id, parent, layout, every catalog property (a
// literal field fitting its type, or an expression field) and its events' actions; with nothing
// selected, the app's settings (pages, theme; a module's declaration, T-M1). A module component
// gets a module and version picker, one field per declared input and the module's events. Problems
// of a refused save show at their field.

import { actionList } from './actions.js';
import { codeField } from './code-field.js';
import {
  allComponents, findComponent, freeSpot, isValidName, moduleInputs, removeComponent, takenNames, uniqueName,
} from './document.js';
import { button, el } from './dom.js';

const INPUT_TYPES = ['string', 'number', 'boolean', 'object', 'array', 'any'];
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
    // A module's declaration or releases arrived: its inputs, events and versions can be shown.
    editor.modules.subscribe(() => this.renderIfModule());
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

  renderIfModule() {
    const component = this.store.selected ? findComponent(this.store.document, this.store.selected) : null;
    if (component && component.type === 'module') this.render();
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
    const isModule = component.type === 'module';
    // A module component's own properties are the module section's pickers and input fields.
    const properties = isModule ? { ...(this.editor.catalog.common || {}).properties }
      : { ...(this.editor.catalog.common || {}).properties, ...definition.properties };
    if (isModule) this.element.append(this.moduleSection(component));
    const section = el('section', { className: 'inspector-section' });
    section.append(el('h3', {}, 'Properties'));
    for (const [name, declared] of Object.entries(properties)) section.append(this.propertyField(component, name, declared));
    this.element.append(section);
    const declaration = isModule ? this.declarationOf(component) : null;
    // A module component also lists handlers of events its module no longer declares, to remove them.
    const events = isModule
      ? [...new Set([...(declaration ? declaration.events.map(event => event.name) : []), ...component.events.map(entry => entry.event)])]
      : definition.events || [];
    if (events.length) this.element.append(this.eventsSection(component, events));
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

  // --- a module component (T-M1) -------------------------------------------------------------------

  declarationOf(component) {
    return this.editor.modules.declaration(component.properties.module, component.properties.version);
  }

  setModuleProperty(component, label, mutate) {
    this.change(label + ' of ' + component.id, draft => {
      const target = findComponent(draft, component.id);
      target.properties = { module: null, version: null, inputs: {}, ...target.properties };
      mutate(target);
    }, null, true);
  }

  moduleSection(component) {
    const { modules } = this.editor;
    const chosen = component.properties.module || '';
    const section = el('section', { className: 'inspector-section module-settings' }, el('h3', {}, 'Module'));
    section.append(problemList(this.problems(component.id, field => field === 'properties/module' || field === 'properties/inputs')));

    const picker = el('select', { attrs: { 'aria-label': 'Module' } });
    picker.append(el('option', { attrs: { value: '' } }, '(choose a module)'));
    modules.list().forEach(entry => picker.append(el('option', { attrs: { value: entry.id } }, entry.name)));
    if (chosen && !modules.find(chosen)) picker.append(el('option', { attrs: { value: chosen } }, 'A module you may not use'));
    picker.value = chosen;
    picker.addEventListener('change', () => this.setModuleProperty(component, 'Module', target => {
      // Another module declares other inputs and events: what was bound to the old one goes.
      target.properties.module = picker.value || null;
      target.properties.version = null;
      target.properties.inputs = {};
      target.events = [];
    }));
    section.append(el('label', { className: 'field' }, 'Module', picker,
      el('span', { className: 'aside' }, 'Choosing another module clears the inputs and event actions (Undo brings them back).')));
    if (chosen && modules.mayEdit(chosen)) {
      section.append(el('p', { className: 'aside' }, el('a', { attrs: { href: '/apps/' + encodeURIComponent(chosen) + '/edit',
        target: '_blank', rel: 'noopener' } }, 'Edit this module')));
    }
    if (chosen) section.append(this.versionField(component));
    if (chosen) section.append(this.moduleInputsFields(component));
    return section;
  }

  versionField(component) {
    const { module, version } = component.properties;
    const select = el('select', { attrs: { 'aria-label': 'Version' } });
    select.append(el('option', { attrs: { value: '' } }, 'Follow the module\'s live version'));
    if (version) select.append(el('option', { attrs: { value: version } }, version));
    select.value = version || '';
    const note = el('span', { className: 'aside' });
    const wrap = el('label', { className: 'field', attrs: { 'data-property': 'version' } }, 'Version', select, note);
    if (this.editor.modules.mayEdit(module)) {
      note.textContent = 'Pin a release to keep this app on it while the module changes.';
      this.editor.modules.releases(module).then(releases => {
        if (!releases) return;
        const current = select.value;
        select.replaceChildren(el('option', { attrs: { value: '' } }, 'Follow the module\'s live version'));
        releases.forEach(release => select.append(el('option', { attrs: { value: release.version } },
          release.version + (release.live ? ' (live)' : ''))));
        if (current && !releases.some(release => release.version === current)) {
          select.append(el('option', { attrs: { value: current } }, current));
        }
        select.value = current;
        if (!releases.length) note.textContent = 'The module has no releases yet: it follows its draft until its first release.';
      });
    } else {
      note.textContent = version ? 'Pinned to ' + version + '. Only the module\'s editors can list its other releases.'
        : 'Only the module\'s editors can list its releases to pin one.';
    }
    select.addEventListener('change', () => this.setModuleProperty(component, 'Version', target => {
      target.properties.version = select.value || null;
    }));
    this.problems(component.id, field => field === 'properties/version').forEach(problem => {
      wrap.append(el('span', { className: 'field-error', attrs: { role: 'alert' } }, problem.message));
    });
    return wrap;
  }

  moduleInputsFields(component) {
    const box = el('div', { className: 'module-inputs' }, el('h4', {}, 'Inputs'));
    const declaration = this.declarationOf(component);
    if (declaration === undefined) {
      box.append(el('p', { className: 'aside' }, 'Reading what the module declares…'));
      return box;
    }
    if (declaration === null) {
      box.append(el('p', { className: 'aside' }, 'What this module declares cannot be read (no access, or no such release).'));
      return box;
    }
    const bound = component.properties.inputs && typeof component.properties.inputs === 'object' ? component.properties.inputs : {};
    if (!declaration.inputs.length) box.append(el('p', { className: 'aside' }, 'This module declares no inputs.'));
    declaration.inputs.forEach(input => box.append(this.moduleInputField(component, input, bound[input.name])));
    Object.keys(bound).filter(name => !declaration.inputs.some(input => input.name === name)).forEach(name => {
      const stale = el('div', { className: 'field property invalid', attrs: { 'data-property': 'inputs/' + name } },
        el('span', { className: 'field-label' }, name),
        el('span', { className: 'field-error', attrs: { role: 'alert' } }, 'The module does not declare this input.'),
        button('Remove', () => this.setModuleProperty(component, 'Input ' + name, target => {
          delete target.properties.inputs[name];
        }), 'secondary small'));
      box.append(stale);
    });
    if (declaration.outputs.length) {
      box.append(el('p', { className: 'aside' }, 'Outputs: ' + declaration.outputs.map(output => component.id + '.' + output.name).join(', ')));
    }
    return box;
  }

  // An input's field takes a {{ }} expression or a literal of the input's type; empty: the default.
  moduleInputField(component, input, value) {
    const wrap = el('div', { className: 'field property', attrs: { 'data-property': 'inputs/' + input.name } });
    wrap.append(el('span', { className: 'field-label' }, input.name, ' ', el('span', { className: 'tag' }, input.type)));
    const holder = el('div', { className: 'field-input' });
    const message = el('span', { className: 'field-error', attrs: { role: 'alert' } });
    wrap.append(holder, message);
    const set = next => this.change('Input ' + input.name + ' of ' + component.id, draft => {
      const target = findComponent(draft, component.id);
      const inputs = { ...(target.properties.inputs || {}) };
      if (next === undefined) delete inputs[input.name];
      else inputs[input.name] = next;
      target.properties = { ...target.properties, inputs };
    }, 'module-input:' + component.id + ':' + input.name);
    this.fields.push(codeField(holder, {
      value: value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value),
      language: 'expression', names: this.editor.names, singleLine: true, label: 'Input ' + input.name,
      placeholder: input.default === null || input.default === undefined ? 'No default' : 'Default: ' + JSON.stringify(input.default),
      onChange: text => {
        const parsed = inputLiteral(text, input.type);
        message.textContent = parsed.problem || '';
        if (!parsed.problem) set(parsed.value);
      },
    }));
    this.problems(component.id, field => field === 'properties/inputs/' + input.name).forEach(problem => {
      wrap.classList.add('invalid');
      wrap.append(el('span', { className: 'field-error', attrs: { role: 'alert' } }, problem.message));
    });
    return wrap;
  }

  // --- events and actions ---------------------------------------------------------------------------

  eventsSection(component, events) {
    const section = el('section', { className: 'inspector-section' }, el('h3', {}, 'Events'));
    section.append(problemList(this.problems(component.id, field => field.startsWith('events'))));
    const id = component.id;
    for (const event of events) {
      const list = actionList(this.editor, {
        title: 'On ' + event, addLabel: 'Add an action on ' + event, key: id + ':' + event, eventDetail: 'the event\'s payload',
        actionsOf: () => {
          const handler = (findComponent(this.store.document, id).events || []).find(entry => entry.event === event);
          return handler && handler.actions;
        },
        apply: (label, mutate, coalesce) => this.change(label + ' of ' + id, draft => {
          const target = findComponent(draft, id);
          target.events = target.events || [];
          let handler = target.events.find(entry => entry.event === event);
          if (!handler) {
            handler = { event, actions: [] };
            target.events.push(handler);
          }
          mutate(handler.actions);
          if (!handler.actions.length) target.events.splice(target.events.indexOf(handler), 1);
        }, coalesce),
      });
      list.render();
      this.fields.push(list);
      section.append(el('div', { className: 'event', attrs: { 'data-event': event } }, el('h4', {}, 'On ' + event), list.element));
    }
    return section;
  }

  // --- the app ----------------------------------------------------------------------------------------

  renderApp() {
    const document = this.store.document;
    this.element.append(el('h2', {}, 'App settings'));
    this.element.append(el('p', { className: 'aside' }, 'Select a component on the canvas to edit it.'));
    this.element.append(problemList(this.problems(null, field => !field.startsWith('queries')
      && !field.startsWith('transformers') && !field.startsWith('state') && !field.startsWith('module/'))));
    if (document.module) this.element.append(this.declarationSection(document.module));
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

  // --- a module's declaration (T-M1) ---------------------------------------------------------------

  declarationSection(module) {
    const section = el('section', { className: 'inspector-section module-declaration' }, el('h3', {}, 'Module declaration'),
      el('p', { className: 'aside' }, 'What apps embedding this module bind (inputs), read (outputs) and handle (events).'));
    const part = (kind, title, entries, editor, added) => {
      const box = el('div', { className: 'declaration-part', attrs: { 'data-declaration': kind } }, el('h4', {}, title));
      entries.forEach((entry, index) => box.append(editor(entry, index)));
      box.append(button('Add ' + kind.slice(0, -1), () => {
        const entry = added();
        this.change('Add ' + kind.slice(0, -1) + ' ' + entry.name, draft => { draft.module[kind].push(entry); }, null, true);
      }, 'secondary small'));
      return box;
    };
    const queryNames = () => this.editor.queries.list().map(query => query.name);
    section.append(part('inputs', 'Inputs', module.inputs, (input, index) => this.declaredInput(input, index),
      () => ({ name: uniqueName(this.store.document, 'input', queryNames()), type: 'string', default: null })));
    section.append(part('outputs', 'Outputs', module.outputs, (output, index) => this.declaredOutput(output, index),
      () => ({ name: freeMemberName(module.outputs, 'output'), value: '' })));
    section.append(part('events', 'Events', module.events, (event, index) => this.declaredEvent(event, index),
      () => ({ name: freeMemberName(module.events, 'event') })));
    return section;
  }

  /** One entry of the declaration: its fields, a Remove button and the save's problems below it. */
  declarationEntry(kind, index, ...fields) {
    const box = el('div', { className: 'declaration-entry', attrs: { 'data-index': String(index) } }, ...fields);
    const row = el('div', { className: 'row' }, button('Remove', () => this.change('Remove ' + kind + ' ' + (index + 1),
      draft => { draft.module[kind].splice(index, 1); }, null, true), 'secondary small'));
    box.append(row);
    const pointer = 'module/' + kind + '/' + index;
    this.problems(null, field => field === pointer || field.startsWith(pointer + '/')).forEach(problem => {
      box.classList.add('invalid');
      const at = problem.field.slice(pointer.length + 1);
      box.append(el('span', { className: 'field-error', attrs: { role: 'alert' } }, (at ? at + ': ' : '') + problem.message));
    });
    return box;
  }

  /** A name field applied while typing when `problemOf(name)` finds nothing wrong with it. */
  declaredName(kind, index, name, problemOf) {
    const input = el('input', { attrs: { type: 'text', spellcheck: 'false', 'aria-label': 'Name of ' + kind.slice(0, -1) + ' ' + (index + 1) } });
    input.value = name;
    const message = el('span', { className: 'field-error', attrs: { role: 'alert' } });
    input.addEventListener('input', () => {
      const next = input.value.trim();
      const problem = !isValidName(next) ? 'Letters, digits and _ only, not starting with a digit (at most 64)' : problemOf(next);
      message.textContent = problem || '';
      input.setAttribute('aria-invalid', String(Boolean(problem)));
      if (problem) return;
      this.change('Rename ' + kind.slice(0, -1) + ' ' + (index + 1), draft => { draft.module[kind][index].name = next; },
        'declaration-name:' + kind + ':' + index);
    });
    return el('label', { className: 'field' }, 'Name', input, message);
  }

  declaredInput(input, index) {
    const name = this.declaredName('inputs', index, input.name, next => {
      const own = moduleInputs(this.store.document)[index];
      const taken = takenNames(this.store.document, this.editor.queries.list().map(query => query.name));
      return next !== (own && own.name) && taken.has(next) ? '"' + next + '" is already a name in this module' : null;
    });
    const type = el('select', { attrs: { 'aria-label': 'Type of input ' + (index + 1) } });
    INPUT_TYPES.forEach(option => type.append(el('option', { attrs: { value: option } }, option)));
    type.value = input.type;
    type.addEventListener('change', () => this.change('Type of input ' + input.name, draft => {
      const target = draft.module.inputs[index];
      target.type = type.value;
      if (!fitsType(target.default, target.type)) target.default = null;
    }, null, true));
    return this.declarationEntry('inputs', index, name, el('label', { className: 'field' }, 'Type', type),
      this.declaredDefault(input, index));
  }

  declaredDefault(input, index) {
    const message = el('span', { className: 'field-error', attrs: { role: 'alert' } });
    const label = 'Default of input ' + (index + 1);
    const set = value => this.change('Default of input ' + input.name, draft => { draft.module.inputs[index].default = value; },
      'declaration-default:' + index);
    const wrap = el('div', { className: 'field' }, el('span', { className: 'field-label' }, 'Default'));
    if (input.type === 'boolean') {
      const select = el('select', { attrs: { 'aria-label': label } });
      [['', 'None (null)'], ['true', 'true'], ['false', 'false']].forEach(([value, text]) => select.append(el('option', { attrs: { value } }, text)));
      select.value = input.default === null ? '' : String(input.default);
      select.addEventListener('change', () => set(select.value === '' ? null : select.value === 'true'));
      wrap.append(select);
    } else if (input.type === 'string' || input.type === 'number') {
      const field = el('input', { attrs: { type: input.type === 'number' ? 'number' : 'text', step: 'any', 'aria-label': label,
        placeholder: 'None (null)' } });
      field.value = input.default === null ? '' : String(input.default);
      field.addEventListener('input', () => {
        if (field.value === '') {
          message.textContent = '';
          set(null);
        } else if (input.type === 'string') {
          set(field.value);
        } else {
          const number = Number(field.value);
          message.textContent = Number.isFinite(number) ? '' : 'Not a number';
          if (Number.isFinite(number)) set(number);
        }
      });
      wrap.append(field);
    } else {
      const holder = el('div');
      this.fields.push(codeField(holder, {
        value: input.default === null ? '' : JSON.stringify(input.default, null, 2), language: 'json', label,
        placeholder: 'None (null); JSON such as ' + (input.type === 'array' ? '[1, 2]' : '{"key": "value"}'),
        onChange: text => {
          if (text.trim() === '') {
            message.textContent = '';
            set(null);
            return;
          }
          try {
            const parsed = JSON.parse(text);
            const fits = fitsType(parsed, input.type);
            message.textContent = fits ? '' : 'Not a JSON ' + input.type;
            if (fits) set(parsed);
          } catch (e) {
            message.textContent = 'Not valid JSON yet: the last valid value is kept';
          }
        },
      }));
      wrap.append(holder);
    }
    wrap.append(message);
    return wrap;
  }

  declaredOutput(output, index) {
    const name = this.declaredName('outputs', index, output.name, next => (this.store.document.module.outputs
      .some((other, at) => at !== index && other.name === next) ? 'The module already has an output "' + next + '"' : null));
    const holder = el('div', { className: 'field' }, el('span', { className: 'field-label' }, 'Value'));
    this.fields.push(codeField(holder, {
      value: typeof output.value === 'string' ? output.value : JSON.stringify(output.value), language: 'expression',
      names: this.editor.names, singleLine: true, label: 'Value of output ' + (index + 1), placeholder: '{{ table1.selectedRow }}',
      onChange: text => this.change('Value of output ' + output.name, draft => { draft.module.outputs[index].value = text; },
        'declaration-output:' + index),
    }));
    return this.declarationEntry('outputs', index, name, holder);
  }

  declaredEvent(event, index) {
    const name = this.declaredName('events', index, event.name, next => (this.store.document.module.events
      .some((other, at) => at !== index && other.name === next) ? 'The module already has an event "' + next + '"' : null));
    return this.declarationEntry('events', index, name);
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

/** Whether a default fits an input's type, as the server checks it (null always does). */
function fitsType(value, type) {
  if (value === null || value === undefined || type === 'any') return true;
  if (type === 'array') return Array.isArray(value);
  if (type === 'object') return typeof value === 'object' && !Array.isArray(value);
  return typeof value === type;
}

/** `output1`, `output2`, ...: the first name no entry of the list has. */
function freeMemberName(entries, stem) {
  for (let n = 1; ; n++) {
    if (!entries.some(entry => entry.name === stem + n)) return stem + n;
  }
}

/**
 * What a module input's field holds: `{{ }}` text as it is, else a literal of the input's type
 * (`{value}`, undefined for an empty field: the input's default) or `{problem}`.
 */
function inputLiteral(text, type) {
  const trimmed = text.trim();
  if (trimmed === '') return { value: undefined };
  if (text.includes('{{') || type === 'string') return { value: text };
  if (type === 'number') {
    const number = Number(trimmed);
    return Number.isFinite(number) ? { value: number } : { problem: 'Not a number: type one, or an expression in {{ }}' };
  }
  if (type === 'boolean') {
    if (trimmed === 'true' || trimmed === 'false') return { value: trimmed === 'true' };
    return { problem: 'true or false, or an expression in {{ }}' };
  }
  try {
    const parsed = JSON.parse(trimmed);
    if (type === 'array' && !Array.isArray(parsed)) return { problem: 'Not a JSON array: [ … ], or an expression in {{ }}' };
    if (type === 'object' && (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))) {
      return { problem: 'Not a JSON object: { … }, or an expression in {{ }}' };
    }
    return { value: parsed };
  } catch (e) {
    // `any` takes plain text as text; an object or array must be JSON.
    return type === 'any' ? { value: text } : { problem: 'Not valid JSON yet: the last valid value is kept' };
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
