// Shared by the component modules (not a component type itself): DOM building that never parses
// markup, so values from queries and users are always text (no XSS through a component).

let nextId = 0;

/** A unique element id within the frame, for label/aria associations. */
export function uniqueId(prefix) {
  nextId += 1;
  return 'ty-' + prefix + '-' + nextId;
}

/** Creates an element with classes, attributes and text; never interprets HTML. */
export function el(tag, options, children) {
  const element = document.createElement(tag);
  const opts = options || {};
  if (opts.className) element.className = opts.className;
  if (opts.text !== undefined && opts.text !== null) element.textContent = String(opts.text);
  if (opts.attrs) {
    for (const name of Object.keys(opts.attrs)) {
      const value = opts.attrs[name];
      if (value !== null && value !== undefined && value !== false) element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children || []) {
    if (child) element.appendChild(child);
  }
  return element;
}

/** Text of any value as a person reads it: null/undefined are empty, objects are JSON. */
export function displayText(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    try {
      return JSON.stringify(value);
    } catch (e) {
      return String(value);
    }
  }
  return String(value);
}

/** Both the key and every value of a JSON-like value equal (outputs and props are JSON). */
export function sameValue(a, b) {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The frame around an input: label, control, and an error message tied to the control with
 * aria-describedby. Errors show once the user has left the field or a form asked to reveal them,
 * never while someone is still typing a first value. With `beside` (a check box) the label follows
 * the control on one line instead of standing above it.
 */
export function createField(host, className, control, beside) {
  const root = host.element;
  root.classList.add('ty-component', 'ty-field', className);
  const errorId = uniqueId('error');
  control.setAttribute('aria-describedby', errorId);
  const labelText = el('span', { className: beside ? 'ty-field-label ty-checkbox-label' : 'ty-field-label' });
  let label;
  if (beside) {
    label = el('label', { className: 'ty-checkbox-row' }, [control, labelText]);
  } else {
    control.id = uniqueId('control');
    label = el('label', { className: 'ty-field-label-row', attrs: { for: control.id } }, [labelText]);
  }
  const error = el('div', { className: 'ty-field-error', attrs: { id: errorId, 'aria-live': 'polite' } });
  root.replaceChildren(...(beside ? [label, error] : [label, control, error]));
  let touched = false;
  let message = '';
  const field = {
    setLabel(text) {
      labelText.textContent = text || '';
      if (!beside) label.hidden = !text;
      if (!text) control.setAttribute('aria-label', host.id || className);
      else control.removeAttribute('aria-label');
    },
    setRequired(required) {
      label.classList.toggle('ty-required', !!required);
      control.setAttribute('aria-required', required ? 'true' : 'false');
    },
    setError(text) {
      message = text || '';
      this.render();
    },
    touch() {
      touched = true;
      this.render();
    },
    untouch() {
      touched = false;
      this.render();
    },
    render() {
      const shown = touched && message !== '';
      error.textContent = shown ? message : '';
      control.setAttribute('aria-invalid', shown ? 'true' : 'false');
      root.classList.toggle('ty-invalid', shown);
    }
  };
  control.addEventListener('blur', () => field.touch());
  return field;
}

/**
 * Makes an input component a form field: the form finds fields under its body through the
 * `data-ty-field` attribute and talks to them through `element.tyField` (see docs/app-document.md,
 * "Forms"). `notify()` tells an enclosing form that the value or validity changed.
 */
function registerField(host, api) {
  const root = host.element;
  root.setAttribute('data-ty-field', host.id || '');
  root.tyField = Object.assign({ name: host.id }, api);
  return {
    notify() {
      root.dispatchEvent(new CustomEvent('ty-field-change', { bubbles: true }));
    },
    unregister() {
      root.removeAttribute('data-ty-field');
      delete root.tyField;
      root.dispatchEvent(new CustomEvent('ty-field-change', { bubbles: true }));
    }
  };
}

/**
 * What every input component does alike: its `value` property is the initial value (a new one
 * replaces what was typed), `disabled` is its own or its form's, outputs are published when they
 * change, and it is a form field. The type gives:
 * - `field`: the frame from createField (or the same interface);
 * - `control`: the element that takes focus and `disabled`;
 * - `read()`: the current value; `validate(props)`: an error message, '' when valid;
 * - `initial(value)`: the property value as the control shows it; `show(value)`: shows it;
 * - `outputs(value)` (optional): outputs besides value and valid;
 * - `configure(props, previous)` (optional): applies the type's own properties.
 */
export function inputBehaviour(host, spec) {
  let props = null;
  let initial = null;
  let formDisabled = false;
  let published = null;

  function applyDisabled() {
    spec.control.disabled = formDisabled || !!(props && props.disabled);
  }

  function publish() {
    const message = spec.validate(props);
    spec.field.setError(message);
    const value = spec.read();
    const outputs = Object.assign({ value }, spec.outputs ? spec.outputs(value) : {}, { valid: message === '' });
    if (!published || !sameValue(published, outputs)) {
      published = outputs;
      host.setOutputs(outputs);
      registration.notify();
    }
  }

  const registration = registerField(host, {
    value: () => spec.read(),
    valid: () => spec.validate(props) === '',
    reveal: () => spec.field.touch(),
    focus: () => spec.control.focus(),
    reset() {
      spec.show(initial);
      spec.field.untouch();
      publish();
    },
    setFormDisabled(disabled) {
      formDisabled = disabled;
      applyDisabled();
    }
  });

  return {
    publish,
    update(next) {
      const previous = props;
      props = next;
      spec.field.setLabel(next.label);
      spec.field.setRequired(next.required);
      applyDisabled();
      if (spec.configure) spec.configure(next, previous);
      if (!previous || !sameValue(previous.value, next.value)) {
        initial = spec.initial(next.value);
        spec.show(initial);
        // A value the app put there is not the user's mistake: say nothing until they touch it again.
        spec.field.untouch();
      }
      publish();
    },
    destroy() {
      registration.unregister();
      host.element.replaceChildren();
    }
  };
}

/** True when a value counts as empty for `required`. */
export function isEmpty(value) {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}
