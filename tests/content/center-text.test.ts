import path from 'node:path';
import { fillCenterPlaceholders, formatHours } from '../../src/content/center-text';
import { loadCatalogueOrThrow } from '../../src/content/loader';

const base = loadCatalogueOrThrow([path.join(__dirname, '..', 'fixtures', 'content', 'base')]);

describe('center placeholders in FAQ answers', () => {
  it('fills confirmed values from the profile', () => {
    expect(fillCenterPlaceholders('Gọi {hotline}. Giờ: {hours}.', base.center)).toBe(
      'Gọi 0260 000 000. Giờ: Thứ Hai: 07:00-11:00, 13:30-17:00.',
    );
  });

  it('says "not confirmed" for empty or unconfirmed values instead of guessing', () => {
    const center = { ...base.center, confirmed: base.center.confirmed.filter((f) => f !== 'hotline') };
    expect(fillCenterPlaceholders('Gọi {hotline}; e-mail {email}.', center)).toBe(
      'Gọi chưa được xác nhận; e-mail chưa được xác nhận.',
    );
    expect(fillCenterPlaceholders('Cổng: {portal_national}', center)).toBe('Cổng: https://dichvucong.gov.vn');
  });

  it('leaves closed days out of the hours', () => {
    expect(
      formatHours({
        monday: { morning: '07:00-11:00', afternoon: null },
        sunday: { morning: null, afternoon: null },
      }),
    ).toBe('Thứ Hai: 07:00-11:00');
    expect(formatHours({})).toBeNull();
  });
});
