export default {
  create(host) {
    const root = host.element;
    root.classList.add('ty-component', 'ty-text');
    const body = document.createElement('div');
    body.className = 'ty-text-body';
    root.replaceChildren(body);
    return {
      update(props) {
        body.textContent = props.value === null || props.value === undefined ? '' : String(props.value);
        body.dataset.size = props.size || 'body';
        body.dataset.align = props.align || 'left';
        // Headings are headings to a screen reader too, not only bigger.
        if (props.size === 'title' || props.size === 'heading') {
          body.setAttribute('role', 'heading');
          body.setAttribute('aria-level', props.size === 'title' ? '1' : '2');
        } else {
          body.removeAttribute('role');
          body.removeAttribute('aria-level');
        }
      },
      destroy() {
        root.replaceChildren();
      }
    };
  }
};
