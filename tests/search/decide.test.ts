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

  it('asks which one a folk name means unless the question tells them apart', () => {
    const ranked = [
      { doc: 1, score: 0.8 },
      { doc: 2, score: 0.7 },
    ];
    const folk = [{ docs: [1, 2], isNarrowed: false }];
    expect(decide(ranked, folk, t).decision).toBe('clarify');
    expect(decide(ranked, folk, t, (a, b) => a === 1 && b === 2).decision).toBe('answer');
  });
});
