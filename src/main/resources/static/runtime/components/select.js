import { createField, inputBehaviour, el, sameValue, displayText } from './support.js';

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
    let options = [];

    function selected() {
      const index = select.value === '' ? -1 : Number(select.value);
      return index >= 0 && index < options.length ? options[index] : null;
    }

    function choose(value) {
      const index = value === null || value === undefined ? -1 : options.findIndex((option) => sameValue(option.value, value));
      select.value = index < 0 ? '' : String(index);
    }

    const behaviour = inputBehaviour(host, {
      field,
      control: select,
      read: () => (selected() ? selected().value : null),
      outputs: () => ({ selectedOption: selected() }),
      validate: (props) => (props.required && selected() === null ? 'Required' : ''),
      initial: (value) => (value === undefined ? null : value),
      show: choose,
      configure(props, previous) {
        if (!previous || !sameValue(previous.options, props.options) || previous.placeholder !== props.placeholder) {
          const keep = selected();
          options = normalise(props.options);
          const children = [el('option', { text: props.placeholder || '', attrs: { value: '' } })];
          options.forEach((option, index) => children.push(el('option', { text: option.label, attrs: { value: String(index) } })));
          select.replaceChildren(...children);
          choose(keep ? keep.value : null);
        }
      }
    });

    select.addEventListener('change', () => {
      field.touch();
      behaviour.publish();
      const option = selected();
      host.emit('change', { value: option ? option.value : null, option });
    });

    return { update: behaviour.update, destroy: behaviour.destroy };
  }
};
