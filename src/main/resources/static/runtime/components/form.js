import { el } from './support.js';

// The form owns no values: its children are ordinary input components mounted into its body.
// Each input marks its host element with data-ty-field and exposes element.tyField (support.js);
// the form reads them when an input reports a change (ty-field-change, bubbling) and on submit.
// Fields of a form nested inside this one belong to the nested form.
export default {
  create(host) {
    const root = host.element;
    root.classList.add('ty-component', 'ty-form');
    const title = el('h2', { className: 'ty-form-title' });
    const body = el('div', { className: 'ty-form-body' });
    const status = el('div', { className: 'ty-form-status', attrs: { role: 'status', 'aria-live': 'polite' } });
    const submit = el('button', { className: 'ty-button', attrs: { type: 'button', 'data-variant': 'primary' } });
    const actions = el('div', { className: 'ty-form-actions' }, [status, submit]);
    // Not a <form>: the app's frame is sandboxed without allow-forms, where a native submission is
    // blocked (and logged as an error). The form submits from its button and from Enter in a field.
    const form = el('div', { className: 'ty-form-frame', attrs: { role: 'form' } }, [title, body, actions]);
    root.replaceChildren(form);
    let props = null;
    let published = null;
    let scheduled = false;

    function fields() {
      return Array.from(body.querySelectorAll('[data-ty-field]'))
        .filter((element) => element.tyField && element.parentElement.closest('.ty-form-body') === body);
    }

    function collect() {
      const data = {};
      let valid = true;
      for (const element of fields()) {
        data[element.tyField.name] = element.tyField.value();
        valid = valid && element.tyField.valid();
      }
      return { data, valid };
    }

    function publish() {
      scheduled = false;
      const outputs = collect();
      if (!published || JSON.stringify(published) !== JSON.stringify(outputs)) {
        published = outputs;
        host.setOutputs(outputs);
      }
    }

    function applyDisabled() {
      const disabled = !!(props && props.disabled);
      submit.disabled = disabled;
      for (const element of fields()) element.tyField.setFormDisabled(disabled);
    }

    // Many fields report at once when the form is filled or reset: publish once per task.
    body.addEventListener('ty-field-change', () => {
      if (!scheduled) {
        scheduled = true;
        queueMicrotask(publish);
      }
    });

    function submitForm() {
      if (props && props.disabled) return;
      const current = fields();
      const outputs = collect();
      published = outputs;
      host.setOutputs(outputs);
      if (!outputs.valid) {
        const invalid = current.filter((element) => !element.tyField.valid());
        invalid.forEach((element) => element.tyField.reveal());
        invalid[0].tyField.focus();
        status.textContent = invalid.length === 1 ? '1 field needs attention' : invalid.length + ' fields need attention';
        host.emit('invalid', { data: outputs.data, invalidFields: invalid.map((element) => element.tyField.name) });
        return;
      }
      status.textContent = '';
      host.emit('submit', outputs.data);
      if (props.resetOnSubmit) current.forEach((element) => element.tyField.reset());
    }

    submit.addEventListener('click', submitForm);
    body.addEventListener('keydown', (event) => {
      const target = event.target;
      if (event.key !== 'Enter' || event.isComposing || target.tagName !== 'INPUT' || target.closest('.ty-form-body') !== body) return;
      event.preventDefault();
      submitForm();
    });

    host.mountChildren(body);
    // Children may mount after this call returns; a new field announces itself with its first output.
    const observer = new MutationObserver((records) => {
      const fieldMoved = records.some((record) => Array.from(record.addedNodes).some((node) =>
        node.nodeType === Node.ELEMENT_NODE && (node.hasAttribute('data-ty-field') || node.querySelector('[data-ty-field]') !== null)));
      if (fieldMoved) {
        applyDisabled();
        publish();
      }
    });
    observer.observe(body, { childList: true, subtree: true });

    return {
      update(next) {
        props = next;
        title.textContent = next.title || '';
        title.hidden = !next.title;
        if (next.title) form.setAttribute('aria-label', next.title);
        else form.removeAttribute('aria-label');
        submit.textContent = next.submitText || 'Submit';
        applyDisabled();
        publish();
      },
      destroy() {
        observer.disconnect();
        root.replaceChildren();
      }
    };
  }
};
