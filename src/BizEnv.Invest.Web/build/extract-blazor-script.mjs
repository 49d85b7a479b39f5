// Copies blazor.web.js out of the embedded resources of a .NET 9 Microsoft.AspNetCore.Components.Endpoints.dll
// (see FrontEnd.targets for why). Reads the PE/CLI headers to find the managed resources block, walks its
// length-prefixed entries and keeps the one that is the Blazor script. Usage: node extract-blazor-script.mjs DLL OUT
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const [dll, out] = process.argv.slice(2);
const pe = readFileSync(dll);
const peStart = pe.readUInt32LE(0x3c);
if (pe.readUInt32LE(peStart) !== 0x00004550) throw new Error(`${dll} is not a PE file`);
const sections = pe.readUInt16LE(peStart + 6);
const optionalSize = pe.readUInt16LE(peStart + 20);
const optional = peStart + 24;
const directories = optional + (pe.readUInt16LE(optional) === 0x20b ? 112 : 96);
const sectionTable = optional + optionalSize;

function fileOffset(rva) {
  for (let i = 0; i < sections; i++) {
    const s = sectionTable + i * 40;
    const va = pe.readUInt32LE(s + 12), size = Math.max(pe.readUInt32LE(s + 8), pe.readUInt32LE(s + 16));
    if (rva >= va && rva < va + size) return rva - va + pe.readUInt32LE(s + 20);
  }
  throw new Error(`RVA ${rva} is in no section`);
}

const cli = fileOffset(pe.readUInt32LE(directories + 14 * 8));
const resources = fileOffset(pe.readUInt32LE(cli + 24));
const resourcesSize = pe.readUInt32LE(cli + 28);

let script = null;
for (let pos = 0; pos + 4 <= resourcesSize;) {
  const length = pe.readUInt32LE(resources + pos);
  const body = pe.subarray(resources + pos + 4, resources + pos + 4 + length);
  const head = body.subarray(0, 64).toString('latin1');
  if (!head.startsWith('<?xml') && body.readUInt32LE(0) !== 0xbeefcace && body.includes('Blazor') && body.includes('_blazor')) {
    if (script) throw new Error('More than one resource looks like the Blazor script');
    script = body;
  }
  pos = (pos + 4 + length + 7) & ~7;
}
if (!script) throw new Error(`No Blazor script found in ${dll}`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, script);
console.log(`blazor.web.js: ${script.length} bytes from ${dll}`);
