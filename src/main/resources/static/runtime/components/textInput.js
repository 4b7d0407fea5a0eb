import { createField, registerField, el, isEmpty } from './support.js';

// The value is the field's own state: the `value` property is the initial value, and a new
// property value (setComponent, or an expression that changed) replaces what was typed.
export default {
  create(host) {
    const input = el('input', { className: 'ty-input', attrs: { type: 'text' } });
    const field = createField(host, 'ty-text-input', input);
    let props = null;
    let initial = '';
    let formDisabled = false;
    let published = null;

    function validity() {
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

    function publish() {
      const message = validity();
      field.setError(message);
      const outputs = { value: input.value, valid: message === '' };
      if (!published || published.value !== outputs.value || published.valid !== outputs.valid) {
        published = outputs;
        host.setOutputs(outputs);
        registration.notify();
      }
    }

    const registration = registerField(host, {
      value: () => input.value,
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
    input.addEventListener('change', () => host.emit('change', { value: input.value }));
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.isComposing) {
        field.touch();
        host.emit('submit', { value: input.value });
      }
    });

    return {
      update(next) {
        const previous = props;
        props = next;
        field.setLabel(next.label);
        field.setRequired(next.required);
        input.type = next.inputType || 'text';
        input.placeholder = next.placeholder || '';
        input.disabled = formDisabled || !!next.disabled;
        if (next.maxLength !== null && next.maxLength !== undefined) input.maxLength = next.maxLength;
        else input.removeAttribute('maxlength');
        const value = next.value === null || next.value === undefined ? '' : String(next.value);
        if (!previous || previous.value !== next.value) {
          initial = value;
          input.value = value;
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
