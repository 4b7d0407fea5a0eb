// container: groups its children in a grid of its own, with an optional title and border.
export default {
  create(host) {
    const box = document.createElement('section');
    box.className = 'ty-container';
    const title = document.createElement('h2');
    title.className = 'ty-container-title';
    const grid = document.createElement('div');
    box.append(title, grid);
    host.element.append(box);
    host.mountChildren(grid);
    return {
      update(props) {
        title.textContent = props.title || '';
        title.hidden = !props.title;
        box.classList.toggle('ty-bordered', props.bordered === true);
      },
      destroy() {
        box.remove();
      },
    };
  },
};
