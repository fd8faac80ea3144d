import { describe, expect, it } from 'vitest';
import { conversationAfter, readFollowUp } from '../../src/answer/followUp.js';
import { openArchivist, shownPassages } from '../../src/index.js';
import { SEEDS } from '../helpers.js';

const seedArchivist = await openArchivist({ corpus: SEEDS, indexDir: null });

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

  it('GIVEN "and …?" with a question of its own and no date THEN it keeps the previous date, and says how it was read', () => {
    const previous = conversationAfter('Who headed the Cuban delegation at the 2009 talks?', ['Dagoberto Rodriguez']);
    const read = readFollowUp('And who spoke for the State Department?', previous);
    expect(read.text).toBe('Who spoke for the State Department at the 2009 talks?');
    expect(read.reading?.note).toBe('Reading this as: Who spoke for the State Department at the 2009 talks?');
    expect(readFollowUp('And who spoke for the State Department in 2013?', previous)).toEqual({ text: 'And who spoke for the State Department in 2013?', continues: true });
    expect(readFollowUp('And when did the US delegation arrive?', previous)).toEqual({ text: 'And when did the US delegation arrive?', continues: true });
    const undated = conversationAfter('Who headed the Cuban delegation in New York?', ['Dagoberto Rodriguez']);
    expect(readFollowUp('And who spoke for the State Department?', undated)).toEqual({ text: 'And who spoke for the State Department?', continues: true });
  });

  it('GIVEN a pronoun follow-up with no date THEN the note names the date it kept', () => {
    const previous = conversationAfter('Where did the migration talks take place in 2009?', []);
    const read = readFollowUp('Who led them?', previous);
    expect(read.text).toBe('Who led the migration talks in 2009?');
    expect(read.reading?.note).toBe("Taking 'them' as the migration talks, still 'in 2009'");
  });

  it('GIVEN only a bare question word, or "why did it do that?" THEN the previous question is asked again with it', () => {
    const where = conversationAfter('Where did the Cuban delegates invite the US delegation to continue the discussions?', []);
    expect(readFollowUp('And when?', where).reading?.note).toBe('Reading this as: When did the Cuban delegates invite the US delegation to continue the discussions?');
    expect(readFollowUp('Why did it do that?', conversationAfter('When did the OAS suspend Cuba?', [])).text).toBe('Why did the OAS suspend Cuba?');
    const who = conversationAfter('Who suspended the talks in 2003?', ['George W Bush']);
    expect(readFollowUp('Why did they do it?', who).text).toBe('Why did George W Bush suspend the talks in 2003?');
  });

  it('GIVEN only another side ("and the US?", "and for Cuba?") THEN the previous question is asked about that side', () => {
    expect(readFollowUp('And the US?', conversationAfter('Who represented Cuba at the Washington talks?', ['Josefina Vidal'])).text).toBe('Who represented the US at the Washington talks?');
    expect(readFollowUp('And for Cuba?', conversationAfter('Who chaired the Washington meeting for the US?', ['Alex Lee'])).text).toBe('Who chaired the Washington meeting for Cuba?');
    expect(readFollowUp('What about the American one?', conversationAfter('Who headed the Cuban delegation in New York?', [])).text).toBe('Who headed the American delegation in New York?');
  });

  it('GIVEN "that meeting" after a question about a round of talks THEN it is that round', () => {
    const previous = conversationAfter('Where was the fourth round of migration talks held?', []);
    expect(readFollowUp('What case tarnished that meeting?', previous).reading?.note).toBe("Taking 'that meeting' as the fourth round of migration talks");
  });

  it('GIVEN "they" after a who-question answered with several people THEN it is all of them', () => {
    const previous = conversationAfter('Who issued a joint statement condemning the move?', ['Lincoln Diaz-Balart', 'Ileana Ros-Lehtinen', 'Mario Diaz-Balart']);
    expect(readFollowUp('What did they say?', previous).reading?.note).toBe("Taking 'they' as Lincoln Diaz-Balart, Ileana Ros-Lehtinen and Mario Diaz-Balart");
  });

  it('GIVEN a name that only qualifies a noun ("the New York meeting") THEN "his" does not stand for it', () => {
    const previous = conversationAfter("Who led Cuba's delegation at the New York meeting?", []);
    expect(readFollowUp('What is his government post?', previous)).toEqual({ text: 'What is his government post?' });
  });

  it('GIVEN "cancel it" after an answer about calls to cancel the meeting THEN "it" is the meeting', () => {
    const previous = { ...conversationAfter('What calls did the ship seizure trigger?', []), answer: 'The seizure of a ship had triggered calls from some lawmakers to cancel the meeting.' };
    const read = readFollowUp('But why did the State Department refuse to cancel it?', previous);
    expect(read.text).toBe('But why did the State Department refuse to cancel the meeting?');
    expect(read.reading?.note).toBe("Taking 'it' as the meeting");
  });
});

describe('a new question whose pronoun stands for something it names itself', () => {
  it('GIVEN "its" or "their" after a noun of the same question THEN it is read as it is, with no reading shown', () => {
    const previous = conversationAfter('What did the 1995 migration accord establish?', []);
    for (const question of ['What did Cuba say about its willingness to keep up the exchanges?', 'Where did the Cuban delegates invite the US delegation to come after their talks in New York?']) {
      expect(readFollowUp(question, previous)).toEqual({ text: question });
    }
    const round = conversationAfter('Where was the fourth round of migration talks held?', []);
    expect(readFollowUp('What was the outcome of its meeting?', round).reading?.note).toBe("Taking 'its' as the fourth round of migration talks");
  });

  it('GIVEN "he" after a person named in an earlier clause THEN it is that person; GIVEN "he" alone THEN the previous person', () => {
    const previous = conversationAfter('Who is Josefina Vidal?', []);
    expect(readFollowUp('What did Alan Gross deliver, and why was he convicted?', previous)).toEqual({ text: 'What did Alan Gross deliver, and why was he convicted?' });
    expect(readFollowUp('Why was he convicted?', conversationAfter('Who is Alan Gross?', [])).reading?.note).toBe("Taking 'he' as Alan Gross");
  });
});

