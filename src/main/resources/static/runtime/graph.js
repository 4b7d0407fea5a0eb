// The dependency graph between the names of an app's scope (components, transformers), like a
// spreadsheet's: who reads whom, which names form cycles, and an order to compute transformers in.

/**
 * edges: Map name -> Set of names it reads (only names that are themselves computed).
 * Returns the cycles, each an array of names in the order they read each other (a -> b -> a).
 * `selfLoops` says which names may not read themselves (transformers: yes; a component reading
 * its own outputs is not a cycle, its outputs change only when the user acts).
 */
export function findCycles(edges, selfLoopIsCycle) {
  let index = 0;
  const indexes = new Map();
  const lows = new Map();
  const stack = [];
  const onStack = new Set();
  const cycles = [];

  function connect(name) {
    indexes.set(name, index);
    lows.set(name, index);
    index++;
    stack.push(name);
    onStack.add(name);
    for (const next of edges.get(name) || []) {
      if (!edges.has(next)) continue;
      if (!indexes.has(next)) {
        connect(next);
        lows.set(name, Math.min(lows.get(name), lows.get(next)));
      } else if (onStack.has(next)) {
        lows.set(name, Math.min(lows.get(name), indexes.get(next)));
      }
    }
    if (lows.get(name) === indexes.get(name)) {
      const members = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        members.push(member);
      } while (member !== name);
      if (members.length > 1) {
        cycles.push(orderCycle(members, edges));
      } else if ((edges.get(name) || new Set()).has(name) && selfLoopIsCycle(name)) {
        cycles.push([name, name]);
      }
    }
  }

  for (const name of edges.keys()) {
    if (!indexes.has(name)) connect(name);
  }
  return cycles;
}

// A readable path through a strongly connected group: start at its first name, follow reads.
function orderCycle(members, edges) {
  const inGroup = new Set(members);
  const start = members.slice().sort()[0];
  const path = [start];
  const seen = new Set([start]);
  let current = start;
  for (;;) {
    const reads = [...(edges.get(current) || [])].filter(name => inGroup.has(name));
    const next = reads.find(name => !seen.has(name)) || reads.find(name => name === start) || reads[0];
    path.push(next);
    if (seen.has(next)) break;
    seen.add(next);
    current = next;
  }
  return path;
}

/** Names in an order where each comes after the names it reads (names in cycles are left out). */
export function topologicalOrder(edges, excluded) {
  const order = [];
  const state = new Map();
  function visit(name) {
    if (excluded.has(name) || state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') return;
    state.set(name, 'visiting');
    for (const next of edges.get(name) || []) {
      if (edges.has(next) && next !== name) visit(next);
    }
    state.set(name, 'done');
    order.push(name);
  }
  for (const name of edges.keys()) visit(name);
  return order;
}
