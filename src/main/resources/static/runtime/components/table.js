import { el, displayText, uniqueId } from './support.js';

// Only the current page is in the DOM, so the cost of a render does not grow with the rows.
// Search and sort run in memory over index arrays: the sort keys of a column and each row's
// search text are computed once per data change, the sorted order once per sort change, and a
// search filters that order, so typing in the search box never re-sorts.
const TYPES = ['text', 'number', 'currency', 'date', 'datetime', 'boolean', 'link'];
const SAFE_LINK = /^(https?:|mailto:)/i;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function normaliseColumns(columns, rows) {
  const given = Array.isArray(columns) ? columns : [];
  const list = given.map((column) => (typeof column === 'string' ? { key: column } : column))
    .filter((column) => column !== null && typeof column === 'object' && column.key !== undefined && column.key !== null);
  const source = list.length > 0 ? list : Object.keys(rows[0] || {}).map((key) => ({ key }));
  return source.map((column) => ({
    key: String(column.key),
    label: column.label === undefined || column.label === null ? String(column.key) : displayText(column.label),
    type: TYPES.includes(column.type) ? column.type : 'text',
    currency: typeof column.currency === 'string' && /^[A-Za-z]{3}$/.test(column.currency) ? column.currency.toUpperCase() : 'USD'
  }));
}

function toDate(value) {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(typeof value === 'number' ? value : String(value));
  return Number.isNaN(date.getTime()) ? null : date;
}

function toNumber(value) {
  if (value === null || value === undefined || value === '' || typeof value === 'boolean') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

const formats = new Map();
function format(name, factory) {
  if (!formats.has(name)) formats.set(name, factory());
  return formats.get(name);
}

/** The cell's text as shown; numbers and dates in the viewer's locale. */
function cellText(column, value) {
  if (value === null || value === undefined) return '';
  switch (column.type) {
    case 'number': {
      const number = toNumber(value);
      return number === null ? displayText(value) : format('number', () => new Intl.NumberFormat()).format(number);
    }
    case 'currency': {
      const number = toNumber(value);
      return number === null ? displayText(value)
        : format('currency:' + column.currency, () => new Intl.NumberFormat(undefined, { style: 'currency', currency: column.currency })).format(number);
    }
    case 'date': {
      const date = toDate(value);
      if (date === null) return displayText(value);
      // A bare date is a calendar day, not midnight UTC: show it as that day in every time zone.
      const utc = typeof value === 'string' && DATE_ONLY.test(value);
      return format('date:' + utc, () => new Intl.DateTimeFormat(undefined, utc ? { dateStyle: 'medium', timeZone: 'UTC' } : { dateStyle: 'medium' })).format(date);
    }
    case 'datetime': {
      const date = toDate(value);
      return date === null ? displayText(value) : format('datetime', () => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })).format(date);
    }
    case 'boolean':
      return value === true || value === 'true' || value === 1 ? 'Yes' : value === false || value === 'false' || value === 0 ? 'No' : displayText(value);
    default:
      return displayText(value);
  }
}

function sortKey(column, value) {
  switch (column.type) {
    case 'number':
    case 'currency':
      return toNumber(value);
    case 'date':
    case 'datetime': {
      const date = toDate(value);
      return date === null ? null : date.getTime();
    }
    case 'boolean':
      return value === null || value === undefined ? null : (value === true || value === 'true' || value === 1 ? 1 : 0);
    default:
      return value === null || value === undefined ? null : displayText(value);
  }
}

