import { z } from 'zod';

/**
 * One record of the national procedure catalogue as crawled from dichvucong.gov.vn (one JSON object per
 * line). Lenient on purpose: the crawl's fields are often null or oddly split; only what the importer
 * needs is required.
 */
const nullableText = z.string().nullish();

export const dvcqgRecordSchema = z.looseObject({
  ma_thu_tuc: z.string().regex(/^\d\.\d{6}$/),
  ten_thu_tuc: z.string().min(1),
  cap_thuc_hien: z.array(z.string()).nullish(),
  linh_vuc: nullableText,
  doi_tuong_thuc_hien: z.array(z.string()).nullish(),
  co_quan_thuc_hien: nullableText,
  co_quan_co_tham_quyen: nullableText,
  dia_chi_tiep_nhan: nullableText,
  trinh_tu_thuc_hien: nullableText,
  cach_thuc_thuc_hien: z
    .array(
      z.looseObject({
        kenh: nullableText,
        thoi_han: nullableText,
        phi_le_phi: nullableText,
        ghi_chu_phi: nullableText,
      }),
    )
    .nullish(),
  thanh_phan_ho_so: z
    .array(
      z.looseObject({
        truong_hop: nullableText,
        giay_to: z
          .array(
            z.looseObject({
              ten_giay_to: nullableText,
              mau_don: nullableText,
              so_ban_chinh: z.number().nullish(),
              so_ban_sao: z.number().nullish(),
            }),
          )
          .nullish(),
      }),
    )
    .nullish(),
  can_cu_phap_ly: z.array(z.looseObject({ ten_van_ban: nullableText, so_hieu: nullableText })).nullish(),
  yeu_cau_dieu_kien: nullableText,
  ket_qua_thuc_hien: z.array(z.looseObject({ ten_ket_qua: nullableText })).nullish(),
  tu_khoa: nullableText,
  nguon_url: nullableText,
});

export type DvcqgRecord = z.output<typeof dvcqgRecordSchema>;
