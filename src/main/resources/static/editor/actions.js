// The one editor of a list of actions (docs/app-document.md "Actions", T-AP4): a component's event
// handler in the inspector, a query's onSuccess/onFailure in the Queries panel. Add an action of
// any type, edit its fields with pickers of what the document and the server hold (queries, state
// variables, components and their catalog properties, pages, modals, a module's declared events),
// move it up or down, remove it. Each change is one undo step; typing in a field coalesces.

import { codeField } from './code-field.js';
import { allComponents } from './document.js';
import { button, el } from './dom.js';

const ACTION_TYPES = {
  runQuery: 'Run a query', setState: 'Set a state variable', setComponent: 'Set a component property',
  openPage: 'Open a page', openUrl: 'Open a web address', notify: 'Show a notification', openModal: 'Open a modal',
  closeModal: 'Close a modal', moduleEvent: 'Send a module event',
};
const KINDS = ['info', 'success', 'warning', 'error'];

/**
 * An editor of one list of actions, built from `actionsOf()` (the list as the store holds it, or
 * undefined). `apply(label, mutate, coalesce)` changes that list in the document through the store
 * (`mutate` gets the draft's list; the owner creates or drops the list around it) without the
 * owner redrawing: this editor redraws itself after a change of shape. `title` names the list in
 * undo labels, `addLabel` is the name of the select that adds an action, `key` tells the list
 * from all others (typing coalesces per list, action and field), `eventDetail` says what `event`
 * holds in its expressions. Returns `{element, render(), refresh(), destroy()}`.
 */
export function actionList(editor, { title, addLabel, key, eventDetail, actionsOf, apply }) {
  const element = el('div', { className: 'action-list' });
  let fields = [];
  const destroyFields = () => {
    fields.forEach(field => field.destroy());
    fields = [];
  };
  const change = (label, mutate, coalesce) => {
    apply(label, mutate, coalesce);
    if (!coalesce) render();
  };

  function render() {
    const focus = focusedControl();
    destroyFields();
    element.replaceChildren();
    const actions = actionsOf() || [];
    actions.forEach((action, index) => element.append(actionEditor(action, index, actions.length)));
    const add = el('select', { attrs: { 'aria-label': addLabel } });
    add.append(el('option', { attrs: { value: '' } }, 'Add an action…'));
    Object.entries(ACTION_TYPES).filter(([type]) => type !== 'moduleEvent' || editor.store.document.module)
      .forEach(([type, text]) => add.append(el('option', { attrs: { value: type } }, text)));
    add.addEventListener('change', () => {
      if (!add.value) return;
      const action = newAction(editor, add.value);
      change('Add an action to ' + title, list => list.push(action));
    });
    element.append(add);
    // The fields were made before their action joined the page: CodeMirror measures them now.
    fields.forEach(field => field.refresh());
    if (focus) refocus(focus);
  }

  // A picker's choice redraws the list: the keyboard stays on the control of that name in that place.
  function focusedControl() {
    const active = window.document.activeElement;
    if (!active || !element.contains(active) || !active.matches('select, input, button')) return null;
    return { at: [...element.children].indexOf(active.closest('.action') || active), name: controlName(active) };
  }

  function refocus({ at, name }) {
    const place = element.children[Math.min(at, element.children.length - 1)];
    const controls = place.matches('select') ? [place] : [...place.querySelectorAll('select, input, button')];
    const control = controls.find(candidate => controlName(candidate) === name) || element.lastElementChild;
    control.focus();
  }

  function actionEditor(action, index, count) {
    const name = ACTION_TYPES[action.type] || action.type;
    const box = el('div', { className: 'action', attrs: { 'data-action': action.type } });
    box.append(el('span', { className: 'field-label' }, (index + 1) + '. ' + name));
    const set = (field, value, coalesce) => change('Change an action of ' + title, list => {
      list[index] = { ...list[index], [field]: value };
    }, coalesce ? 'action:' + key + ':' + index + ':' + field : null);
    const picker = (field, label, options) => {
      const select = el('select', { attrs: { 'aria-label': label } });
      // A name the document no longer has stays visible, so the builder sees what to fix.
      if (!options.includes(action[field])) select.append(el('option', { attrs: { value: action[field] || '' } }, action[field] || '(choose)'));
      options.forEach(option => select.append(el('option', { attrs: { value: option } }, option)));
      select.value = action[field] || '';
      select.addEventListener('change', () => set(field, select.value, false));
      box.append(el('label', { className: 'field' }, label, select));
    };
    const expression = (field, label) => {
      const holder = el('div', { className: 'field' }, el('span', { className: 'field-label' }, label));
      fields.push(codeField(holder, {
        value: action[field] === undefined || action[field] === null ? '' : String(action[field]), language: 'expression',
        names: () => [...editor.names(), { label: 'event', detail: eventDetail }], singleLine: true, label,
        onChange: text => set(field, text, true),
      }));
      box.append(holder);
    };
    const document = editor.store.document;
    const components = allComponents(document).map(entry => entry.component);
    switch (action.type) {
      case 'runQuery':
        picker('query', 'Query', queryNames(editor));
        break;
      case 'setState':
        picker('name', 'State variable', stateNames(document));
        expression('value', 'Value');
        break;
      case 'setComponent': {
        picker('id', 'Component', components.map(c => c.id));
        const target = components.find(c => c.id === action.id);
        picker('property', 'Property', target ? propertyNames(editor, target) : []);
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
        newTab.addEventListener('change', () => set('newTab', newTab.checked, false));
        box.append(el('label', { className: 'check' }, newTab, 'In a new tab'));
        break;
      }
      case 'notify':
        expression('message', 'Message');
        picker('kind', 'Kind', KINDS);
        break;
      case 'openModal':
      case 'closeModal':
        picker('id', 'Modal', modalIds(components));
        break;
      default:
        picker('event', 'Module event', moduleEventNames(document));
    }
    const row = el('div', { className: 'row' });
    const move = (to, text) => row.append(button(text, () => change('Move an action of ' + title, list => {
      list.splice(to, 0, list.splice(index, 1)[0]);
    }), 'secondary small'));
    if (index > 0) move(index - 1, 'Up');
    if (index < count - 1) move(index + 1, 'Down');
    row.append(button('Remove', () => change('Remove an action of ' + title, list => list.splice(index, 1)), 'secondary small'));
    box.append(row);
    return box;
  }

  return {
    element, render,
    refresh: () => fields.forEach(field => field.refresh()),
    destroy: destroyFields,
  };
}

