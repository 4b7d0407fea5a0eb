// Themes (T-TH1): a theme's tokens become the CSS custom properties components.css and runtime.css
// read, set from here because neither the frame nor the console allows style attributes in
// markup. The app frame applies its bundle's theme to the document; the console's theme editor
// applies the theme being edited to its preview with the same mapping.

const COLOURS = {
  brand: ['--ty-brand'],
  text: ['--ty-text'],
  mutedText: ['--ty-text-muted'],
  surface: ['--ty-surface'],
  background: ['--ty-background', '--ty-surface-alt'],
  border: ['--ty-border'],
  danger: ['--ty-danger'],
  success: ['--ty-success'],
  warning: ['--ty-warning'],
  info: ['--ty-info'],
};
const PIXELS = { radius: '--ty-radius', spacing: '--ty-space' };

/** Sets the theme's custom properties and colour scheme on `element`; without a theme, the stylesheets' defaults stay. */
export function applyTheme(element, theme) {
  if (!theme || !theme.tokens) return;
  const tokens = theme.tokens;
  for (const [token, properties] of Object.entries(COLOURS)) {
    if (typeof tokens[token] === 'string') properties.forEach(property => element.style.setProperty(property, tokens[token]));
  }
  for (const [token, property] of Object.entries(PIXELS)) {
    if (Number.isFinite(tokens[token])) element.style.setProperty(property, tokens[token] + 'px');
  }
  if (typeof tokens.font === 'string') element.style.setProperty('--ty-font', tokens.font);
  if (typeof tokens.brand === 'string') element.style.setProperty('--ty-brand-text', textOn(tokens.brand));
  element.style.colorScheme = theme.mode === 'dark' ? 'dark' : 'light';
}

/** What expressions and components read as `theme`: the tokens by name, with the theme's name and mode. */
export function themeScope(theme) {
  if (!theme || !theme.tokens) return Object.freeze({});
  return Object.freeze({ ...theme.tokens, name: theme.name, mode: theme.mode });
}

// Text on the brand colour (a primary button's label): black or white, whichever contrasts more.
function textOn(colour) {
  const channels = [1, 3, 5].map(i => parseInt(colour.slice(i, i + 2), 16) / 255)
    .map(c => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const luminance = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
  return (1.05 / (luminance + 0.05)) >= ((luminance + 0.05) / 0.05) ? '#ffffff' : '#111111';
}
