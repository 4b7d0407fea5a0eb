import { createField, registerField, el, sameValue, displayText } from './support.js';

// Options' values may be any JSON value (numbers, objects), so the native <select> carries each
// option's index and the component maps it back.
function normalise(options) {
  if (!Array.isArray(options)) return [];
  return options.map((option) => {
    if (option !== null && typeof option === 'object' && !Array.isArray(option)) {
      const value = 'value' in option ? option.value : option.label;
      return { label: displayText('label' in option ? option.label : value), value: value === undefined ? null : value };
    }
    return { label: displayText(option), value: option };
  });
}

export default {
  create(host) {
    const select = el('select', { className: 'ty-input ty-select' });
    const field = createField(host, 'ty-select-field', select);
    let props = null;
    let options = [];
    let initial = null;
    let formDisabled = false;
    let published = null;

    function selected() {
      const index = select.value === '' ? -1 : Number(select.value);
      return index >= 0 && index < options.length ? options[index] : null;
    }

    function validity() {
      return props.required && selected() === null ? 'Required' : '';
    }

    function choose(value) {
      const index = value === null || value === undefined ? -1 : options.findIndex((option) => sameValue(option.value, value));
      select.value = index < 0 ? '' : String(index);
    }

    function publish(force) {
      const message = validity();
      field.setError(message);
      const option = selected();
      const outputs = { value: option ? option.value : null, selectedOption: option, valid: message === '' };
      if (force || !published || !sameValue(published, outputs)) {
        published = outputs;
        host.setOutputs(outputs);
        registration.notify();
      }
    }

    const registration = registerField(host, {
      value: () => (selected() ? selected().value : null),
      valid: () => validity() === '',
      reveal: () => field.touch(),
      focus: () => select.focus(),
      reset() {
        choose(initial);
        field.untouch();
        publish();
      },
      setFormDisabled(disabled) {
        formDisabled = disabled;
        select.disabled = formDisabled || !!(props && props.disabled);
      }
    });

    select.addEventListener('change', () => {
      field.touch();
      publish();
      const option = selected();
      host.emit('change', { value: option ? option.value : null, option });
    });

    return {
      update(next) {
        const previous = props;
        props = next;
        field.setLabel(next.label);
        field.setRequired(next.required);
        select.disabled = formDisabled || !!next.disabled;
        const keep = selected();
        if (!previous || !sameValue(previous.options, next.options) || previous.placeholder !== next.placeholder) {
          options = normalise(next.options);
          const children = [el('option', { text: next.placeholder || '', attrs: { value: '' } })];
          options.forEach((option, index) => children.push(el('option', { text: option.label, attrs: { value: String(index) } })));
          select.replaceChildren(...children);
          choose(keep ? keep.value : null);
        }
        if (!previous || !sameValue(previous.value, next.value)) {
          initial = next.value === undefined ? null : next.value;
          choose(initial);
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
