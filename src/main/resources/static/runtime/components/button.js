// button: runs the document's click actions; disabled and loading keep it from being clicked.
export default {
  create(host) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'ty-button';
    let blocked = false;
    button.addEventListener('click', () => {
      if (!blocked) host.emit('click', {});
    });
    host.element.append(button);
    return {
      update(props) {
        blocked = props.disabled === true || props.loading === true;
        button.textContent = props.text === null || props.text === undefined ? '' : String(props.text);
        button.dataset.variant = props.variant;
        button.disabled = blocked;
        button.classList.toggle('ty-busy', props.loading === true);
        button.setAttribute('aria-busy', String(props.loading === true));
      },
      destroy() {
        button.remove();
      },
    };
  },
};
