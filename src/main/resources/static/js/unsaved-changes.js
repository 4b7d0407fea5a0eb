// T-G5: a form marked data-unsaved-warning is a draft until it is submitted. Editing it marks it
// dirty; leaving the page while a dirty form is on it asks the browser to warn (beforeunload);
// submitting it clears the mark, so saving never warns. Listeners sit on the document, so forms
// that htmx swaps in later are covered too. A plain module: no inline code, nothing evaluated.

const DRAFT = 'form[data-unsaved-warning]';

function draftOf(target) {
  return target instanceof Element ? target.closest(DRAFT) : null;
}

function mark(form, dirty) {
  form.toggleAttribute('data-dirty', dirty);
  for (const status of form.querySelectorAll('[data-unsaved-status]')) {
    status.hidden = !dirty;
  }
}

function edited(event) {
  const form = draftOf(event.target);
  if (form) {
    mark(form, true);
  }
}

document.addEventListener('input', edited);
document.addEventListener('change', edited);

document.addEventListener('submit', (event) => {
  const form = draftOf(event.target);
  if (form && !event.defaultPrevented) {
    mark(form, false);
  }
});

document.addEventListener('reset', (event) => {
  const form = draftOf(event.target);
  if (form) {
    mark(form, false);
  }
});

// A link or form that htmx boosts swaps the page without unloading it, so beforeunload never
// fires: ask before such a request leaves a dirty draft behind.
document.addEventListener('htmx:beforeRequest', (event) => {
  const draft = document.querySelector(DRAFT + '[data-dirty]');
  if (draft && event.detail.boosted && !draft.contains(event.detail.elt)
      && !window.confirm('Leave this page? Your changes are not saved.')) {
    event.preventDefault();
  }
});

window.addEventListener('beforeunload', (event) => {
  if (document.querySelector(DRAFT + '[data-dirty]')) {
    event.preventDefault();
    // Older Chromium versions show the dialog only when returnValue is set.
    event.returnValue = '';
  }
});
