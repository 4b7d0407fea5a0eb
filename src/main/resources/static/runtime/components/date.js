import { createField, inputBehaviour, el } from './support.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// Accepts an ISO date or date-time (a query's timestamp column) and keeps the date part.
function isoDate(value) {
  if (value === null || value === undefined || value === '') return '';
  const text = String(value).slice(0, 10);
  return ISO_DATE.test(text) ? text : '';
}

export default {
  create(host) {
    const input = el('input', { className: 'ty-input', attrs: { type: 'date' } });
    const field = createField(host, 'ty-date', input);
    const read = () => (input.value === '' ? null : input.value);
    const behaviour = inputBehaviour(host, {
      field,
      control: input,
      read,
      validate(props) {
        if (input.validity && input.validity.badInput) return 'Not a date';
        if (input.value === '') return props.required ? 'Required' : '';
        const min = isoDate(props.min);
        const max = isoDate(props.max);
        if (min && input.value < min) return 'On or after ' + min;
        if (max && input.value > max) return 'On or before ' + max;
        return '';
      },
      initial: isoDate,
      show: (value) => {
        input.value = value;
      },
      configure(props) {
        const min = isoDate(props.min);
        const max = isoDate(props.max);
        if (min) input.min = min;
        else input.removeAttribute('min');
        if (max) input.max = max;
        else input.removeAttribute('max');
      }
    });

    input.addEventListener('input', behaviour.publish);
    input.addEventListener('change', () => {
      behaviour.publish();
      host.emit('change', { value: read() });
    });

    return { update: behaviour.update, destroy: behaviour.destroy };
  }
};
