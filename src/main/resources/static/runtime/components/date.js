import { createField, registerField, el } from './support.js';

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
    let props = null;
    let initial = '';
    let formDisabled = false;
    let published = null;

    function validity() {
      if (input.validity && input.validity.badInput) return 'Not a date';
      const value = input.value;
      if (value === '') return props.required ? 'Required' : '';
      const min = isoDate(props.min);
      const max = isoDate(props.max);
      if (min && value < min) return 'On or after ' + min;
      if (max && value > max) return 'On or before ' + max;
      return '';
    }

    function publish() {
      const message = validity();
      field.setError(message);
      const outputs = { value: input.value === '' ? null : input.value, valid: message === '' };
      if (!published || published.value !== outputs.value || published.valid !== outputs.valid) {
        published = outputs;
        host.setOutputs(outputs);
        registration.notify();
      }
    }

    const registration = registerField(host, {
      value: () => (input.value === '' ? null : input.value),
      valid: () => validity() === '',
      reveal: () => field.touch(),
      focus: () => input.focus(),
      reset() {
        input.value = initial;
        field.untouch();
        publish();
      },
      setFormDisabled(disabled) {
        formDisabled = disabled;
        input.disabled = formDisabled || !!(props && props.disabled);
      }
    });

    input.addEventListener('input', publish);
    input.addEventListener('change', () => {
      publish();
      host.emit('change', { value: input.value === '' ? null : input.value });
    });

    return {
      update(next) {
        const previous = props;
        props = next;
        field.setLabel(next.label);
        field.setRequired(next.required);
        input.disabled = formDisabled || !!next.disabled;
        const min = isoDate(next.min);
        const max = isoDate(next.max);
        if (min) input.min = min;
        else input.removeAttribute('min');
        if (max) input.max = max;
        else input.removeAttribute('max');
        if (!previous || previous.value !== next.value) {
          initial = isoDate(next.value);
          input.value = initial;
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
