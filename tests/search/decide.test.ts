import { decide, defaultThresholds } from '../../src/search/decide';

describe('the decision', () => {
  const t = defaultThresholds;

  it('falls back below the minimum score, answers a clear best, asks between close ones', () => {
    expect(decide([{ doc: 1, score: 0.3 }], [], t).decision).toBe('fallback');
    expect(
      decide(
        [
          { doc: 1, score: 0.8 },
          { doc: 2, score: 0.5 },
        ],
        [],
        t,
      ).decision,
    ).toBe('answer');
    const close = decide(
      [
        { doc: 1, score: 0.8 },
        { doc: 2, score: 0.78 },
      ],
      [],
      t,
    );
    expect(close.decision).toBe('clarify');
    expect(close.candidates.map((c) => c.doc)).toEqual([1, 2]);
  });

  it('does not ask between close ones when the question tells them apart, even for the second', () => {
    const ranked = [
      { doc: 1, score: 0.8 },
      { doc: 2, score: 0.78 },
      { doc: 3, score: 0.3 },
    ];
    const secondWins = decide(ranked, [], t, (a, b) => a === 2 && b === 1);
    expect(secondWins).toEqual({ decision: 'answer', candidates: [{ doc: 2, score: 0.78 }] });
    const firstWins = decide(ranked, [], t, (a, b) => a === 1 && b === 2);
    expect(firstWins.decision).toBe('answer');
    expect(firstWins.candidates[0]!.doc).toBe(1);
  });

  it('asks which one a folk name means when nothing else narrows it, even procedures it did not reach', () => {
    const ranked = [
      { doc: 1, score: 0.8 },
      { doc: 2, score: 0.3 },
    ];
    const alone = decide(ranked, [{ docs: [1, 2, 3], isNarrowed: false }], t);
    expect(alone.decision).toBe('clarify');
    expect(alone.candidates.map((c) => c.doc)).toEqual([1, 2, 3]);
  });

  it('with narrowing words, asks only when the best does not lead and the question does not tell them apart', () => {
    const ranked = [
      { doc: 1, score: 0.8 },
      { doc: 2, score: 0.78 },
    ];
    const narrowed = [{ docs: [1, 2], isNarrowed: true }];
    expect(decide(ranked, narrowed, { ...t, clarifyRatio: 0.99 }).decision).toBe('clarify');
    expect(
      decide(ranked, narrowed, { ...t, clarifyRatio: 0.99 }, (a, b) => a === 1 && b === 2).decision,
    ).toBe('answer');
  });
});
