// Messages of the core in English and Vietnamese. The core cannot use vscode.l10n,
// so the caller (CLI or extension) passes the locale it wants.

export type Locale = 'en' | 'vi';

const catalog = {
  // Criteria file problems. Codes are stable: README documents them.
  RE001: { en: 'YAML syntax error: {0}', vi: 'Lỗi cú pháp YAML: {0}' },
  RE002: { en: 'YAML warning: {0}', vi: 'Cảnh báo YAML: {0}' },
  RE003: { en: 'The file could not be read: {0}', vi: 'Không đọc được tệp: {0}' },
  RE004: { en: 'Too many YAML aliases: the file may be an alias bomb ("billion laughs").', vi: 'Quá nhiều bí danh YAML: tệp có thể là "bom bí danh".' },
  RE005: { en: 'The file is too large ({0} MB; the limit is {1} MB).', vi: 'Tệp quá lớn ({0} MB; giới hạn {1} MB).' },
  RE006: { en: 'The file contains a NUL character: it is not a text file.', vi: 'Tệp chứa ký tự NUL: không phải tệp văn bản.' },
  RE007: { en: 'The file is not valid UTF-8.', vi: 'Tệp không phải UTF-8 hợp lệ.' },
  RE010: { en: 'Schema: {0}', vi: 'Lược đồ: {0}' },
  RE100: { en: 'Duplicate criterion id "{0}" (first defined on line {1}).', vi: 'Mã tiêu chí "{0}" bị trùng (đã khai báo ở dòng {1}).' },
  RE101: { en: 'Duplicate task id "{0}" (first defined on line {1}).', vi: 'Mã nhiệm vụ "{0}" bị trùng (đã khai báo ở dòng {1}).' },
  RE110: { en: 'Unknown unit "{0}": it is not listed under units.', vi: 'Đơn vị "{0}" không có trong danh sách units.' },
  RE111: { en: 'Unknown criterion "{0}".', vi: 'Không có tiêu chí "{0}".' },
  RE120: { en: 'Id "{0}" is not under its parent "{1}": expected "{1}.N".', vi: 'Mã "{0}" không nằm dưới tiêu chí cha "{1}": cần dạng "{1}.N".' },
  RE121: { en: 'Children of "{0}" add up to {1}, but its maxScore is {2}.', vi: 'Tổng điểm các tiêu chí con của "{0}" là {1}, nhưng điểm tối đa là {2}.' },
  RE122: { en: 'An area id must be a single number, not "{0}".', vi: 'Mã lĩnh vực phải là một số, không phải "{0}".' },
  RE130: { en: '"{0}" is not a real date (expected YYYY-MM-DD).', vi: '"{0}" không phải ngày hợp lệ (cần dạng YYYY-MM-DD).' },
  RE140: { en: 'Unsafe evidence path "{0}": {1}.', vi: 'Đường dẫn tài liệu không an toàn "{0}": {1}.' },
  RE141: { en: 'Unsafe evidenceRoot "{0}": {1}.', vi: 'evidenceRoot không an toàn "{0}": {1}.' },
  RE142: { en: 'Invalid glob "{0}": {1}.', vi: 'Mẫu đường dẫn không hợp lệ "{0}": {1}.' },
  RE200: { en: 'Due date {0} is outside the index year {1}.', vi: 'Thời hạn {0} nằm ngoài năm của bộ chỉ số ({1}).' },
  RE201: { en: 'No file could ever match "{0}": {1}.', vi: 'Không tệp nào có thể khớp "{0}": {1}.' },
  RE202: { en: 'selfScore {0} is greater than maxScore {1}.', vi: 'Điểm tự chấm {0} lớn hơn điểm tối đa {1}.' },
  RE203: { en: 'Criterion "{0}" has no evidence requirement: it can never be backed by a document.', vi: 'Tiêu chí "{0}" không có yêu cầu tài liệu kiểm chứng: không thể chứng minh.' },
  RE204: { en: 'The evidence folder "{0}" does not exist yet.', vi: 'Thư mục tài liệu "{0}" chưa tồn tại.' },
  RE205: { en: 'Evidence file "{0}" is a link that leads outside the workspace; it is ignored.', vi: 'Tệp tài liệu "{0}" là liên kết trỏ ra ngoài không gian làm việc; bỏ qua.' },

  // Reasons used inside RE140/RE141/RE201.
  'reason.absolute': { en: 'absolute paths are not allowed', vi: 'không được dùng đường dẫn tuyệt đối' },
  'reason.parent': { en: '".." would leave the evidence folder', vi: '".." sẽ ra khỏi thư mục tài liệu' },
  'reason.drive': { en: 'drive letters are not allowed', vi: 'không được dùng ký hiệu ổ đĩa' },
  'reason.backslash': { en: 'use "/" instead of "\\"', vi: 'dùng "/" thay cho "\\"' },
  'reason.home': { en: '"~" would leave the workspace', vi: '"~" sẽ ra khỏi không gian làm việc' },
  'reason.empty': { en: 'the path is empty', vi: 'đường dẫn trống' },
  'reason.control': { en: 'it contains control characters', vi: 'có ký tự điều khiển' },
  'reason.git': { en: 'files inside .git are never evidence', vi: 'tệp trong .git không bao giờ là tài liệu' },
  'reason.trailingSlash': { en: 'it ends with "/" and names a folder, not files', vi: 'kết thúc bằng "/" nên chỉ thư mục, không phải tệp' },
  'reason.emptySegment': { en: 'it contains an empty folder name ("//")', vi: 'có tên thư mục trống ("//")' },

  // States and report labels.
  'state.missing': { en: 'missing', vi: 'thiếu' },
  'state.partial': { en: 'partial', vi: 'chưa đủ' },
  'state.present': { en: 'present, not committed', vi: 'có, chưa commit' },
  'state.committed': { en: 'committed', vi: 'đã commit' },
  'state.waived': { en: 'waived', vi: 'không áp dụng' },
  'state.overdue': { en: 'overdue', vi: 'quá hạn' },
  'label.asOf': { en: 'as of {0}', vi: 'tính đến {0}' },
  'label.totals': { en: 'Secured {0}/{1} · at risk {2} · waived {3} · overdue {4} · {5}/{6} criteria with evidence', vi: 'Đạt {0}/{1} · có nguy cơ mất {2} · không áp dụng {3} · quá hạn {4} · {5}/{6} tiêu chí có tài liệu' },
  'label.tasks': { en: 'Plan tasks', vi: 'Nhiệm vụ kế hoạch' },
  'label.byUnit': { en: 'By unit (points at risk first)', vi: 'Theo đơn vị (nhiều điểm có nguy cơ mất nhất trước)' },
  'label.unitLine': { en: '{0}: secured {1}/{2}, at risk {3}, overdue {4}', vi: '{0}: đạt {1}/{2}, nguy cơ mất {3}, quá hạn {4}' },
  'label.due': { en: 'due {0}', vi: 'hạn {0}' },
  'label.files': { en: '{0}/{1} file(s)', vi: '{0}/{1} tệp' },
  'label.noGit': { en: 'not a Git work tree: file states come from the folder', vi: 'không phải kho Git: trạng thái lấy từ thư mục' },

  // CLI.
  'cli.noPath': { en: 'No such file or folder: {0}', vi: 'Không có tệp hoặc thư mục: {0}' },
  'cli.noCriteria': { en: 'No criteria file found in {0} (expected criteria.yaml or a YAML file starting with "reformEvidence: 1").', vi: 'Không tìm thấy tệp tiêu chí trong {0} (cần criteria.yaml hoặc tệp YAML bắt đầu bằng "reformEvidence: 1").' },
  'cli.unreadable': { en: 'Cannot read {0}: {1}', vi: 'Không đọc được {0}: {1}' },
  'cli.badDate': { en: 'Invalid date for {0}: "{1}" (expected YYYY-MM-DD).', vi: 'Ngày không hợp lệ cho {0}: "{1}" (cần YYYY-MM-DD).' },
  'cli.unknownUnit': { en: 'Unknown unit "{0}".', vi: 'Không có đơn vị "{0}".' },
  'cli.unknownCommand': { en: 'Unknown command "{0}". Run "reform-evidence help".', vi: 'Lệnh "{0}" không tồn tại. Chạy "reform-evidence help".' },
  'cli.summary': { en: '{0} error(s), {1} warning(s)', vi: '{0} lỗi, {1} cảnh báo' },
  'cli.ok': { en: 'No problems found in {0}.', vi: 'Không có lỗi trong {0}.' },
} as const;

export type MessageKey = keyof typeof catalog;

/** Fills `{0}`, `{1}`… in the message for `key` in `locale`. */
export function t(locale: Locale, key: MessageKey, ...args: Array<string | number>): string {
  const template: string = catalog[key][locale] ?? catalog[key].en;
  return template.replace(/\{(\d+)\}/g, (whole, i: string) => {
    const value = args[Number(i)];
    return value === undefined ? whole : String(value);
  });
}

/** The locale from an editor language tag or POSIX locale (`vi`, `vi-VN`, `vi_VN.UTF-8`). */
export function localeFrom(tag: string | undefined): Locale {
  return tag && /^vi\b|^vi[-_]/i.test(tag) ? 'vi' : 'en';
}
