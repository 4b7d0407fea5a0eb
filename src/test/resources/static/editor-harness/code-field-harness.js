// Mounts code fields the way the editor's panels do, for CodeFieldBrowserTest.
import { codeField } from '/editor/code-field.js';

const names = () => [
  { label: 'table1', detail: 'table' },
  { label: 'table1.selectedRow', detail: 'table output' },
  { label: 'table1.data', detail: 'table output' },
  { label: 'textInput1', detail: 'textInput' },
  { label: 'textInput1.value', detail: 'textInput output' },
  { label: 'current_user', detail: 'signed-in user' },
  // Typing `ta` offers this too, so typing the `b` of `tab` changes the list (see CodeFieldBrowserTest).
  { label: 'tags', detail: 'state' },
];
const changed = document.getElementById('changed');
const onChange = value => { changed.textContent = value; };

codeField(document.getElementById('expression'), {
  value: 'Hello {{ current_user.email }}', language: 'expression', names, onChange, singleLine: true, label: 'Expression',
});
codeField(document.getElementById('sql'), {
  value: 'select name from customers\nwhere id = {{ textInput1.value }}', language: 'sql', names, onChange, label: 'SQL',
});
codeField(document.getElementById('javascript'), {
  value: 'return table1.data.length;', language: 'javascript', names, onChange, label: 'Transformer',
});
codeField(document.getElementById('readonly'), {
  value: 'select 1', language: 'sql', names, onChange, label: 'Frozen SQL', readOnly: true,
});
document.body.dataset.ready = 'true';
