import { registerField, el, uniqueId } from './support.js';

export default {
  create(host) {
    const root = host.element;
    root.classList.add('ty-component', 'ty-field', 'ty-checkbox');
    const errorId = uniqueId('error');
    const box = el('input', { attrs: { type: 'checkbox', 'aria-describedby': errorId } });
    const caption = el('span', { className: 'ty-checkbox-label' });
    const label = el('label', { className: 'ty-checkbox-row' }, [box, caption]);
    const error = el('div', { className: 'ty-field-error', attrs: { id: errorId, 'aria-live': 'polite' } });
    root.replaceChildren(label, error);
    let props = null;
    let initial = false;
    let touched = false;
    let formDisabled = false;
    let published = null;

    function validity() {
      return props.required && !box.checked ? 'Required' : '';
    }

    function publish() {
      const message = validity();
      const shown = touched && message !== '';
      error.textContent = shown ? message : '';
      box.setAttribute('aria-invalid', shown ? 'true' : 'false');
      root.classList.toggle('ty-invalid', shown);
      const outputs = { value: box.checked, valid: message === '' };
      if (!published || published.value !== outputs.value || published.valid !== outputs.valid) {
        published = outputs;
        host.setOutputs(outputs);
        registration.notify();
      }
    }

    const registration = registerField(host, {
      value: () => box.checked,
      valid: () => validity() === '',
      reveal() {
        touched = true;
        publish();
      },
      focus: () => box.focus(),
      reset() {
        box.checked = initial;
        touched = false;
        publish();
      },
      setFormDisabled(disabled) {
        formDisabled = disabled;
        box.disabled = formDisabled || !!(props && props.disabled);
      }
    });

    box.addEventListener('change', () => {
      touched = true;
      publish();
      host.emit('change', { value: box.checked });
    });

    return {
      update(next) {
        const previous = props;
        props = next;
        caption.textContent = next.label || '';
        if (!next.label) box.setAttribute('aria-label', host.id || 'checkbox');
        else box.removeAttribute('aria-label');
        box.required = !!next.required;
        box.disabled = formDisabled || !!next.disabled;
        if (!previous || previous.value !== next.value) {
          initial = next.value === true;
          box.checked = initial;
        }
        publish();
      },
      destroy() {
        registration.unregister();
        root.replaceChildren();
      }
    };
  }
};
