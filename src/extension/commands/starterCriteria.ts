// The starter criteria file: a small, valid index in Vietnamese that the user edits into their own.

export function starterCriteria(year: number): string {
  return `reformEvidence: 1

# Bộ tiêu chí mẫu: sửa tên, điểm, đơn vị, thời hạn và đường dẫn tài liệu kiểm chứng cho đúng với đơn vị mình.
# Starter criteria: edit titles, scores, units, deadlines and evidence paths to match your own index.
index:
  id: chi-so-cchc-${year}
  title: "Bộ chỉ số cải cách hành chính năm ${year}"
  year: ${year}
  evidenceRoot: evidence

units:
  VP: { name: "Văn phòng HĐND và UBND" }
  VHXH: { name: "Phòng Văn hóa - Xã hội" }

criteria:
  - id: "1"
    title: "Công tác chỉ đạo, điều hành cải cách hành chính"
    maxScore: 3
    children:
      - id: "1.1"
        title: "Ban hành kế hoạch cải cách hành chính năm ${year}"
        maxScore: 1
        owner: VHXH
        due: "${year}-03-31"
        evidence:
          - title: "Quyết định ban hành kế hoạch CCHC"
            path: "1 Chỉ đạo điều hành/1.1 Kế hoạch CCHC/*.pdf"
      - id: "1.2"
        title: "Báo cáo cải cách hành chính định kỳ"
        maxScore: 2
        owner: VHXH
        due: "${year}-12-15"
        evidence:
          - title: "Báo cáo CCHC quý, 6 tháng, năm"
            path: "1 Chỉ đạo điều hành/1.2 Báo cáo CCHC/*.{pdf,docx}"
            min: 2
  - id: "2"
    title: "Cải cách thủ tục hành chính"
    maxScore: 2
    children:
      - id: "2.1"
        title: "Công khai thủ tục hành chính"
        maxScore: 2
        owner: VP
        due: "${year}-09-30"
        evidence:
          - title: "Danh mục thủ tục hành chính được công khai"
            path: "2 Thủ tục hành chính/2.1 Công khai TTHC/*"

tasks:
  - id: NV-01
    title: "Xây dựng và ban hành kế hoạch CCHC năm ${year}"
    owner: VHXH
    support: [VP]
    due: "${year}-03-15"
    criteria: ["1.1"]
`;
}
