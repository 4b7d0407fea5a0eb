// A module embedded in an app (T-M1). The module runs in a Runtime of its own, so its ids and names
// never clash with the app's: its inputs are names in its scope, fed from this component's `inputs`
// (evaluated in the app's scope); its declared outputs, evaluated in its scope, are this
// component's outputs; its moduleEvent actions emit this component's events, whose actions run in
// the app. Its queries go through the same shell, marked with the module's key, and the shell runs
// only queries of the bundle's modules.

import { Runtime } from '../runtime.js';
import { compileValue } from '../expressions.js';
import { el } from './support.js';

export default {
  create(host) {
    const root = host.element;
    root.classList.add('ty-component', 'ty-module');
    let key = null;
    let nested = null;
    let outputs = [];
    let building = 0;

    const publish = () => {
      if (!nested) return;
      const values = {};
      for (const output of outputs) {
        try {
          values[output.name] = output.compiled.evaluate(nested.scope());
        } catch (e) {
          values[output.name] = null;
        }
      }
      host.setOutputs(values);
    };

    const message = text => {
      nested = null;
      root.replaceChildren(el('p', { className: 'ty-module-message', text }));
    };

    const build = (props, wanted) => {
      const ticket = ++building;
      key = wanted;
      nested = null;
      outputs = [];
      if (!props.module) {
        message('Choose a module to show here');
        return;
      }
      const modules = host.app.modules;
      const entry = props.version ? modules[key]
        : modules[props.module + '@latest'] || modules[props.module + '@live'];
      if (!entry) {
        message("You don't have access to this module");
        return;
      }
      const moduleKey = props.version ? key : (modules[props.module + '@latest'] ? props.module + '@latest' : props.module + '@live');
      const shell = {
        post: request => host.app.shell.post(request),
        runQuery: request => host.app.shell.runQuery({ ...request, module: moduleKey }),
      };
      const bundle = {
        app: entry.app, release: entry.release, document: entry.document, queries: entry.queries,
        currentUser: host.app.currentUser, modules, theme: host.app.theme,
      };
      const runtime = new Runtime(bundle, host.app.catalog, host.app.params, shell, {
        inputs: props.inputs || {},
        onModuleEvent: (event, payload) => host.emit(event, payload),
        onChange: () => {
          if (nested === runtime) publish();
        },
      });
      outputs = ((entry.document.module || {}).outputs || []).map(output => ({
        name: output.name,
        compiled: compileValue(output.value, runtime.scopeNames),
      }));
      const body = el('div', { className: 'ty-module-body' });
      root.replaceChildren(body);
      body.dataset.module = moduleKey;
      nested = runtime;
      runtime.render(body, null).then(() => {
        if (ticket === building) publish();
      });
    };

    return {
      update(props) {
        const wanted = props.module ? props.module + '@' + (props.version || 'live') : null;
        if (wanted !== key) {
          build(props, wanted);
        } else if (nested) {
          nested.setInputs(props.inputs || {});
        }
      },
      destroy() {
        building++;
        nested = null;
        root.replaceChildren();
      },
    };
  },
};
