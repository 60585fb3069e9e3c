// The schema types live in src/jsonEditing/jsonSchema.ts. This re-export only keeps the two generated schema modules
// (whose generators write `import type { JsonSchema } from './jsonSchema'` / '../poolPatch/jsonSchema') compiling
// until the generators import from src/jsonEditing; then it goes.
export type { JsonSchema } from '../jsonEditing/jsonSchema';
