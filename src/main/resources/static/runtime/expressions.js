// {{ }} templates of the app document: where an expression ends, which names it reads, and its
// compiled function. Runs inside the sandboxed frame only: compiling with new Function needs the
// frame's 'unsafe-eval', which the console's pages never grant.

const OPENERS = { '(': ')', '[': ']', '{': '}' };
const KEYWORDS = new Set(['await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default',
  'delete', 'do', 'else', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in',
  'instanceof', 'let', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof',
  'var', 'void', 'while', 'with', 'yield', 'undefined', 'async', 'of']);

function isNameStart(c) {
  return /[A-Za-z_$]/.test(c);
}

function isNamePart(c) {
  return /[A-Za-z0-9_$]/.test(c);
}

// Reads code from `start` until `}}` at bracket depth 0 (inTemplate: false), or to the end of the
// text. Returns where it stopped and the names read outside property positions.
function lex(text, start, stopAtBraces) {
  const names = new Set();
  const stack = [];
  let at = start;
  let previous = '';
  while (at < text.length) {
    const c = text[at];
    if (stopAtBraces && stack.length === 0 && c === '}' && text[at + 1] === '}') {
      return { end: at, names };
    }
    if (c === '/' && text[at + 1] === '/') {
      while (at < text.length && text[at] !== '\n') at++;
    } else if (c === '/' && text[at + 1] === '*') {
      const close = text.indexOf('*/', at + 2);
      at = close < 0 ? text.length : close + 2;
    } else if (c === '"' || c === "'") {
      at++;
      while (at < text.length && text[at] !== c) at += text[at] === '\\' ? 2 : 1;
      at++;
      previous = 'value';
    } else if (c === '`') {
      at = template(text, at + 1, names, stack);
      previous = 'value';
    } else if (c === '}' && stack.length && stack[stack.length - 1] === '${') {
      stack.pop();
      at = template(text, at + 1, names, stack);
      previous = 'value';
    } else if (OPENERS[c]) {
      stack.push(c);
      at++;
      previous = c;
    } else if (c === ')' || c === ']' || c === '}') {
      stack.pop();
      at++;
      previous = 'value';
    } else if (isNameStart(c)) {
      let end = at + 1;
      while (end < text.length && isNamePart(text[end])) end++;
      const name = text.slice(at, end);
      if (previous !== '.' && !KEYWORDS.has(name)) names.add(name);
      at = end;
      previous = 'value';
    } else if (/\s/.test(c)) {
      at++;
    } else {
      previous = c === '?' && text[at + 1] === '.' ? '.' : c;
      at += previous === '.' && c === '?' ? 2 : 1;
    }
  }
  if (stopAtBraces) {
    throw new SyntaxError("'{{' at position " + (start - 2) + " has no closing '}}'");
  }
  return { end: at, names };
}

// Reads a template literal's text from `at` (just after a backtick or a substitution's `}`) up to
// its end or the next `${`, whose code the caller then lexes.
function template(text, at, names, stack) {
  while (at < text.length) {
    if (text[at] === '\\') {
      at += 2;
    } else if (text[at] === '`') {
      return at + 1;
    } else if (text[at] === '$' && text[at + 1] === '{') {
      stack.push('${');
      return at + 2;
    } else {
      at++;
    }
  }
  return at;
}

/** The names a piece of code (an expression or a transformer body) mentions as variables. */
export function namesIn(code) {
  return lex(code, 0, false).names;
}

/**
 * Splits a property's text into literal text and expressions:
 * { single: true, expression } when the text is exactly one {{ }}, else { parts: [string | {expression}] }.
 */
export function parseTemplate(text) {
  const parts = [];
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf('{{', at);
    if (open < 0) {
      parts.push(text.slice(at));
      break;
    }
    if (open > at) parts.push(text.slice(at, open));
    const { end, names } = lex(text, open + 2, true);
    parts.push({ expression: text.slice(open + 2, end).trim(), names });
    at = end + 2;
  }
  if (parts.length === 1 && typeof parts[0] === 'object') {
    return { single: true, expression: parts[0].expression, names: parts[0].names };
  }
  const names = new Set();
  parts.forEach(part => typeof part === 'object' && part.names.forEach(name => names.add(name)));
  return { single: false, parts, names };
}

export function hasExpression(value) {
  return typeof value === 'string' && value.includes('{{');
}

const compiled = new Map();

// One function per (code, names): the same expression text is compiled once however often it runs.
function compile(kind, code, names) {
  const key = kind + '\u0000' + names.join(',') + '\u0000' + code;
  let fn = compiled.get(key);
  if (!fn) {
    const body = kind === 'expression' ? '"use strict";\nreturn (' + code + '\n);' : '"use strict";\n' + code;
    fn = new Function(...names, body);
    compiled.set(key, fn);
  }
  return fn;
}

/**
 * A compiled value of the document: a JSON value whose strings may hold {{ }}. `names` is every
 * scope name it reads; `evaluate(scope)` gives its value (text for a string mixing text and
 * expressions). Compiling throws a SyntaxError for broken code, evaluating what the code throws.
 */
export function compileValue(value, scopeNames) {
  if (hasExpression(value)) {
    const template = parseTemplate(value);
    const names = [...template.names].filter(name => scopeNames.has(name));
    if (template.single) {
      const fn = compile('expression', template.expression, names);
      return { names, evaluate: scope => fn(...names.map(name => scope(name))) };
    }
    const pieces = template.parts.map(part => {
      if (typeof part === 'string') return () => part;
      const used = [...part.names].filter(name => scopeNames.has(name));
      const fn = compile('expression', part.expression, used);
      return scope => text(fn(...used.map(name => scope(name))));
    });
    return { names, evaluate: scope => pieces.map(piece => piece(scope)).join('') };
  }
  if (Array.isArray(value) && value.some(containsExpression)) {
    const items = value.map(item => compileValue(item, scopeNames));
    return { names: union(items), evaluate: scope => items.map(item => item.evaluate(scope)) };
  }
  if (value !== null && typeof value === 'object' && containsExpression(value)) {
    const entries = Object.entries(value).map(([key, item]) => [key, compileValue(item, scopeNames)]);
    return {
      names: union(entries.map(entry => entry[1])),
      evaluate: scope => Object.fromEntries(entries.map(([key, item]) => [key, item.evaluate(scope)])),
    };
  }
  return { names: [], evaluate: () => value };
}

/** A transformer: a function body over the scope; its value is what the body returns. */
export function compileBody(body, scopeNames) {
  const names = [...namesIn(body)].filter(name => scopeNames.has(name));
  const fn = compile('body', body, names);
  return { names, evaluate: scope => fn(...names.map(name => scope(name))) };
}

function containsExpression(value) {
  if (hasExpression(value)) return true;
  if (Array.isArray(value)) return value.some(containsExpression);
  if (value !== null && typeof value === 'object') return Object.values(value).some(containsExpression);
  return false;
}

function union(compiledValues) {
  const names = new Set();
  compiledValues.forEach(item => item.names.forEach(name => names.add(name)));
  return [...names];
}

/** How a value reads inside text: nothing for null and undefined, JSON for objects. */
export function text(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    try {
      return JSON.stringify(value);
    } catch (e) {
      return String(value);
    }
  }
  return String(value);
}
