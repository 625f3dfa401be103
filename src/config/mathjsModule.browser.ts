// mathjs in the browser bundle: imported statically (esbuild bundles it; there is no `require` in a page).
import * as mathjs from 'mathjs';

export function loadMathjs(): typeof import('mathjs') {
  return mathjs;
}
