import { el } from './support.js';

// <details>/<summary> give a collapsible tree that the keyboard and screen readers already know.
// Children are built only when a node first opens, so a large value costs nothing until explored.
const PREVIEW_LIMIT = 100;

function kind(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function leaf(value) {
  const type = kind(value);
  const text = type === 'string' ? JSON.stringify(value) : type === 'undefined' ? 'undefined' : String(value);
  return el('span', { className: 'ty-json-value ty-json-' + type, text });
}

function keyLabel(key) {
  return key === null ? null : el('span', { className: 'ty-json-key', text: key + ': ' });
}

function node(key, value, depth, expandDepth) {
  const type = kind(value);
  if (type !== 'object' && type !== 'array') {
    return el('div', { className: 'ty-json-row' }, [keyLabel(key), leaf(value)]);
  }
  const entries = type === 'array' ? value.map((item, index) => [String(index), item]) : Object.entries(value);
  const summaryText = type === 'array' ? 'Array(' + entries.length + ')' : '{' + entries.length + (entries.length === 1 ? ' key}' : ' keys}');
  const summary = el('summary', { className: 'ty-json-summary' }, [keyLabel(key), el('span', { className: 'ty-json-type', text: summaryText })]);
  const details = el('details', { className: 'ty-json-node' }, [summary]);
  let built = false;
  function build() {
    if (built) return;
    built = true;
    const children = el('div', { className: 'ty-json-children' });
    entries.slice(0, PREVIEW_LIMIT).forEach(([childKey, childValue]) => children.appendChild(node(childKey, childValue, depth + 1, expandDepth)));
    if (entries.length > PREVIEW_LIMIT) {
      const more = el('button', { className: 'ty-json-more', text: 'Show ' + (entries.length - PREVIEW_LIMIT) + ' more', attrs: { type: 'button' } });
      more.addEventListener('click', () => {
        entries.slice(PREVIEW_LIMIT).forEach(([childKey, childValue]) => children.insertBefore(node(childKey, childValue, depth + 1, expandDepth), more));
        more.remove();
      });
      children.appendChild(more);
    }
    details.appendChild(children);
  }
  details.addEventListener('toggle', () => {
    if (details.open) build();
  });
  if (depth < expandDepth) {
    build();
    details.open = true;
  }
  return details;
}

export default {
  create(host) {
    const root = host.element;
    root.classList.add('ty-component', 'ty-json-view');
    const tree = el('div', { className: 'ty-json-tree', attrs: { role: 'group', 'aria-label': host.id || 'JSON' } });
    root.replaceChildren(tree);
    return {
      update(props) {
        const depth = props.expandDepth === null || props.expandDepth === undefined ? 1 : props.expandDepth;
        tree.replaceChildren(node(null, props.value === undefined ? null : props.value, 0, depth));
      },
      destroy() {
        root.replaceChildren();
      }
    };
  }
};
