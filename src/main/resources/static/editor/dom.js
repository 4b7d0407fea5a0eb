// Building the editor's elements: `el('div', {className, attrs}, ...children)` and a plain button.

export function el(tag, { className, attrs } = {}, ...children) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  Object.entries(attrs || {}).forEach(([name, value]) => element.setAttribute(name, value));
  children.forEach(child => element.append(child));
  return element;
}

export function button(text, onClick, className) {
  const element = el('button', { className: className || '', attrs: { type: 'button' } }, text);
  element.addEventListener('click', onClick);
  return element;
}
