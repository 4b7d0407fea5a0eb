import { el } from './support.js';

export default {
  create(host) {
    const root = host.element;
    root.classList.add('ty-component', 'ty-container');
    const title = el('h2', { className: 'ty-container-title' });
    const body = el('div', { className: 'ty-container-body' });
    const section = el('section', { className: 'ty-container-frame' }, [title, body]);
    root.replaceChildren(section);
    host.mountChildren(body);
    return {
      update(props) {
        title.textContent = props.title || '';
        title.hidden = !props.title;
        if (props.title) {
          section.setAttribute('aria-label', props.title);
        } else {
          section.removeAttribute('aria-label');
        }
        section.classList.toggle('ty-bordered', props.bordered !== false);
      },
      destroy() {
        root.replaceChildren();
      }
    };
  }
};