describe('follow-ups answered from the seeds', () => {
  it('GIVEN a question about the 2009 talks WHEN "and who spoke for the State Department?" follows THEN the 2009 spokesman answers, with the reading', async () => {
    const archivist = await openArchivist({ corpus: SEEDS, indexDir: null });
    const first = await archivist.ask('Who headed the Cuban delegation at the 2009 talks?');
    const second = await archivist.ask('And who spoke for the State Department?', first.conversation ? { conversation: first.conversation } : {});
    expect(second.reading?.note).toBe('Reading this as: Who spoke for the State Department at the 2009 talks?');
    expect(second.answer?.text).toContain('Ian Kelly');
    await archivist.close();
  });
});

describe("the README's follow-up session", () => {
  it('GIVEN "when did talks resume?" THEN "and when were they suspended?" is read with the talks and answered with a date, and "why did Bush suspend them?" after "and who headed the Cuban delegation?" is still about the talks', async () => {
    const archivist = await openArchivist({ corpus: SEEDS, indexDir: null });
    const turns: Array<Awaited<ReturnType<typeof archivist.ask>>> = [];
    for (const question of ['when did talks resume?', 'and when were they suspended?', 'and who headed the Cuban delegation?', 'why did Bush suspend them?']) {
      const conversation = turns.at(-1)?.conversation;
      turns.push(await archivist.ask(question, conversation ? { conversation } : {}));
    }
    const [, suspended, delegation, why] = turns;
    expect(delegation?.answer?.text).toContain('Dagoberto Rodriguez');
    expect(suspended?.reading?.note).toBe("Taking 'they' as talks");
    expect(suspended?.answer?.text).toMatch(/suspended the talks in (?:2003|January 2004)/);
    expect(why?.reading?.note).toBe("Taking 'them' as talks");
    expect(why?.answer?.text).toMatch(/making no headway|refusing to discuss key issues/);
    await archivist.close();
  });

  it('GIVEN "they" or "them" THEN a plural subject of the previous questions is preferred to a singular one', () => {
    const first = conversationAfter('when did talks resume?', []);
    expect(first.subjects).toEqual(['talks']);
    const second = conversationAfter('and who led the US side?', [], first);
    expect(second.subjects).toEqual(['the US side', 'talks']);
    expect(readFollowUp('why did Bush suspend them?', second).text).toBe('why did Bush suspend talks?');
    expect(readFollowUp('what did it say?', second).text).toBe('what did the US side say?');
    const round = conversationAfter('When was the latest round of talks before the 2013 meeting?', []);
    expect(readFollowUp('Where was it held?', round).reading?.note).toMatch(/^Taking 'it' as the latest round of talks/);
  });
});

/** The follow-ups docs/answering.md and docs/discord.md show, each after the question it leans on, and what the reply must show. */
const DOCS_FOLLOW_UPS: Array<{ before: string; followUp: string; note: string; shows: string }> = [
  { before: 'When did the OAS suspend Cuba?', followUp: 'why did it do that?', note: 'Reading this as: Why did the OAS suspend Cuba?', shows: "Fidel Castro's revolution" },
  { before: 'When did the OAS suspend Cuba?', followUp: 'and when?', note: 'Reading this as: When did the OAS suspend Cuba?', shows: '1962' },
  { before: 'Where were the 2009 talks held?', followUp: 'what about the fourth round?', note: 'Reading this as: Where were the fourth round held?', shows: 'January 2011 in Havana' },
  { before: 'Who chaired the Washington meeting for the US?', followUp: 'and for Cuba?', note: 'Reading this as: Who chaired the Washington meeting for Cuba?', shows: 'Josefina Vidal' },
  { before: 'What calls did the ship seizure trigger?', followUp: 'But why did the State Department refuse to cancel it?', note: "Taking 'it' as the meeting", shows: 'arguing, according to spokeswoman Marie Harf' },
];

describe("the docs' follow-up examples, answered from the seeds", () => {
  it.each(DOCS_FOLLOW_UPS)('GIVEN "$before" WHEN "$followUp" follows THEN it is read with it and answered: "$shows"', async ({ before, followUp, note, shows }) => {
    const first = await seedArchivist.ask(before);
    const second = await seedArchivist.ask(followUp, first.conversation ? { conversation: first.conversation } : {});
    expect(second.reading?.note).toBe(note);
    expect(second.answer?.text).toContain(shows);
  });

  it('GIVEN a question about visas WHEN "and visitor visas?" follows THEN the visitor-visa figure is the first passage shown, though not confidently', async () => {
    const first = await seedArchivist.ask('How many visas does the US grant Cubans each year?');
    const second = await seedArchivist.ask('and visitor visas?', first.conversation ? { conversation: first.conversation } : {});
    expect(second.reading?.note).toMatch(/^Reading this as: /);
    expect(shownPassages(second)[0]?.text).toContain('Nearly 30,000 others received visitor visas');
  });
});
