// The one check between an app's frame and the run API (T-SEC3, T-M1), used by the end user's
// shell and by the editor's canvas alike: a frame may run only a query of its bundle's app, or of a
// module the bundle resolved, on that owner's own endpoint and release, sending only the values and
// state its expressions need and, for a library import, its parameters.

/**
 * `{url, request}` for a frame's `runQuery` message, or null when the bundle has no such query.
 * `release` is the app's own selector (null for the live document).
 */
export function queryRun(bundle, appId, release, message) {
  const owner = queryOwner(bundle, appId, release, message.module);
  const query = owner && owner.queries.find(q => q.name === message.name);
  if (!query || !query.runUrl.startsWith('/api/v1/apps/' + owner.id + '/')) return null;
  const request = { values: pick(message.values, query.expressions), state: pick(message.state, query.stateNames) };
  // A library import's parameters are its declared inputs; the server refuses names it does not declare.
  if (query.kind === 'import' && message.parameters && typeof message.parameters === 'object') {
    request.parameters = { ...message.parameters };
  }
  if (owner.release) request.release = owner.release;
  return { url: query.runUrl, request };
}

// The app's own queries, or those of a module the bundle resolved: a module's unpinned draft runs
// at "latest", a module release at its version, a module without releases at its live draft.
function queryOwner(bundle, appId, release, moduleKey) {
  if (!bundle) return null;
  if (moduleKey === undefined || moduleKey === null) return { id: appId, queries: bundle.queries, release };
  const modules = bundle.modules || {};
  if (typeof moduleKey !== 'string' || !Object.prototype.hasOwnProperty.call(modules, moduleKey)) return null;
  const module = modules[moduleKey];
  const selector = moduleKey.endsWith('@latest') ? 'latest' : (module.release ? module.release.version : null);
  return { id: module.app.id, queries: module.queries, release: selector };
}

function pick(source, keys) {
  const picked = {};
  for (const key of keys || []) {
    if (source && Object.prototype.hasOwnProperty.call(source, key)) picked[key] = source[key];
  }
  return picked;
}
