import { createField, inputBehaviour, el } from './support.js';

export default {
  create(host) {
    const box = el('input', { attrs: { type: 'checkbox' } });
    const field = createField(host, 'ty-checkbox', box, true);
    const behaviour = inputBehaviour(host, {
      field,
      control: box,
      read: () => box.checked,
      validate: (props) => (props.required && !box.checked ? 'Required' : ''),
      initial: (value) => value === true,
      show: (value) => {
        box.checked = value;
      }
    });

    box.addEventListener('change', () => {
      field.touch();
      behaviour.publish();
      host.emit('change', { value: box.checked });
    });

    return { update: behaviour.update, destroy: behaviour.destroy };
  }
};
