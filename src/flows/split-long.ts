/**
 * A text too long for one message becomes several, each at most `limit` characters: cut at blank lines when
 * the text has any (a paragraph is never split while it fits), else at line breaks; a single paragraph
 * longer than the limit is cut at the last sentence end, else the last space, that keeps it under.
 */
export function splitLong(text: string, limit = 1500): string[] {
  if (text.length <= limit) return [text];
  const joint = /\n[ \t]*\n/.test(text) ? '\n\n' : '\n';
  const blocks = (joint === '\n\n' ? text.split(/\n[ \t]*\n/) : text.split('\n')).flatMap((b) =>
    cutParagraph(b, limit),
  );
  const parts: string[] = [];
  let current = '';
  for (const block of blocks) {
    if (current && current.length + joint.length + block.length > limit) {
      parts.push(current);
      current = '';
    }
    current = current ? `${current}${joint}${block}` : block;
  }
  if (current) parts.push(current);
  return parts;
}

/** A paragraph in pieces of at most `limit` characters, cut after a line, else a sentence, else a word. */
function cutParagraph(paragraph: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = paragraph;
  while (rest.length > limit) {
    const head = rest.slice(0, limit + 1);
    // Where the piece may end (exclusive); a cut in the first third would leave a piece too short to read.
    const ends = [/\n/g, /[.!?…;](?=\s)/g, /\s/g].map((boundary) =>
      Math.max(...[...head.matchAll(boundary)].map((m) => (/\s/.test(m[0]) ? m.index : m.index + 1))),
    );
    const end = ends.find((e) => e > limit / 3 && e <= limit) ?? limit;
    pieces.push(rest.slice(0, end).trimEnd());
    rest = rest.slice(end).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}
