// text: shows a value as plain text (never as HTML), in one of four sizes.
export default {
  create(host) {
    const element = document.createElement('div');
    element.className = 'ty-text';
    host.element.append(element);
    return {
      update(props) {
        element.textContent = props.value === null || props.value === undefined ? '' : String(props.value);
        element.dataset.size = props.size;
        element.style.textAlign = props.align;
      },
      destroy() {
        element.remove();
      },
    };
  },
};
