// A stand-in for the runtime's host side (docs/app-document.md, "Component modules"): it applies
// the catalog's defaults, records what components publish and emit, and mounts children.
const catalog = await (await fetch('/runtime/catalog.json')).json();
const instances = new Map();
const harness = { outputs: {}, events: [], setOutputCalls: 0 };
window.harness = harness;

function defaults(type) {
  const result = {};
  const declared = Object.assign({}, catalog.common.properties, catalog.types[type].properties);
  for (const name of Object.keys(declared)) result[name] = declared[name].default;
  return result;
}

function mountInto(parent, spec) {
  const element = document.createElement('div');
  element.id = spec.id;
  element.className = 'harness-slot' + (spec.tall ? ' harness-tall' : '');
  parent.appendChild(element);
  const children = spec.children || [];
  const host = {
    id: spec.id,
    element,
    theme: {},
    setOutputs(outputs) {
      harness.setOutputCalls += 1;
      harness.outputs[spec.id] = Object.assign({}, harness.outputs[spec.id], outputs);
    },
    emit(event, payload) {
      harness.events.push({ id: spec.id, event, payload });
    },
    mountChildren(target, slot) {
      for (const child of children) {
        if (slot === undefined || child.slot === slot) mountInto(target, child);
      }
    }
  };
  return import('/runtime/components/' + spec.type + '.js').then((module) => {
    const instance = module.default.create(host);
    const props = Object.assign(defaults(spec.type), spec.props || {});
    instances.set(spec.id, { instance, props, type: spec.type });
    instance.update(props);
    return instance;
  });
}

/** Mounts a component (and, through mountChildren, its children) on the stage. */
window.mount = async (spec) => {
  await mountInto(document.getElementById('stage'), spec);
  // Children load their modules asynchronously: wait until every one has been created.
  const expected = countOf(spec);
  while (instances.size < expected) await new Promise((resolve) => setTimeout(resolve, 10));
};

function countOf(spec) {
  return 1 + (spec.children || []).reduce((sum, child) => sum + countOf(child), 0);
}

/** Changes properties, as the runtime does when an expression's value or setComponent changes one. */
window.updateProps = (id, changes) => {
  const entry = instances.get(id);
  entry.props = Object.assign({}, entry.props, changes);
  entry.instance.update(entry.props);
};

/** Calls a method of an instance, as the runtime does for openModal/closeModal. */
window.call = (id, method) => instances.get(id).instance[method]();

/** Destroys a component, as the runtime does when it leaves the page. */
window.destroy = (id) => {
  instances.get(id).instance.destroy();
  instances.delete(id);
};

window.harnessReady = true;
