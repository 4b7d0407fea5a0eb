import { el, uniqueId } from './support.js';

// A native <dialog> opened with showModal(): the browser traps focus, closes on Escape, marks the
// rest of the frame inert and returns focus where it was. The runtime calls open()/close() for
// the openModal/closeModal actions; the close button, Escape and a click on the backdrop close it too.
export default {
  create(host) {
    const root = host.element;
    root.classList.add('ty-component', 'ty-modal-host');
    const titleId = uniqueId('modal-title');
    const title = el('h2', { className: 'ty-modal-title', attrs: { id: titleId } });
    const closeButton = el('button', { className: 'ty-modal-close', text: '×', attrs: { type: 'button', 'aria-label': 'Close' } });
    const header = el('div', { className: 'ty-modal-header' }, [title, closeButton]);
    const body = el('div', { className: 'ty-modal-body' });
    const dialog = el('dialog', { className: 'ty-modal', attrs: { 'aria-labelledby': titleId } }, [header, body]);
    root.replaceChildren(dialog);
    host.mountChildren(body);
    let isOpen = false;

    function changed(open) {
      if (open === isOpen) return;
      isOpen = open;
      host.setOutputs({ open });
      host.emit(open ? 'open' : 'close', {});
    }

    // The dialog's own close event comes a task later: a close here reports at once, and a late
    // event of a dialog opened again meanwhile reports nothing.
    function closeDialog() {
      if (dialog.open) dialog.close();
      changed(false);
    }

    closeButton.addEventListener('click', closeDialog);
    dialog.addEventListener('close', () => {
      if (!dialog.open) changed(false);
    });
    dialog.addEventListener('click', (event) => {
      // A click on the dialog element itself, outside its content box, is a click on the backdrop.
      if (event.target !== dialog) return;
      const box = dialog.getBoundingClientRect();
      const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
      if (!inside) closeDialog();
    });
    host.setOutputs({ open: false });

    return {
      update(props) {
        title.textContent = props.title || '';
        dialog.dataset.width = props.width || 'medium';
        if (!props.title) dialog.setAttribute('aria-label', host.id || 'Dialog');
        else dialog.removeAttribute('aria-label');
      },
      open() {
        if (!dialog.open) dialog.showModal();
        changed(true);
      },
      close: closeDialog,
      destroy() {
        if (dialog.open) dialog.close();
        root.replaceChildren();
      }
    };
  }
};
