// Code fields of the editor (T-AP4): CodeMirror 5, loaded by editor.html as classic scripts (the
// global CodeMirror, its sql and javascript modes and the show-hint addon). CodeMirror styles its
// parts through element.style, which the console CSP (style-src 'self') allows; it never writes a
// style attribute or a <style> element.

const CM = globalThis.CodeMirror;

const NAME_CHAR = /[A-Za-z0-9_$.]/;
const NAME_BEFORE_CURSOR = /[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z0-9_$]*)*$/;
const OPEN_BRACKETS = '([{';
const CLOSE_BRACKETS = ')]}';

/**
 * A mode for text with `{{ }}` parts (a property value, a query's SQL or REST parts): the text
 * outside as `outer` (null: plain text), the parts inside as JavaScript. A part ends at the first
 * `}}` outside strings, comments and brackets, as the runtime and the server read it (a `{a: {b: 1}}`
 * object inside stays one part).
 */
CM.defineMode('toolyard-template', (config, options) => {
  const outer = options.outer ? CM.getMode(config, options.outer) : null;
  const inner = CM.getMode(config, { name: 'javascript' });
  return {
    startState: () => ({
      outer: outer ? CM.startState(outer) : null,
      inner: null,
      depth: 0,
    }),
    copyState: state => ({
      outer: outer ? CM.copyState(outer, state.outer) : null,
      inner: state.inner ? CM.copyState(inner, state.inner) : null,
      depth: state.depth,
    }),
    token: (stream, state) => {
      if (state.inner) {
        if (state.depth === 0 && stream.match('}}')) {
          state.inner = null;
          return 'toolyard-delimiter';
        }
        const style = inner.token(stream, state.inner);
        const text = stream.current();
        if (text.length === 1 && OPEN_BRACKETS.includes(text)) state.depth++;
        if (text.length === 1 && CLOSE_BRACKETS.includes(text) && state.depth > 0) state.depth--;
        return style ? style + ' toolyard-expression' : 'toolyard-expression';
      }
      if (stream.match('{{')) {
        state.inner = CM.startState(inner, config.indentUnit);
        state.depth = 0;
        return 'toolyard-delimiter';
      }
      const next = stream.string.indexOf('{{', stream.pos);
      if (!outer) {
        if (next === -1) stream.skipToEnd(); else stream.pos = next;
        return null;
      }
      // The outer mode sees the line only up to the next part, as CodeMirror's multiplex addon does.
      const whole = stream.string;
      if (next !== -1) stream.string = whole.slice(0, next);
      const style = outer.token(stream, state.outer);
      stream.string = whole;
      return style;
    },
    blankLine: state => {
      if (!state.inner && outer && outer.blankLine) outer.blankLine(state.outer);
    },
    innerMode: state => (state.inner ? { state: state.inner, mode: inner } : outer ? { state: state.outer, mode: outer } : null),
  };
});

const MODES = {
  sql: { name: 'toolyard-template', outer: 'text/x-sql' },
  javascript: { name: 'javascript' },
  json: { name: 'javascript', json: true },
  expression: { name: 'toolyard-template', outer: null },
  text: null,
};

/** Whether names complete at the cursor: everywhere in JavaScript, inside `{{ }}` in templates. */
function completesHere(cm, language) {
  if (language === 'javascript') {
    const type = cm.getTokenTypeAt(cm.getCursor()) || '';
    return !/\b(string|comment)\b/.test(type);
  }
  if (language !== 'expression' && language !== 'sql') return false;
  const cursor = cm.getCursor();
  const token = cm.getTokenAt(cursor, true);
  if (!token.state.inner) return false;
  return !/\b(string|comment)\b/.test(token.type || '');
}

