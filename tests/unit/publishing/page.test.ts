import { describe, expect, test } from 'vitest';
import { comparePages, pageFrom, shownItemIds } from '../../../src/lib/publishing/page';

const theme = {
  id: 't1',
  label: 'Vaste hulp',
  descriptionMd: '',
  reactionMd: '',
  primary: 3,
  secondary: 1,
  primaryByAudience: { inwoner: 3 },
  secondaryByAudience: {},
  quoteItemIds: ['q1', 'q-gone'],
};
const advice = (responseMd: string, points = ['p1', 'p2']) => ({
  id: 'a1',
  sender: 'Adviesraad',
  title: '',
  receivedOn: '2026-07-22',
  adoptedOn: '2026-09-10',
  points: points.map((itemId, n) => ({
    itemId,
    position: n + 1,
    status: 'overgenomen',
    responseMd: n === 0 ? responseMd : 'Ja.',
    themeIds: [],
  })),
});
const shown = {
  q1: { body: 'Een citaat.', audience: 'inwoner', channel: 'online' },
  p1: { body: 'Punt een.', audience: 'adviesraad', channel: 'schriftelijk' },
  p2: { body: 'Punt twee.', audience: 'adviesraad', channel: 'schriftelijk' },
};

describe('the frozen results page', () => {
  test('a page from before advices were shown has none', () => {
    const page = pageFrom({ themes: [theme], audiences: ['inwoner'], items: 3 }, shown);
    expect(page.advices).toEqual([]);
    expect(page.themes[0]?.quotes).toEqual([shown.q1]);
  });

  test('advice points take their text from the items still shown; an advice with none left goes', () => {
    const page = pageFrom(
      { themes: [theme], advices: [advice('Ja!'), { ...advice('x', ['gone']), id: 'a2' }] },
      {
        p2: shown.p2,
      },
    );
    expect(page.advices).toHaveLength(1);
    expect(page.advices[0]?.points).toEqual([
      { position: 2, text: 'Punt twee.', status: 'overgenomen', responseMd: 'Ja.', themeIds: [] },
    ]);
  });

  test('the texts to look up are the quotes and the advice points', () => {
    expect(shownItemIds({ themes: [theme], advices: [advice('Ja!')] })).toEqual(['q1', 'q-gone', 'p1', 'p2']);
    expect(shownItemIds(null)).toEqual([]);
  });

  test('changes name an advice that comes, goes, or answers a point differently', () => {
    const before = pageFrom({ themes: [theme], advices: [advice('Ja!')] }, shown);
    const changed = pageFrom({ themes: [theme], advices: [advice('Nee.')] }, shown);
    expect(comparePages(before, changed)).toEqual([
      { kind: 'adviceResponses', label: 'Advies van Adviesraad', detail: 'punt 1' },
    ]);
    const without = pageFrom({ themes: [theme] }, shown);
    expect(comparePages(without, before)).toEqual([{ kind: 'adviceAdded', label: 'Advies van Adviesraad' }]);
    expect(comparePages(before, without)).toEqual([
      { kind: 'adviceRemoved', label: 'Advies van Adviesraad' },
    ]);
    expect(comparePages(before, before)).toEqual([]);
    // A point that is no longer shown counts as a change too.
    const fewer = pageFrom({ themes: [theme], advices: [advice('Ja!')] }, { p1: shown.p1 });
    expect(comparePages(before, fewer)).toEqual([
      { kind: 'adviceResponses', label: 'Advies van Adviesraad', detail: 'punt 2' },
    ]);
  });
});
