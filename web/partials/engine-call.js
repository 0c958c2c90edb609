  // Calls the engine's export `name` (tools/assemble-web.mjs writes this helper into every
  // page script that talks to an engine). Strings go through the heap, not ccall's stack
  // copy: a pack, a link or a message can be larger than the whole wasm stack.
  // `numberResults`: the exports that return a number rather than a string.
  function callEngine(module, numberResults, name, args) {
    const encoder = new TextEncoder();
    const pointers = [];
    try {
      const values = args.map((a) => {
        if (typeof a === 'number') return a;
        const bytes = encoder.encode(String(a));
        const pointer = module._malloc(bytes.length + 1);
        if (!pointer) throw new Error(`Explainer: out of memory for a ${bytes.length}-byte argument`);
        pointers.push(pointer);
        module.HEAPU8.set(bytes, pointer);
        module.HEAPU8[pointer + bytes.length] = 0;
        return pointer;
      });
      return module.ccall(name, numberResults.has(name) ? 'number' : 'string', values.map(() => 'number'), values);
    } finally {
      for (const pointer of pointers) module._free(pointer);
    }
  }
