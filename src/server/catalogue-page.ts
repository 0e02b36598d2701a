import type { Catalogue } from '../content/catalogue';
import type { Procedure } from '../content/schema';
import { html, type SafeHtml } from './html';

const venueLabel: Record<Procedure['venue']['kind'], string> = {
  center: 'Tại Trung tâm',
  police: 'Công an',
  commune: 'Xã, phường',
  social_insurance: 'Bảo hiểm xã hội',
  tax: 'Cơ quan thuế',
  other: 'Nơi khác',
};

function page(title: string, body: SafeHtml): string {
  return html`<!doctype html>
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <style>
          body {
            font:
              18px/1.5 system-ui,
              sans-serif;
            margin: 0 auto;
            max-width: 60rem;
            padding: 1rem;
            color: #111;
          }
          h1 {
            font-size: 1.5rem;
          }
          h2 {
            font-size: 1.2rem;
            margin-top: 2rem;
            border-bottom: 2px solid #0b5;
          }
          li {
            margin: 0.3rem 0;
          }
          .muted {
            color: #555;
            font-size: 0.9rem;
          }
          .draft {
            color: #a40;
          }
          a {
            color: #05a;
          }
          a:focus {
            outline: 3px solid #fb0;
          }
        </style>
      </head>
      <body>
        ${body}
      </body>
    </html>`.value;
}

/**
 * A read-only overview of the loaded catalogue, for staff to see what the bot knows: procedures by field,
 * where each is done, its status and its official record. Served at `/catalogue` (citizens chat at `/`).
 */
export function renderCataloguePage(catalogue: Catalogue): string {
  const byField = catalogue.fields
    .map((field) => ({ field, procedures: catalogue.procedures.filter((p) => p.field === field.id) }))
    .filter((group) => group.procedures.length > 0);
  const drafts = catalogue.procedures.filter((p) => p.status === 'draft').length;
  return page(
    catalogue.center.name,
    html`<h1>${catalogue.center.name}</h1>
      <p>
        Nội dung bot đang dùng: ${catalogue.procedures.length} thủ tục (${drafts} bản nháp),
        ${catalogue.faq.length} câu hỏi thường gặp. Dữ liệu dạng JSON:
        <a href="/api/procedures">/api/procedures</a>, <a href="/api/faq">/api/faq</a>,
        <a href="/api/center">/api/center</a>.
      </p>
      ${byField.map(
        ({ field, procedures }) =>
          html`<h2>${field.name}</h2>
            <ul>
              ${procedures.map(
                (p) =>
                  html`<li>
                    <a href="/api/procedures/${p.id}">${p.plain_title ?? p.title}</a>
                    <span class="muted"
                      >— ${p.ma_thu_tuc ?? 'chưa có mã'} · ${venueLabel[p.venue.kind]} · kiểm tra
                      ${p.checked_at}</span
                    >
                    ${p.status === 'draft' ? html`<span class="draft">(bản nháp)</span>` : ''}
                    ${p.source_url ? html`<a class="muted" href="${p.source_url}" target="_blank" rel="noopener">bản ghi quốc gia</a>` : ''}
                  </li>`,
              )}
            </ul>`,
      )}
      <h2>Câu hỏi thường gặp</h2>
      <ul>
        ${catalogue.faq.map((f) => html`<li><a href="/api/faq/${f.id}">${f.question}</a></li>`)}
      </ul>`,
  );
}
