/** A JSON path → the editor range that shows it, through the Lezer syntax tree of the document. No DOM. */
import { ensureSyntaxTree, syntaxTree } from '@codemirror/language';
import type { EditorState } from '@codemirror/state';
import type { SyntaxNode } from '@lezer/common';
import type { JsonPath } from '../../../jsonEditing/editorModel';

function valueChildren(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (!['[', ']', '{', '}', ',', ':', '⚠'].includes(c.name)) {
      out.push(c);
    }
  }
  return out;
}

function propertyNamed(state: EditorState, object: SyntaxNode, name: string): { label: SyntaxNode; value: SyntaxNode } | undefined {
  for (const property of valueChildren(object).filter((c) => c.name === 'Property')) {
    const label = property.getChild('PropertyName');
    if (!label) {
      continue;
    }
    let key: unknown;
    try {
      key = JSON.parse(state.sliceDoc(label.from, label.to));
    } catch {
      key = undefined;
    }
    if (key === name) {
      return { label, value: valueChildren(property).find((c) => c.name !== 'PropertyName') ?? label };
    }
  }
  return undefined;
}

/**
 * The range to mark for `path`: a scalar value itself; an object or array value by its property name (or its opening
 * bracket at the root or in an array); the deepest existing part when the path goes further than the document.
 */
export function rangeForPath(state: EditorState, path: JsonPath): { from: number; to: number } {
  // The whole document's tree (the parser may not have reached the end yet: give it up to 50 ms).
  const tree = ensureSyntaxTree(state, state.doc.length, 50) ?? syntaxTree(state);
  let node: SyntaxNode | null = tree.topNode.firstChild;
  let label: SyntaxNode | null = null;
  for (const segment of path) {
    if (!node) {
      break;
    }
    let next: SyntaxNode | null = null;
    if (node.name === 'Object' && typeof segment === 'string') {
      const property = propertyNamed(state, node, segment);
      if (property) {
        label = property.label;
        next = property.value;
      }
    } else if (node.name === 'Array' && typeof segment === 'number') {
      next = valueChildren(node)[segment] ?? null;
      label = null;
    }
    if (!next) {
      break;
    }
    node = next;
  }
  if (!node) {
    return { from: 0, to: Math.min(1, state.doc.length) };
  }
  if ((node.name === 'Object' || node.name === 'Array') && label) {
    return { from: label.from, to: label.to };
  }
  if (node.name === 'Object' || node.name === 'Array') {
    return { from: node.from, to: node.from + 1 };
  }
  return { from: node.from, to: Math.max(node.to, node.from + 1) };
}
