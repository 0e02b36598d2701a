import type { z } from 'zod';
import type { venueSchema } from '../schema';

type VenueInput = z.input<typeof venueSchema>;
type Level = 'bo' | 'tinh' | 'xa' | 'khac';

/** "Sở Tài chính các tỉnh, thành phố" → "Sở Tài chính"; "Sở Nông nghiệp và Môi trường Thành phố Hà Nội" → "Sở Nông nghiệp và Môi trường". */
function departmentName(agency: string): string | null {
  const match = /Sở [^,;.(\n]+/.exec(agency);
  if (!match) return null;
  // JavaScript's \b is ASCII-only, so "phố" needs an explicit end: a space, a comma or the end.
  return match[0].replace(/\s+(các tỉnh|tỉnh|thành phố)(?=[\s,]|$).*$/iu, '').trim();
}

/**
 * Where a citizen goes for a national record, derived from the agency text and the levels. Since 2025
 * Công an, BHXH, Thuế and communes do many procedures; provincial departments receive at the Center.
 * It is a best guess from the record's words: imported guides say so in their review notes.
 */
export function deriveVenue(agency: string, levels: readonly Level[]): VenueInput {
  const elsewhere = (kind: Exclude<VenueInput['kind'], 'center'>, place: string): VenueInput => ({
    kind,
    place,
    text: `Thủ tục này không nộp tại Trung tâm Phục vụ hành chính công. Nơi giải quyết theo bản ghi quốc gia: ${place}.`,
  });
  if (/công an|cảnh sát|xuất nhập cảnh/iu.test(agency)) return elsewhere('police', agency);
  if (/bảo hiểm xã hội/iu.test(agency)) return elsewhere('social_insurance', agency);
  if (/(^|[\s,])(cục |chi cục )?thuế/iu.test(agency) && !/Sở /u.test(agency)) return elsewhere('tax', agency);
  if (/hải quan|ngân hàng nhà nước|tòa án|viện kiểm sát|thi hành án/iu.test(agency))
    return elsewhere('other', agency);
  if (levels.length > 0 && levels.every((l) => l === 'xa')) {
    return elsewhere('commune', agency || 'Ủy ban nhân dân xã, phường');
  }
  if (levels.includes('tinh')) {
    const department =
      departmentName(agency) ??
      (/đăng ký đất đai/iu.test(agency)
        ? 'Sở Nông nghiệp và Môi trường (Văn phòng đăng ký đất đai)'
        : null) ??
      (agency || 'cơ quan chuyên môn cấp tỉnh');
    return {
      kind: 'center',
      department,
      text: `Nộp tại Trung tâm Phục vụ hành chính công tỉnh (quầy ${department}), hoặc theo cách khác mà bản ghi quốc gia cho phép.`,
    };
  }
  return elsewhere('other', agency || 'cơ quan ghi trên bản ghi quốc gia');
}
