// Run once in every context of the expression sandbox (ExpressionSandbox), before any expression.
// A context serves many evaluations in turn, for different users: after this, nothing an
// expression can reach is mutable except what that evaluation made itself.
(function harden(limit) {
    'use strict';
    const apply = Reflect.apply;
    const isArray = Array.isArray;
    const defineProperty = Object.defineProperty;
    const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
    const tooLong = () => new RangeError('Server-side expressions may not handle more than ' + limit + ' elements');

    // Timing side channels and callbacks that would run during a later evaluation.
    delete globalThis.Java;
    delete globalThis.WeakRef;
    delete globalThis.FinalizationRegistry;

    // GraalJS cannot cancel some built-ins while they loop over an array-like object in Java (e.g.
    // Array.prototype.indexOf.call({length: 2 ** 32 - 1})): such a call would outlive every time
    // limit. Refuse any length over the limit before the built-in starts.
    function guard(original, tooBig) {
        const guarded = {
            [original.name](...args) {
                if (tooBig(this, args)) {
                    throw tooLong();
                }
                return apply(original, this, args);
            }
        }[original.name];
        defineProperty(guarded, 'length', { value: original.length });
        return guarded;
    }
    function replace(owner, key, tooBig) {
        const descriptor = getOwnPropertyDescriptor(owner, key);
        if (descriptor !== undefined && typeof descriptor.value === 'function') {
            descriptor.value = guard(descriptor.value, tooBig);
            defineProperty(owner, key, descriptor);
        }
    }
    const receiverTooLong = (receiver) => receiver !== null && receiver !== undefined && receiver.length > limit;
    for (const key of Object.getOwnPropertyNames(Array.prototype)) {
        if (key !== 'constructor') {
            replace(Array.prototype, key, receiverTooLong);
        }
    }
    const firstTooLong = (receiver, args) => args[0] !== null && args[0] !== undefined && args[0].length > limit;
    replace(Array, 'from', firstTooLong);
    const arrayTooLong = (receiver, args) => isArray(args[0]) && args[0].length > limit;
    for (const key of ['keys', 'values', 'entries', 'getOwnPropertyNames', 'getOwnPropertyDescriptors']) {
        replace(Object, key, arrayTooLong);
    }
    replace(Reflect, 'ownKeys', arrayTooLong);

    // Freeze everything reachable from the global object and from the intrinsics that only syntax
    // reaches (generator, async and iterator prototypes...), so no evaluation can leave anything
    // behind for the next one.
    const roots = [globalThis,
        Object.getPrototypeOf(function* () {}), Object.getPrototypeOf(async function () {}),
        Object.getPrototypeOf(async function* () {}), Object.getPrototypeOf([][Symbol.iterator]()),
        Object.getPrototypeOf(new Map().entries()), Object.getPrototypeOf(new Set().values()),
        Object.getPrototypeOf(''[Symbol.iterator]()), Object.getPrototypeOf(/a/[Symbol.matchAll]('')),
        Object.getPrototypeOf(Int8Array),
        getOwnPropertyDescriptor((function () { return arguments; })(), 'callee').get];
    const seen = new Set();
    const pending = roots.slice();
    while (pending.length > 0) {
        const object = pending.pop();
        if ((typeof object !== 'object' && typeof object !== 'function') || object === null || seen.has(object)) {
            continue;
        }
        seen.add(object);
        Object.freeze(object);
        pending.push(Object.getPrototypeOf(object));
        for (const key of Reflect.ownKeys(object)) {
            const descriptor = getOwnPropertyDescriptor(object, key);
            if ('value' in descriptor) {
                pending.push(descriptor.value);
            } else {
                pending.push(descriptor.get, descriptor.set);
            }
        }
    }
    return seen.size;
})
