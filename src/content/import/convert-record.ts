import type { z } from 'zod';
import type { channelSchema, procedureSchema } from '../schema';
import { deriveField } from './derive-field';
import { deriveVenue } from './derive-venue';
import type { DvcqgRecord } from './dvcqg-record';

type ProcedureInput = z.input<typeof procedureSchema>;
type ChannelInput = z.input<typeof channelSchema>;
type Level = 'bo' | 'tinh' | 'xa' | 'khac';

const NATIONAL_PORTAL = 'https://dichvucong.gov.vn';

/** Non-empty trimmed text or null; the crawl writes "Không có thông tin" for nothing. */
function clean(value: string | null | undefined, maxLength = 2000): string | null {
  if (!value) return null;
  const text = value.replace(/\s+/g, ' ').trim();
  if (text === '' || /^không có( thông tin)?\.?$/iu.test(text)) return null;
  return text.length > maxLength ? `${text.slice(0, maxLength - 1).trimEnd()}…` : text;
}

/** "a) Điều lệ công ty;" → "Điều lệ công ty" */
function cleanItemName(value: string | null | undefined): string | null {
  const text = clean(value, 500);
  return text
    ? clean(text.replace(/^(\(?[a-zđ0-9ivx]{1,4}[).]|[-+•*])\s+/iu, '').replace(/[;,.]$/u, ''))
    : null;
}

function lines(value: string | null | undefined): string[] {
  if (!value) return [];
  return value
    .split(/\n+/)
    .map((line) => clean(line.replace(/^[-+•*]\s*/u, ''), 1500))
    .filter((line): line is string => line !== null);
}

const levelOf: Record<string, Level> = {
  'Cấp bộ': 'bo',
  'Cấp tỉnh': 'tinh',
  'Cấp xã': 'xa',
  'Cơ quan khác': 'khac',
};
const channelOf: Record<string, ChannelInput['channel']> = {
  'Trực tiếp': 'truc_tiep',
  'Trực tuyến': 'truc_tuyen',
  'Dịch vụ bưu chính': 'buu_chinh',
};
const unitOf: Record<string, 'working_days' | 'days' | 'hours' | 'months'> = {
  'ngày làm việc': 'working_days',
  ngày: 'days',
  giờ: 'hours',
  tháng: 'months',
};

/** "15 Ngày làm việc" → { amount: 15, unit: working_days }; "1 (không rõ đơn vị)" → undefined. */
export function parseTimeLimit(value: string | null | undefined): ChannelInput['time'] {
  const match = /^(\d+(?:[.,]\d+)?)\s*(ngày làm việc|ngày|giờ|tháng)(?!\p{L})/iu.exec(value?.trim() ?? '');
  if (!match) return undefined;
  const amount = Number(match[1]!.replace(',', '.'));
  return amount > 0 ? { amount, unit: unitOf[match[2]!.toLowerCase()]! } : undefined;
}

/**
 * The fee of an imported channel. The national fee column is often wrong (it says "Miễn phí" while the note
 * names a fee, or gives thousands as units), so an import only trusts "free" when nothing contradicts it;
 * everything else is "unconfirmed" with the record's own words for staff to check.
 */
export function importedFee(
  column: string | null | undefined,
  note: string | null | undefined,
): ChannelInput['fee'] {
  const fee = clean(column, 300);
  const detail = clean(note, 600);
  if (fee && /^miễn phí$/iu.test(fee) && !detail) return { kind: 'free' };
  if (!fee && !detail) return { kind: 'unconfirmed', text: 'Bản ghi quốc gia không ghi phí, lệ phí.' };
  const parts = [fee && `cột phí ghi "${fee}"`, detail && `ghi chú: ${detail}`].filter(Boolean);
  return { kind: 'unconfirmed', text: `Chưa xác nhận. Bản ghi quốc gia: ${parts.join('; ')}` };
}