function controlName(control) {
  return control.getAttribute('aria-label') || control.textContent;
}

/** A new action of `type`, filled with the first of each of its choices. */
function newAction(editor, type) {
  const document = editor.store.document;
  const first = list => (list.length ? list[0] : '');
  const components = allComponents(document).map(entry => entry.component);
  switch (type) {
    case 'runQuery': return { type, query: first(queryNames(editor)) };
    case 'setState': return { type, name: first(stateNames(document)), value: '{{ event }}' };
    case 'setComponent': {
      const target = components[0];
      return { type, id: target ? target.id : '', property: first(target ? propertyNames(editor, target) : []), value: '' };
    }
    case 'openPage': return { type, page: first(document.pages.map(page => page.id)) };
    case 'openUrl': return { type, url: 'https://', newTab: true };
    case 'notify': return { type, message: 'Done', kind: 'info' };
    case 'openModal':
    case 'closeModal': return { type, id: first(modalIds(components)) };
    default: return { type, event: first(moduleEventNames(document)) };
  }
}

function queryNames(editor) {
  return editor.queries.list().map(query => query.name);
}

function stateNames(document) {
  return (document.state || []).map(variable => variable.name);
}

function propertyNames(editor, component) {
  const definition = editor.catalog.types[component.type];
  return definition ? Object.keys({ ...(editor.catalog.common || {}).properties, ...definition.properties }) : [];
}

function modalIds(components) {
  return components.filter(c => c.type === 'modal').map(c => c.id);
}

function moduleEventNames(document) {
  return ((document.module || {}).events || []).map(event => event.name);
}
