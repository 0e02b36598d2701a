/**
 * Which of our fields (data/fields.yaml) a national record belongs to, from its lĩnh vực and agency.
 * The first matching rule wins; unmatched records go to "khac" for staff to sort.
 */
const rules: ReadonlyArray<[field: string, pattern: RegExp]> = [
  ['cong-an', /công an|cảnh sát|xuất nhập cảnh|lý lịch tư pháp|cư trú|căn cước|hộ chiếu/iu],
  ['ho-kinh-doanh', /hộ kinh doanh/iu],
  ['doanh-nghiep', /doanh nghiệp|hợp tác xã/iu],
  ['dau-tu', /đầu tư/iu],
  ['dat-dai', /đất đai|đo đạc/iu],
  [
    'moi-truong',
    /môi trường|tài nguyên nước|khoáng sản|địa chất|khí tượng|biển và hải đảo|biến đổi khí hậu/iu,
  ],
  [
    'nong-nghiep',
    /nông nghiệp|kiểm lâm|thủy sản|lâm nghiệp|trồng trọt|chăn nuôi|thú y|bảo vệ thực vật|thủy lợi|an toàn thực phẩm|nông thôn/iu,
  ],
  ['giao-thong-van-tai', /đường bộ|đường thủy|đường sắt|hàng hải|hàng không|giao thông|vận tải|đăng kiểm/iu],
  ['xay-dung', /xây dựng|nhà ở|bất động sản|quy hoạch|kiến trúc|hạ tầng kỹ thuật/iu],
  [
    'tu-phap',
    /hộ tịch|quốc tịch|công chứng|chứng thực|luật sư|trợ giúp pháp lý|nuôi con nuôi|giám định|đấu giá|trọng tài|hòa giải|thừa phát lại|tư pháp/iu,
  ],
  ['thue', /thuế/iu],
  ['bao-hiem-xa-hoi', /bảo hiểm xã hội|bảo hiểm y tế|bảo hiểm thất nghiệp/iu],
];

export function deriveField(officialField: string, agency: string): string {
  for (const [field, pattern] of rules) {
    if (pattern.test(officialField)) return field;
  }
  for (const [field, pattern] of rules) {
    if (pattern.test(agency)) return field;
  }
  return 'khac';
}
