import { describe, expect, it } from 'vitest';
import { conversationAfter, readFollowUp } from '../../src/answer/followUp.js';

describe('reading a follow-up question', () => {
  it('GIVEN "they" after a question about the talks THEN it is read as the talks, and says so', () => {
    const previous = conversationAfter('When did the US and Cuba resume their migration talks?', []);
    const read = readFollowUp('And when were they suspended?', previous);
    expect(read.text).toBe('And when were migration talks suspended?');
    expect(read.reading?.note).toBe("Taking 'they' as migration talks");
  });

  it('GIVEN "he" and "his" THEN they stand for the person the previous question named, or else the one its answer named', () => {
    expect(readFollowUp('How long is his sentence?', conversationAfter('Who is Alan Gross?', [])).text).toBe("How long is Alan Gross's sentence?");
    const afterWho = conversationAfter('Who headed the Cuban delegation in New York?', ['Dagoberto Rodriguez']);
    expect(readFollowUp('What did he say about the meeting?', afterWho).reading?.note).toBe("Taking 'he' as Dagoberto Rodriguez");
  });

  it('GIVEN only a new qualifier ("what about …", "and in …") THEN the previous question is asked again with it', () => {
    const previous = conversationAfter('Where did the delegations meet in July 2009?', []);
    expect(readFollowUp('what about in July 2013?', previous).text).toBe('Where did the delegations meet in July 2013?');
    const rounds = conversationAfter('Where were the 2009 talks held?', []);
    expect(readFollowUp('What about the fourth round?', rounds).text).toBe('Where were the fourth round held?');
  });

  it('GIVEN "that accord" THEN it is the accord the previous question named', () => {
    const previous = conversationAfter('How many visas does the US grant Cubans each year under the migration accord?', []);
    expect(readFollowUp('When was that accord signed?', previous).text).toBe('When was the migration accord signed?');
  });

  it('GIVEN a question that stands on its own, or no previous question THEN it is read as it is', () => {
    const previous = conversationAfter('Who is Alan Gross?', []);
    expect(readFollowUp('Who is Jose Pertierra?', previous)).toEqual({ text: 'Who is Jose Pertierra?' });
    expect(readFollowUp('How long is his sentence?', undefined)).toEqual({ text: 'How long is his sentence?' });
  });
});
