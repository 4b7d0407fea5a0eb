// The theme editor's live preview (T-TH1): the form's values become the preview's custom
// properties through the runtime's own mapping, so the preview looks as apps will. The console's
// CSP forbids style attributes in markup; setting them from a module is allowed.

import { applyTheme } from '/runtime/theme.js';

const COLOURS = ['brand', 'text', 'mutedText', 'surface', 'background', 'border', 'danger', 'success', 'warning', 'info'];

const form = document.querySelector('form[data-theme-editor]');
const preview = document.querySelector('[data-theme-preview]');

if (form && preview) {
  const field = name => form.elements.namedItem(name);
  const customFont = document.querySelector('[data-custom-font]');

  const theme = () => {
    const tokens = {};
    COLOURS.forEach(name => { tokens[name] = field(name).value; });
    const choice = field('font').value;
    tokens.font = choice === 'custom' ? field('customFont').value : choice;
    tokens.radius = Number(field('radius').value);
    tokens.spacing = Number(field('spacing').value);
    return { mode: field('mode').value, tokens };
  };

  const update = () => {
    customFont.hidden = field('font').value !== 'custom';
    const current = theme();
    preview.dataset.mode = current.mode;
    applyTheme(preview, current);
  };

  form.addEventListener('input', update);
  form.addEventListener('change', update);
  update();
}
