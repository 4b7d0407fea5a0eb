import { createField, inputBehaviour, el, isEmpty } from './support.js';

function validate(input, props) {
  const value = input.value;
  if (isEmpty(value)) return props.required ? 'Required' : '';
  if (props.minLength !== null && props.minLength !== undefined && value.length < props.minLength) {
    return 'At least ' + props.minLength + ' characters';
  }
  if (props.maxLength !== null && props.maxLength !== undefined && value.length > props.maxLength) {
    return 'At most ' + props.maxLength + ' characters';
  }
  if (props.pattern) {
    let pattern;
    try {
      pattern = new RegExp('^(?:' + props.pattern + ')$', 'u');
    } catch (e) {
      return 'The pattern of this field is not a valid regular expression';
    }
    if (!pattern.test(value)) return 'Does not match the expected format';
  }
  if (props.inputType === 'email' && !/^[^\s@]+@[^\s@]+$/.test(value)) return 'Not an email address';
  if (props.inputType === 'url') {
    try {
      new URL(value);
    } catch (e) {
      return 'Not a URL';
    }
  }
  return '';
}

export default {
  create(host) {
    const input = el('input', { className: 'ty-input', attrs: { type: 'text' } });
    const field = createField(host, 'ty-text-input', input);
    const behaviour = inputBehaviour(host, {
      field,
      control: input,
      read: () => input.value,
      validate: (props) => validate(input, props),
      initial: (value) => (value === null || value === undefined ? '' : String(value)),
      show: (value) => {
        input.value = value;
      },
      configure(props) {
        input.type = props.inputType || 'text';
        input.placeholder = props.placeholder || '';
        if (props.maxLength !== null && props.maxLength !== undefined) input.maxLength = props.maxLength;
        else input.removeAttribute('maxlength');
      }
    });

    input.addEventListener('input', behaviour.publish);
    input.addEventListener('change', () => host.emit('change', { value: input.value }));
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.isComposing) {
        field.touch();
        host.emit('submit', { value: input.value });
      }
    });

    return { update: behaviour.update, destroy: behaviour.destroy };
  }
};
