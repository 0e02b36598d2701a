import type { Aliases, Center, FaqEntry, Field, Messages, Procedure } from './schema';

/** Everything staff maintain, loaded and checked: what the matcher and the engine work from. */
export interface Catalogue {
  center: Center;
  fields: Field[];
  aliases: Aliases;
  /** What the bot says (data/messages.yaml); null when no content directory has it (the engine needs it). */
  messages: Messages | null;
  procedures: Procedure[];
  faq: FaqEntry[];
  procedureById: ReadonlyMap<string, Procedure>;
  procedureByCode: ReadonlyMap<string, Procedure>;
  faqById: ReadonlyMap<string, FaqEntry>;
  /** The file each procedure or FAQ entry was read from, keyed `procedure:<id>` or `faq:<id>`. */
  fileOf: ReadonlyMap<string, string>;
  /** The content directories, in priority order. */
  dirs: readonly string[];
}

/** A procedure or FAQ entry is looked up by its id, or a procedure by its national code. */
export function findProcedure(catalogue: Catalogue, idOrCode: string): Procedure | undefined {
  return catalogue.procedureById.get(idOrCode) ?? catalogue.procedureByCode.get(idOrCode);
}