function hintsFor(cm, names) {
  const cursor = cm.getCursor();
  const before = cm.getLine(cursor.line).slice(0, cursor.ch);
  const match = NAME_BEFORE_CURSOR.exec(before);
  const prefix = match ? match[0] : '';
  const lower = prefix.toLowerCase();
  const entries = names().filter(entry => entry.label !== prefix && entry.label.toLowerCase().startsWith(lower));
  // Top-level names before members, so `tab` offers `table1` before `table1.data`.
  entries.sort((a, b) => depth(a.label) - depth(b.label) || a.label.localeCompare(b.label));
  return {
    list: entries.map(entry => ({
      text: entry.label,
      render: (element) => {
        const label = document.createElement('span');
        label.className = 'code-field-hint-label';
        label.textContent = entry.label;
        element.appendChild(label);
        if (entry.detail) {
          const detail = document.createElement('span');
          detail.className = 'code-field-hint-detail';
          detail.textContent = entry.detail;
          element.appendChild(detail);
        }
      },
    })),
    from: CM.Pos(cursor.line, cursor.ch - prefix.length),
    to: cursor,
  };
}

function depth(label) {
  return label.split('.').length;
}

/**
 * A code field in `element`: `{value, language: 'sql'|'javascript'|'expression'|'json'|'text',
 * names: () => [{label, detail}], onChange(value), singleLine, label, readOnly, placeholder}` (the
 * placeholder shows while the field is empty: CodeMirror's placeholder addon). Returns
 * `{value(), setValue(text), focus(), refresh(), destroy()}`; setValue does not call onChange;
 * refresh() re-measures a field that was hidden (CodeMirror cannot measure in a hidden tab).
 */
export function codeField(element, options) {
  const language = options.language || 'text';
  const names = options.names || (() => []);
  const singleLine = !!options.singleLine;
  const host = document.createElement('div');
  host.className = 'code-field code-field-' + language + (singleLine ? ' code-field-single' : '')
    + (options.readOnly ? ' code-field-readonly' : '');
  element.appendChild(host);

  const hint = cm => hintsFor(cm, names);
  const openHints = cm => {
    if (options.readOnly || !completesHere(cm, language)) return;
    cm.showHint({ hint, completeSingle: false });
  };
  const extraKeys = { 'Ctrl-Space': openHints, 'Cmd-Space': openHints };
  if (singleLine) {
    extraKeys.Enter = () => {};
    // A one-line field is a form field: Tab leaves it rather than inserting a tab.
    extraKeys.Tab = false;
    extraKeys['Shift-Tab'] = false;
  }
  const cm = CM(host, {
    value: oneLine(options.value == null ? '' : String(options.value), singleLine),
    mode: MODES[language] === undefined ? null : MODES[language],
    readOnly: !!options.readOnly,
    lineNumbers: !singleLine && language !== 'expression' && language !== 'text',
    lineWrapping: singleLine || language === 'expression' || language === 'text',
    scrollbarStyle: singleLine ? null : 'native',
    viewportMargin: Infinity,
    indentUnit: 2,
    tabSize: 2,
    placeholder: options.placeholder || '',
    extraKeys,
  });

  const input = cm.getInputField();
  if (options.label) input.setAttribute('aria-label', options.label);
  if (options.readOnly) input.setAttribute('aria-readonly', 'true');
  if (!singleLine) input.setAttribute('aria-multiline', 'true');

  if (singleLine) {
    cm.on('beforeChange', (instance, change) => {
      if (change.update && change.text.length > 1) {
        change.update(change.from, change.to, [change.text.join(' ')]);
      }
    });
  }
  cm.on('inputRead', (instance, change) => {
    if (instance.state.completionActive) return;
    const typed = change.text[change.text.length - 1];
    if (change.origin === '+input' && typed.length === 1 && NAME_CHAR.test(typed)) openHints(instance);
  });

  let quiet = false;
  cm.on('changes', instance => {
    if (!quiet && options.onChange) options.onChange(instance.getValue());
  });

  return {
    value: () => cm.getValue(),
    setValue: text => {
      const next = oneLine(text == null ? '' : String(text), singleLine);
      if (next === cm.getValue()) return;
      quiet = true;
      try {
        cm.setValue(next);
      } finally {
        quiet = false;
      }
    },
    focus: () => cm.focus(),
    refresh: () => cm.refresh(),
    destroy: () => {
      cm.closeHint();
      host.remove();
    },
  };
}

function oneLine(text, singleLine) {
  return singleLine ? text.replace(/\r?\n/g, ' ') : text;
}