export default {
  create(host) {
    const root = host.element;
    root.classList.add('ty-component', 'ty-table');
    const searchId = uniqueId('table-search');
    const search = el('input', { className: 'ty-input ty-table-search', attrs: { type: 'search', id: searchId, placeholder: 'Search', 'aria-label': 'Search rows' } });
    const count = el('span', { className: 'ty-table-count', attrs: { role: 'status', 'aria-live': 'polite' } });
    const toolbar = el('div', { className: 'ty-table-toolbar' }, [search, count]);
    const headRow = el('tr');
    const thead = el('thead', {}, [headRow]);
    const tbody = el('tbody');
    const table = el('table', { className: 'ty-table-grid' }, [thead, tbody]);
    const scroller = el('div', { className: 'ty-table-scroll' }, [table]);
    const previous = el('button', { className: 'ty-button', text: 'Previous', attrs: { type: 'button', 'data-variant': 'secondary', 'aria-label': 'Previous page' } });
    const next = el('button', { className: 'ty-button', text: 'Next', attrs: { type: 'button', 'data-variant': 'secondary', 'aria-label': 'Next page' } });
    const pageLabel = el('span', { className: 'ty-table-page' });
    const pager = el('nav', { className: 'ty-table-pager', attrs: { 'aria-label': 'Pages' } }, [previous, pageLabel, next]);
    root.replaceChildren(toolbar, scroller, pager);

    let props = null;
    let rows = [];
    let columns = [];
    let keys = new Map();
    let haystacks = null;
    let sorted = null;
    let view = [];
    let query = '';
    let sortColumn = null;
    let sortDirection = null;
    let page = 1;
    let selected = -1;
    let published = null;

    function keysOf(column) {
      if (!keys.has(column.key)) keys.set(column.key, rows.map((row) => sortKey(column, row[column.key])));
      return keys.get(column.key);
    }

    function sortedOrder() {
      if (sorted) return sorted;
      const order = new Array(rows.length);
      for (let i = 0; i < rows.length; i++) order[i] = i;
      const column = columns.find((candidate) => candidate.key === sortColumn);
      if (column && sortDirection) {
        const columnKeys = keysOf(column);
        const sign = sortDirection === 'descending' ? -1 : 1;
        const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
        const text = column.type === 'text' || column.type === 'link';
        order.sort((a, b) => {
          const left = columnKeys[a];
          const right = columnKeys[b];
          // Empty cells go last in both directions; equal keys keep the data's order.
          if (left === null || right === null) return left === right ? a - b : left === null ? 1 : -1;
          const compared = text ? collator.compare(left, right) : left - right;
          return compared !== 0 ? sign * compared : a - b;
        });
      }
      sorted = order;
      return sorted;
    }

    function filtered() {
      const order = sortedOrder();
      const needle = query.trim().toLowerCase();
      if (needle === '') return order;
      if (!haystacks) {
        haystacks = rows.map((row) => columns.map((column) => displayText(row[column.key])).join('\u0001').toLowerCase());
      }
      return order.filter((index) => haystacks[index].includes(needle));
    }

    function pageCount() {
      return Math.max(1, Math.ceil(view.length / props.pageSize));
    }

    function renderHead() {
      const cells = columns.map((column) => {
        const th = el('th', { attrs: { scope: 'col', 'data-type': column.type, 'data-key': column.key } });
        if (props.sortable) {
          const direction = column.key === sortColumn ? sortDirection : null;
          th.setAttribute('aria-sort', direction || 'none');
          const indicator = el('span', { className: 'ty-sort-indicator', text: direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '', attrs: { 'aria-hidden': 'true' } });
          const button = el('button', { className: 'ty-sort', attrs: { type: 'button' } }, [el('span', { text: column.label }), indicator]);
          button.addEventListener('click', () => cycleSort(column.key));
          th.appendChild(button);
        } else {
          th.textContent = column.label;
        }
        return th;
      });
      headRow.replaceChildren(...cells);
    }

    function renderBody() {
      const size = props.pageSize;
      const start = (page - 1) * size;
      const fragment = document.createDocumentFragment();
      if (view.length === 0) {
        const cell = el('td', { className: 'ty-table-empty', text: props.emptyText, attrs: { colspan: String(Math.max(1, columns.length)) } });
        fragment.appendChild(el('tr', {}, [cell]));
      }
      const end = Math.min(view.length, start + size);
      let focusable = false;
      for (let position = start; position < end; position++) {
        const index = view[position];
        const row = rows[index];
        const tr = document.createElement('tr');
        tr.dataset.index = String(index);
        if (props.selectable) {
          const isSelected = index === selected;
          tr.setAttribute('aria-selected', isSelected ? 'true' : 'false');
          // One tab stop for the rows: the selected row, else the first; arrows move between rows.
          tr.tabIndex = isSelected || (selected < 0 && position === start) ? 0 : -1;
          focusable = focusable || tr.tabIndex === 0;
        }
        for (const column of columns) {
          const td = document.createElement('td');
          td.dataset.type = column.type;
          const value = row[column.key];
          if (column.type === 'link' && typeof value === 'string' && SAFE_LINK.test(value)) {
            td.appendChild(el('a', { text: value, attrs: { href: value, target: '_blank', rel: 'noopener noreferrer' } }));
          } else {
            td.textContent = cellText(column, value);
          }
          tr.appendChild(td);
        }
        fragment.appendChild(tr);
      }
      if (props.selectable && !focusable && end > start) fragment.firstChild.tabIndex = 0;
      tbody.replaceChildren(fragment);
      const pages = pageCount();
      pageLabel.textContent = 'Page ' + page + ' of ' + pages;
      previous.disabled = page <= 1;
      next.disabled = page >= pages;
      pager.hidden = pages <= 1;
      count.textContent = view.length === rows.length ? rows.length + (rows.length === 1 ? ' row' : ' rows')
        : view.length + ' of ' + rows.length + ' rows';
    }

    function publish() {
      const outputs = {
        selectedRow: selected >= 0 ? rows[selected] : null,
        selectedIndex: selected >= 0 ? selected : null,
        searchText: query,
        page,
        sortKey: sortDirection ? sortColumn : null,
        sortDirection: sortDirection,
        visibleRows: view.map((index) => rows[index])
      };
      const changed = !published || Object.keys(outputs).some((name) => name === 'visibleRows'
        ? published.view !== view : published.outputs[name] !== outputs[name]);
      if (changed) {
        published = { outputs, view };
        host.setOutputs(outputs);
      }
    }

    function refilter() {
      view = filtered();
      page = Math.min(page, pageCount());
      renderBody();
      publish();
    }

    function cycleSort(key) {
      if (sortColumn !== key) {
        sortColumn = key;
        sortDirection = 'ascending';
      } else {
        sortDirection = sortDirection === 'ascending' ? 'descending' : sortDirection === 'descending' ? null : 'ascending';
      }
      sorted = null;
      page = 1;
      renderHead();
      refilter();
    }

    function goTo(target) {
      const clamped = Math.max(1, Math.min(pageCount(), target));
      if (clamped === page) return;
      page = clamped;
      renderBody();
      publish();
      host.emit('pageChange', { page });
    }

    function select(index) {
      if (!props.selectable || index < 0 || index >= rows.length) return;
      selected = index;
      for (const tr of tbody.rows) {
        const isSelected = Number(tr.dataset.index) === index;
        tr.setAttribute('aria-selected', isSelected ? 'true' : 'false');
        tr.tabIndex = isSelected ? 0 : -1;
      }
      publish();
      host.emit('rowSelect', { row: rows[index], index });
    }

    search.addEventListener('input', () => {
      query = search.value;
      page = 1;
      refilter();
    });
    previous.addEventListener('click', () => goTo(page - 1));
    next.addEventListener('click', () => goTo(page + 1));
    tbody.addEventListener('click', (event) => {
      const tr = event.target.closest('tr[data-index]');
      if (tr && !event.target.closest('a')) select(Number(tr.dataset.index));
    });
    tbody.addEventListener('keydown', (event) => {
      const tr = event.target.closest('tr[data-index]');
      if (!tr) return;
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        select(Number(tr.dataset.index));
      } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const target = event.key === 'ArrowDown' ? tr.nextElementSibling : tr.previousElementSibling;
        if (target && target.dataset.index !== undefined) {
          tr.tabIndex = -1;
          target.tabIndex = 0;
          target.focus();
        }
      }
    });

    return {
      update(nextProps) {
        const before = props;
        props = Object.assign({}, nextProps, { pageSize: Math.max(1, Math.min(500, Math.floor(Number(nextProps.pageSize)) || 10)) });
        const dataChanged = !before || before.data !== nextProps.data;
        const columnsChanged = !before || JSON.stringify(before.columns) !== JSON.stringify(nextProps.columns);
        if (dataChanged || columnsChanged) {
          rows = Array.isArray(nextProps.data) ? nextProps.data.filter((row) => row !== null && typeof row === 'object') : [];
          columns = normaliseColumns(nextProps.columns, rows);
          keys = new Map();
          haystacks = null;
          sorted = null;
          if (!columns.some((column) => column.key === sortColumn)) {
            sortColumn = null;
            sortDirection = null;
          }
        }
        if (dataChanged) {
          // New rows (a query ran again): the old selection's index points elsewhere now.
          selected = -1;
        }
        if (!props.sortable && sortDirection) {
          sortColumn = null;
          sortDirection = null;
          sorted = null;
        }
        if (!props.selectable) selected = -1;
        if (!props.searchable && query !== '') {
          query = '';
          search.value = '';
        }
        table.setAttribute('role', props.selectable ? 'grid' : 'table');
        search.hidden = !props.searchable;
        if (host.id) table.setAttribute('aria-label', host.id);
        renderHead();
        view = filtered();
        page = Math.min(page, pageCount());
        renderBody();
        publish();
      },
      destroy() {
        root.replaceChildren();
      }
    };
  }
};
