import { el, uniqueId, displayText } from './support.js';

// WAI-ARIA tabs pattern: one tab stop for the tab list, arrows/Home/End move between tabs and
// select them (automatic activation). Each tab's panel gets that tab's children (slot = name).
export default {
  create(host) {
    const root = host.element;
    root.classList.add('ty-component', 'ty-tabs');
    const list = el('div', { className: 'ty-tab-list', attrs: { role: 'tablist' } });
    const panels = el('div', { className: 'ty-tab-panels' });
    root.replaceChildren(list, panels);
    const prefix = uniqueId('tabs');
    const mounted = new Map();
    let names = [];
    let selected = null;
    let props = null;

    function panelFor(name) {
      let entry = mounted.get(name);
      if (!entry) {
        const index = mounted.size;
        const tab = el('button', { className: 'ty-tab', text: name,
          attrs: { type: 'button', role: 'tab', id: prefix + '-tab-' + index, 'aria-controls': prefix + '-panel-' + index } });
        const panel = el('div', { className: 'ty-tab-panel',
          attrs: { role: 'tabpanel', id: prefix + '-panel-' + index, 'aria-labelledby': prefix + '-tab-' + index, tabindex: '0' } });
        tab.addEventListener('click', () => select(name, true));
        entry = { tab, panel };
        mounted.set(name, entry);
        panels.appendChild(panel);
        host.mountChildren(panel, name);
      }
      return entry;
    }

    function render() {
      for (const [name, entry] of mounted) {
        const active = name === selected;
        entry.tab.setAttribute('aria-selected', active ? 'true' : 'false');
        entry.tab.tabIndex = active ? 0 : -1;
        entry.panel.hidden = !active;
      }
    }

    function select(name, byUser) {
      if (!names.includes(name) || name === selected) return;
      selected = name;
      render();
      host.setOutputs({ selected });
      if (byUser) host.emit('change', { selected });
    }

    list.addEventListener('keydown', (event) => {
      const index = names.indexOf(selected);
      let target = -1;
      if (event.key === 'ArrowRight') target = (index + 1) % names.length;
      else if (event.key === 'ArrowLeft') target = (index - 1 + names.length) % names.length;
      else if (event.key === 'Home') target = 0;
      else if (event.key === 'End') target = names.length - 1;
      if (target < 0) return;
      event.preventDefault();
      select(names[target], true);
      mounted.get(names[target]).tab.focus();
    });

    return {
      update(next) {
        const previous = props;
        props = next;
        names = Array.from(new Set((Array.isArray(next.tabs) ? next.tabs : []).map(displayText).filter((name) => name !== '')));
        // Keep panels of tabs that went away out of the page, with their children, in case they return.
        list.replaceChildren(...names.map((name) => panelFor(name).tab));
        for (const [name, entry] of mounted) {
          if (!names.includes(name)) entry.panel.hidden = true;
        }
        const wanted = next.selected && names.includes(next.selected) ? next.selected : null;
        let target = selected;
        if (!previous || previous.selected !== next.selected) target = wanted || selected;
        if (!names.includes(target)) target = wanted || names[0] || null;
        const changed = target !== selected;
        selected = target;
        render();
        if (changed || !previous) host.setOutputs({ selected });
      },
      destroy() {
        root.replaceChildren();
      }
    };
  }
};