/** Convert one national record to a draft procedure guide (the input shape of the procedure schema). */
export function convertRecord(record: DvcqgRecord, importedAt: string): ProcedureInput {
  const levels = [
    ...new Set((record.cap_thuc_hien ?? []).map((l) => levelOf[l]).filter((l): l is Level => !!l)),
  ];
  const agency = clean(record.co_quan_thuc_hien, 300) ?? clean(record.co_quan_co_tham_quyen, 300) ?? '';
  const officialField = clean(record.linh_vuc, 200);
  const channels: ChannelInput[] = [];
  for (const row of record.cach_thuc_thuc_hien ?? []) {
    const channel = channelOf[row.kenh ?? ''];
    if (!channel || channels.some((c) => c.channel === channel)) continue;
    const time = parseTimeLimit(row.thoi_han);
    channels.push({ channel, ...(time ? { time } : {}), fee: importedFee(row.phi_le_phi, row.ghi_chu_phi) });
  }
  const notes = [
    'Nhập tự động từ CSDL quốc gia về TTHC: cán bộ cần kiểm tra toàn bộ trước khi đổi status thành checked.',
    'Nơi nộp (venue) được suy ra từ tên cơ quan và cấp thực hiện: cần xác nhận.',
  ];
  if (channels.length === 0) {
    channels.push({
      channel: 'truc_tiep',
      fee: { kind: 'unconfirmed', text: 'Bản ghi quốc gia không có cách thực hiện.' },
    });
    notes.push('Bản ghi không có dòng cách thực hiện: thời hạn và phí chưa có.');
  }
  const documents = (record.thanh_phan_ho_so ?? [])
    .map((group) => ({
      case: clean(group.truong_hop, 300)?.replace(/:$/u, '') ?? 'Hồ sơ',
      items: (group.giay_to ?? []).flatMap((item) => {
        const name = cleanItemName(item.ten_giay_to);
        if (!name) return [];
        const form = clean(item.mau_don, 300);
        return [
          {
            name,
            originals: Math.max(0, Math.round(item.so_ban_chinh ?? 0)),
            copies: Math.max(0, Math.round(item.so_ban_sao ?? 0)),
            ...(form ? { form: { name: form } } : {}),
          },
        ];
      }),
    }))
    .filter((group) => group.items.length > 0);
  if (documents.length === 0) {
    documents.push({
      case: 'Hồ sơ',
      items: [
        { name: 'Thành phần hồ sơ chưa tách được từ bản ghi: xem bản ghi quốc gia', originals: 0, copies: 0 },
      ],
    });
    notes.push('Bản ghi không tách được thành phần hồ sơ.');
  }
  const steps = lines(record.trinh_tu_thuc_hien);
  const result = (record.ket_qua_thuc_hien ?? [])
    .map((r) => clean(r.ten_ket_qua, 500))
    .filter((r): r is string => !!r);
  const sourceUrl = clean(record.nguon_url, 500);
  const keywords = (clean(record.tu_khoa, 500) ?? '')
    .split(/[,;]/)
    .map((k) => k.trim())
    .filter(Boolean);
  return {
    id: `dvcqg-${record.ma_thu_tuc.replace('.', '-')}`,
    ma_thu_tuc: record.ma_thu_tuc,
    title: clean(record.ten_thu_tuc, 500)!.replace(/\.$/u, ''),
    aliases: keywords,
    field: deriveField(officialField ?? '', agency),
    ...(officialField ? { official_field: officialField } : {}),
    agency: agency || 'Chưa rõ: xem bản ghi quốc gia',
    levels: levels.length > 0 ? levels : ['khac'],
    ...(record.doi_tuong_thuc_hien?.length
      ? { who: record.doi_tuong_thuc_hien.map((w) => w.trim()).filter(Boolean) }
      : {}),
    venue: deriveVenue(agency, levels),
    online: channels.some((c) => c.channel === 'truc_tuyen')
      ? {
          level: 'mot_phan',
          url: NATIONAL_PORTAL,
          note: 'Có thể nộp trực tuyến; mức toàn trình chưa xác nhận.',
        }
      : { level: 'none' },
    channels,
    documents,
    steps: steps.length > 0 ? steps : ['Xem trình tự thực hiện trên bản ghi quốc gia.'],
    requirements: lines(record.yeu_cau_dieu_kien),
    result: result.length > 0 ? result : ['Xem kết quả thực hiện trên bản ghi quốc gia.'],
    legal_basis: (record.can_cu_phap_ly ?? []).flatMap((basis) => {
      const title = clean(basis.ten_van_ban, 400);
      const code = clean(basis.so_hieu, 100);
      return title ? [{ title, ...(code ? { code } : {}) }] : [];
    }),
    ...(sourceUrl && /^https?:\/\//.test(sourceUrl) ? { source_url: sourceUrl } : {}),
    import: { source: 'dvcqg', imported_at: importedAt },
    status: 'draft',
    checked_at: importedAt,
    checked_by: 'motcua import dvcqg (chưa được cán bộ kiểm tra)',
    review_notes: notes,
  };
}
