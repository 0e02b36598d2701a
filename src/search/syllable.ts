/**
 * Whether a folded token can be a Vietnamese syllable: onset, vowel nucleus, coda. A token that can is
 * probably a real word the catalogue does not contain ("tiết", "vàng"), not a typo, and is left alone —
 * correcting it would make an unrelated question look like a procedure.
 */
const syllable =
  /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?(oa|oe|uy|ua|uo|ue|ie|ye|ia|ai|ao|au|ay|eo|eu|iu|oi|ui|ua|uu|uoi|uou|ieu|yeu|oai|oay|uay|uya|uye|[aeiouy])(ch|ng|nh|[cmnpt])?$/;

export function isPossibleSyllable(folded: string): boolean {
  return syllable.test(folded);
}
