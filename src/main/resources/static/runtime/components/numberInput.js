import { createField, inputBehaviour, el } from './support.js';

export default {
  create(host) {
    const input = el('input', { className: 'ty-input', attrs: { type: 'number', inputmode: 'decimal' } });
    const field = createField(host, 'ty-number-input', input);

    // NaN for what is not a number yet ("1e", "-"): the DOM reads it as empty, but it is no value.
    function current() {
      if (input.value === '') return input.validity && input.validity.badInput ? NaN : null;
      const number = Number(input.value);
      return Number.isFinite(number) ? number : NaN;
    }

    const behaviour = inputBehaviour(host, {
      field,
      control: input,
      read: () => {
        const value = current();
        return Number.isNaN(value) ? null : value;
      },
      validate(props) {
        const value = current();
        if (Number.isNaN(value)) return 'Not a number';
        if (value === null) return props.required ? 'Required' : '';
        if (props.min !== null && props.min !== undefined && value < props.min) return 'At least ' + props.min;
        if (props.max !== null && props.max !== undefined && value > props.max) return 'At most ' + props.max;
        return '';
      },
      initial: (value) => (value === null || value === undefined || !Number.isFinite(Number(value)) ? null : Number(value)),
      show: (value) => {
        input.value = value === null ? '' : String(value);
      },
      configure(props) {
        for (const name of ['min', 'max', 'step']) {
          if (props[name] === null || props[name] === undefined) input.removeAttribute(name);
          else input.setAttribute(name, String(props[name]));
        }
      }
    });

    input.addEventListener('input', behaviour.publish);
    input.addEventListener('change', () => {
      const value = current();
      host.emit('change', { value: Number.isNaN(value) ? null : value });
    });

    return { update: behaviour.update, destroy: behaviour.destroy };
  }
};
