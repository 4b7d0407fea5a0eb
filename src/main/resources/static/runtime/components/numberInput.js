import { createField, registerField, el } from './support.js';

function toNumber(text) {
  if (text === '') return null;
  const number = Number(text);
  return Number.isFinite(number) ? number : NaN;
}

export default {
  create(host) {
    const input = el('input', { className: 'ty-input', attrs: { type: 'number', inputmode: 'decimal' } });
    const field = createField(host, 'ty-number-input', input);
    let props = null;
    let initial = null;
    let formDisabled = false;
    let published = null;

    function current() {
      // A partly typed number ("1e", "-") reads as empty in the DOM but is not a value.
      if (input.value === '' && input.validity && input.validity.badInput) return NaN;
      return toNumber(input.value);
    }

    function validity() {
      const value = current();
      if (Number.isNaN(value)) return 'Not a number';
      if (value === null) return props.required ? 'Required' : '';
      if (props.min !== null && props.min !== undefined && value < props.min) return 'At least ' + props.min;
      if (props.max !== null && props.max !== undefined && value > props.max) return 'At most ' + props.max;
      return '';
    }

    function outputValue() {
      const value = current();
      return Number.isNaN(value) ? null : value;
    }

    function publish() {
      const message = validity();
      field.setError(message);
      const outputs = { value: outputValue(), valid: message === '' };
      if (!published || published.value !== outputs.value || published.valid !== outputs.valid) {
        published = outputs;
        host.setOutputs(outputs);
        registration.notify();
      }
    }

    function show(value) {
      input.value = value === null || value === undefined || Number.isNaN(Number(value)) ? '' : String(value);
    }

    const registration = registerField(host, {
      value: outputValue,
      valid: () => validity() === '',
      reveal: () => field.touch(),
      focus: () => input.focus(),
      reset() {
        show(initial);
        field.untouch();
        publish();
      },
      setFormDisabled(disabled) {
        formDisabled = disabled;
        input.disabled = formDisabled || !!(props && props.disabled);
      }
    });

    input.addEventListener('input', publish);
    input.addEventListener('change', () => host.emit('change', { value: outputValue() }));

    return {
      update(next) {
        const previous = props;
        props = next;
        field.setLabel(next.label);
        field.setRequired(next.required);
        input.disabled = formDisabled || !!next.disabled;
        for (const name of ['min', 'max', 'step']) {
          if (next[name] === null || next[name] === undefined) input.removeAttribute(name);
          else input.setAttribute(name, String(next[name]));
        }
        if (!previous || previous.value !== next.value) {
          initial = next.value === undefined ? null : next.value;
          show(initial);
        }
        publish();
      },
      destroy() {
        registration.unregister();
        host.element.replaceChildren();
      }
    };
  }
};
