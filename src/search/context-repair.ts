/**
 * The syllables a citizen probably meant when typing `token`, itself a possible syllable: the slips of
 * regional pronunciation and hasty typing — onsets s/x, ch/tr, d/gi/r/v, l/n, c/k; codas c/t, n/ng/nh, ch/t;
 * a nucleus letter left out (chíu → chiếu, cướt → cước), i/y. Not every one-letter edit: "rừng", "gái", "mốc"
 * are words, and a free edit finds some catalogue pair for nearly any short syllable.
 */
const onsets: readonly string[][] = [
  ['s', 'x'],
  ['ch', 'tr'],
  ['d', 'gi', 'r'],
  ['l', 'n'],
  ['c', 'k', 'q'],
  ['g', 'gh'],
  ['ng', 'ngh'],
];
const codas: readonly string[][] = [
  ['c', 't', 'ch'],
  ['n', 'ng', 'nh'],
  ['m', 'n'],
];
const syllable = /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?([aeiouy]+)(ch|ng|nh|[cmnpt])?$/;
/** Nucleus letters a hasty typist leaves out: "chiu" for "chieu", "cuc" for "cuoc". */
const missing: Record<string, readonly string[]> = {
  iu: ['ieu', 'yeu'],
  ie: ['ieu'],
  u: ['uo', 'uu'],
  i: ['ie', 'ia'],
  uy: ['uye'],
  oa: ['oai'],
  o: ['oa', 'oo'],
  a: ['ai', 'ay', 'ao', 'au'],
  e: ['eo'],
};

export function contextCandidates(token: string): Set<string> {
  const out = new Set<string>();
  const m = syllable.exec(token);
  if (!m) return out;
  const [, onset = '', nucleus = '', coda = ''] = m;
  const onsetVariants = [onset, ...onsets.filter((g) => g.includes(onset)).flat()];
  const codaVariants = [coda, ...codas.filter((g) => g.includes(coda)).flat()];
  const nucleusVariants = [
    nucleus,
    ...(missing[nucleus] ?? []),
    nucleus.replace(/i$/, 'y'),
    nucleus.replace(/y$/, 'i'),
  ];
  for (const o of onsetVariants)
    for (const n of nucleusVariants)
      for (const c of codaVariants) {
        // One slip at a time: onset, nucleus or coda.
        const changes = (o !== onset ? 1 : 0) + (n !== nucleus ? 1 : 0) + (c !== coda ? 1 : 0);
        if (changes === 1) out.add(o + n + c);
      }
  return out;
}
