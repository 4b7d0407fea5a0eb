import { el } from './support.js';

export default {
  create(host) {
    const root = host.element;
    root.classList.add('ty-component', 'ty-button-host');
    const spinner = el('span', { className: 'ty-spinner', attrs: { 'aria-hidden': 'true' } });
    const caption = el('span', { className: 'ty-button-caption' });
    const button = el('button', { className: 'ty-button', attrs: { type: 'button' } }, [spinner, caption]);
    root.replaceChildren(button);
    let busy = false;
    button.addEventListener('click', () => {
      if (!busy && !button.disabled) host.emit('click', {});
    });
    return {
      update(props) {
        caption.textContent = props.text === null || props.text === undefined ? '' : String(props.text);
        button.dataset.variant = props.variant || 'primary';
        busy = !!props.loading;
        spinner.hidden = !busy;
        button.setAttribute('aria-busy', busy ? 'true' : 'false');
        button.disabled = !!props.disabled || busy;
      },
      destroy() {
        root.replaceChildren();
      }
    };
  }
};
