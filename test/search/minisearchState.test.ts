import { describe, expect, it } from 'vitest';
import { ParagraphIndex } from '../../src/search/paragraphIndex.js';
import { searchTerms } from '../../src/text/tokens.js';

const paragraphs = [
  { id: 1, text: 'The ferry between Key West and Havana starts in March.' },
  { id: 2, text: 'Talks on migration resumed in July 2009 in Havana.' },
  { id: 3, text: 'A weekly ferry service was announced by the operator.' },
];

describe('a saved minisearch index', () => {
  it('GIVEN an index saved and restored THEN it ranks exactly as the original, and still takes additions and removals', async () => {
    const original = ParagraphIndex.create();
    await original.add(paragraphs);
    await original.remove([3]);
    const restored = ParagraphIndex.deserialize(original.serialize());
    for (const question of ['ferry to Havana', 'when did talks resume', 'weekly operator']) {
      const terms = searchTerms(question);
      expect(await restored.search(terms, 10)).toEqual(await original.search(terms, 10));
    }
    await restored.add([{ id: 4, text: 'Cienfuegos will host the next round.' }]);
    expect((await restored.search(searchTerms('Cienfuegos'), 10)).map((hit) => hit.id)).toEqual([4]);
  });

  it('refuses a buffer that does not hold an index', () => {
    expect(() => ParagraphIndex.deserialize(Buffer.from('not an index'))).toThrow();
  });
});
