// Reading and shaping an app document in the editor (the shape is docs/app-document.md). Functions
// here never change their arguments: the store hands them a private draft when they edit.

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const GRID_COLUMNS = 12;

/** Every component of the document, depth first in document order, as {component, page, parent}. */
export function allComponents(document) {
  const out = [];
  const visit = (components, page, parent) => (components || []).forEach(component => {
    out.push({ component, page: page.id, parent: parent ? parent.id : null });
    visit(component.children, page, component);
  });
  (document.pages || []).forEach(page => visit(page.components, page, null));
  return out;
}

export function findComponent(document, id) {
  const found = allComponents(document).find(entry => entry.component.id === id);
  return found ? found.component : null;
}

/** The list a component sits in (a page's components or a parent's children), for moving it. */
export function siblingsOf(document, id) {
  for (const page of document.pages || []) {
    const search = components => {
      if ((components || []).some(component => component.id === id)) return components;
      for (const component of components || []) {
        const found = search(component.children);
        if (found) return found;
      }
      return null;
    };
    const found = search(page.components);
    if (found) return found;
  }
  return null;
}

/** Removes a component (and what is inside it) from a draft; true if it was there. */
export function removeComponent(draft, id) {
  const siblings = siblingsOf(draft, id);
  if (!siblings) return false;
  siblings.splice(siblings.findIndex(component => component.id === id), 1);
  return true;
}

/**
 * The names taken in the document's one scope: components, pages, queries, transformers, state
 * and, in a module's document, its inputs.
 */
export function takenNames(document, queryNames = []) {
  const names = new Set(queryNames);
  moduleInputs(document).forEach(input => names.add(input.name));
  allComponents(document).forEach(entry => names.add(entry.component.id));
  (document.pages || []).forEach(page => names.add(page.id));
  (document.queries || []).forEach(query => names.add(query.name));
  (document.transformers || []).forEach(transformer => names.add(transformer.name));
  (document.state || []).forEach(variable => names.add(variable.name));
  return names;
}

/** `base1`, `base2`, ...: the first free name for a new component, state variable or transformer. */
export function uniqueName(document, base, queryNames = []) {
  const taken = takenNames(document, queryNames);
  const stem = NAME.test(base) ? base.replace(/[0-9]+$/, '') : 'item';
  for (let n = 1; ; n++) {
    if (!taken.has(stem + n)) return stem + n;
  }
}

export function isValidName(name) {
  return NAME.test(name);
}

/** The first place at the top-left where a w × h box overlaps none of `components`. */
export function freeSpot(components, w, h) {
  const boxes = (components || []).map(component => component.layout);
  for (let y = 0; ; y++) {
    for (let x = 0; x + w <= GRID_COLUMNS; x++) {
      const overlaps = boxes.some(box => x < box.x + box.w && box.x < x + w && y < box.y + box.h && box.y < y + h);
      if (!overlaps) return { x, y, w, h };
    }
  }
}

/** A module's declared inputs (T-M1); none in an app's document. */
export function moduleInputs(document) {
  return (document.module && document.module.inputs) || [];
}

/**
 * Names an expression may read, for autocomplete: `{label, detail}` for each top-level name and
 * each member the runtime defines (a component's outputs, a query's fields, current_user's fields).
 * `declarationOf(component)` gives an embedded module's declaration (`{outputs, ...}` or null), whose
 * outputs are the module component's; a module's own inputs are names in its scope.
 */
export function scopeEntries(document, catalog, queryNames = [], declarationOf = () => null) {
  const entries = [];
  const add = (label, detail) => entries.push({ label, detail });
  allComponents(document).forEach(({ component }) => {
    add(component.id, component.type);
    const type = catalog.types[component.type];
    (type ? type.outputs || [] : []).forEach(output => add(component.id + '.' + output, component.type + ' output'));
    const declaration = component.type === 'module' ? declarationOf(component) : null;
    (declaration ? declaration.outputs || [] : []).forEach(output => add(component.id + '.' + output.name, 'module output'));
  });
  moduleInputs(document).forEach(input => add(input.name, 'module input (' + input.type + ')'));
  const queries = new Set([...queryNames, ...(document.queries || []).map(query => query.name)]);
  queries.forEach(name => {
    add(name, 'query');
    ['data', 'isLoading', 'error', 'rowCount', 'truncated', 'columns'].forEach(field => add(name + '.' + field, 'query'));
  });
  (document.transformers || []).forEach(transformer => add(transformer.name, 'transformer'));
  (document.state || []).forEach(variable => add(variable.name, 'state'));
  add('current_user', 'signed-in user');
  ['id', 'email', 'firstName', 'lastName', 'fullName', 'groups', 'attributes', 'claims']
    .forEach(field => add('current_user.' + field, 'signed-in user'));
  add('url.params', 'query-string parameters');
  add('page.id', 'current page');
  add('theme', 'theme tokens');
  return entries;
}
