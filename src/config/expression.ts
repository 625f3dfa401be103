// The expression sandbox: config strings may be arithmetic on numbers and units ("3840*2160", "sqrt(3)/1024 GHz"),
// nothing else. The parsed tree is checked against an allow-list before mathjs evaluates it, so no file can call
// createUnit/config/import/evaluate, build matrices, define functions or assign (issue 14: one such string once
// redefined "GB" for every later point, and `zeros(1e5, 1e5)` aborted V8).
import type { MathJsInstance, MathNode } from 'mathjs';

/** Longest expression accepted: configs hold short quantities; anything longer is a mistake or an attack. */
export const MAX_EXPRESSION_CHARS = 200;
/** Most parse-tree nodes accepted (`"sqrt(3) / 1024 GHz"` has 7). */
export const MAX_EXPRESSION_NODES = 64;

/** Operators of arithmetic and unit conversion ("6 MiB to B"). */
const OPERATORS = new Set(['add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus', 'to']);
/** Scalar functions with no side effects and bounded cost. */
const FUNCTIONS = new Set([
  'sqrt',
  'cbrt',
  'exp',
  'log',
  'log2',
  'log10',
  'abs',
  'min',
  'max',
  'floor',
  'ceil',
  'round',
]);
const CONSTANTS = new Set(['pi', 'e', 'tau']);

/** Why an expression was refused; the text follows "expected … (" in the config error. */
export class ExpressionError extends Error {}

/**
 * Parses `text` and checks every node: numbers, unit names, the constants pi/e/tau, + - * / ^, `to`, parentheses
 * and calls of the scalar functions above. Throws ExpressionError naming the first forbidden construct.
 */
export function checkedExpression(math: MathJsInstance, text: string): MathNode {
  if (text.length > MAX_EXPRESSION_CHARS) {
    throw new ExpressionError(`expression of ${text.length} characters; at most ${MAX_EXPRESSION_CHARS}`);
  }
  const root = math.parse(text);
  let nodes = 0;
  const visit = (node: MathNode): void => {
    if (++nodes > MAX_EXPRESSION_NODES) {
      throw new ExpressionError(`expression of more than ${MAX_EXPRESSION_NODES} terms`);
    }
    const n = node as MathNode & Record<string, any>;
    switch (node.type) {
      case 'ConstantNode':
        if (typeof n.value !== 'number')
          throw new ExpressionError(`${JSON.stringify(n.value)} is not a number`);
        return;
      case 'ParenthesisNode':
        visit(n.content);
        return;
      case 'OperatorNode':
        if (!OPERATORS.has(n.fn)) throw new ExpressionError(`operator "${n.op}" is not arithmetic`);
        for (const a of n.args) visit(a);
        return;
      case 'SymbolNode':
        if (!CONSTANTS.has(n.name) && !isUnitName(math, n.name)) {
          throw new ExpressionError(`"${n.name}" is not a unit or constant`);
        }
        return;
      case 'FunctionNode': {
        const name = n.fn?.type === 'SymbolNode' ? (n.fn.name as string) : '';
        if (!FUNCTIONS.has(name)) {
          throw new ExpressionError(
            `function ${name ? `"${name}"` : 'call'} is not allowed (only ${[...FUNCTIONS].join(', ')})`,
          );
        }
        for (const a of n.args) visit(a);
        return;
      }
      default:
        throw new ExpressionError(
          `${describeNode(node.type)} is not allowed (only arithmetic on numbers and units)`,
        );
    }
  };
  visit(root);
  return root;
}

function isUnitName(math: MathJsInstance, name: string): boolean {
  try {
    return (math as any).Unit.isValuelessUnit(name) === true;
  } catch {
    return false;
  }
}

const NODE_WORDS: Record<string, string> = {
  AccessorNode: 'indexing',
  ArrayNode: 'an array',
  AssignmentNode: 'an assignment',
  BlockNode: 'a block of statements',
  ConditionalNode: 'a conditional',
  FunctionAssignmentNode: 'a function definition',
  IndexNode: 'indexing',
  ObjectNode: 'an object',
  RangeNode: 'a range',
  RelationalNode: 'a comparison',
};

function describeNode(type: string): string {
  return NODE_WORDS[type] ?? type;
}
