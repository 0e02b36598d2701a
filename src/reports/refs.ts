import type { Catalogue } from '../content/catalogue';

/**
 * The name staff know a procedure or FAQ entry by, from a reference as events carry it: a procedure id
 * (`cap-lai-so-do`, or `procedure:cap-lai-so-do`), `faq:<id>`, or a national code. A reference the catalogue
 * does not know (removed since, or a title already) is shown as it is.
 */
export function titleOfRef(catalogue: Catalogue | null, ref: string): string {
  if (!catalogue) return ref;
  if (ref.startsWith('faq:')) return catalogue.faqById.get(ref.slice(4))?.question ?? ref;
  const id = ref.startsWith('procedure:') ? ref.slice('procedure:'.length) : ref;
  const procedure = catalogue.procedureById.get(id) ?? catalogue.procedureByCode.get(id);
  return procedure ? (procedure.plain_title ?? procedure.title) : ref;
}
