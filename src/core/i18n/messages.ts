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

  // The editor: hovers, outline and quick fixes of criteria files (src/core/language).
  'hover.head': { en: 'Head: {0}', vi: 'Người đứng đầu: {0}' },
  'hover.unitPoints': { en: 'Answers for {0} point(s): secured {1}, at risk {2}; {3} overdue', vi: 'Chịu trách nhiệm {0} điểm: đạt {1}, có nguy cơ mất {2}; {3} quá hạn' },
  'hover.maxScore': { en: 'Max score {0}', vi: 'Điểm tối đa {0}' },
  'hover.secured': { en: 'secured {0}/{1}', vi: 'đạt {0}/{1}' },
  'hover.owner': { en: 'Owner: {0}', vi: 'Đơn vị chủ trì: {0}' },
  'hover.support': { en: 'Support: {0}', vi: 'Phối hợp: {0}' },
  'hover.criteria': { en: 'Criteria: {0}', vi: 'Tiêu chí: {0}' },
  'hover.notApplicable': { en: 'Not applicable: {0}', vi: 'Không áp dụng: {0}' },
  'hover.task': { en: 'Task', vi: 'Nhiệm vụ' },
  'symbol.units': { en: 'Units', vi: 'Đơn vị' },
  'symbol.tasks': { en: 'Tasks', vi: 'Nhiệm vụ' },
  'symbol.points': { en: '{0} pt', vi: '{0} điểm' },
  'fix.addUnit': { en: 'Add unit "{0}" to units', vi: 'Thêm đơn vị "{0}" vào units' },
  'fix.setMaxScore': { en: 'Set maxScore of "{0}" to {1}, the sum of its children', vi: 'Đặt điểm tối đa của "{0}" thành {1}, bằng tổng điểm các tiêu chí con' },
  'fix.renameId': { en: 'Change id "{0}" to "{1}"', vi: 'Đổi mã "{0}" thành "{1}"' },
  'fix.safePath': { en: 'Replace the path with "{0}"', vi: 'Thay đường dẫn bằng "{0}"' },

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
  // Git, evidence commits and the audit trail (src/core/git, src/core/evidence/addEvidence.ts).
  'git.notTrusted': { en: 'Git is disabled in an untrusted workspace. Trust the folder to add or commit evidence.', vi: 'Git bị tắt trong không gian làm việc chưa tin cậy. Hãy tin cậy thư mục để thêm hoặc commit tài liệu.' },
  'git.notRepo': { en: '{0} is not inside a Git repository. Initialise one ("git init") to keep the audit trail.', vi: '{0} không nằm trong kho Git. Hãy khởi tạo kho ("git init") để lưu vết kiểm tra.' },
  'git.noIdentity': { en: 'Git does not know who you are: set user.name and user.email ("git config user.name \'Nguyễn Văn A\'", "git config user.email a@example.gov.vn").', vi: 'Git chưa biết bạn là ai: hãy đặt user.name và user.email ("git config user.name \'Nguyễn Văn A\'", "git config user.email a@example.gov.vn").' },
  'git.indexLocked': { en: 'The lock file {0} is left over from a Git program that stopped. Close every Git program for this repository, then delete that file and try again.', vi: 'Tệp khóa {0} còn sót lại từ một chương trình Git đã dừng. Hãy đóng mọi chương trình Git của kho này, xóa tệp đó rồi thử lại.' },
  'git.lockBusy': { en: 'Another Git program is still working in this repository ({0} held for more than {1} s). Try again when it has finished.', vi: 'Một chương trình Git khác vẫn đang làm việc trong kho này ({0} bị giữ hơn {1} giây). Hãy thử lại khi nó xong.' },
  'git.hookFailed': { en: 'A Git hook (pre-commit or commit-msg) refused the commit. Nothing was committed; its output:', vi: 'Một hook của Git (pre-commit hoặc commit-msg) đã từ chối commit. Chưa commit gì; kết quả của hook:' },
  'git.signingFailed': { en: 'Git could not sign the commit with your signing settings (commit.gpgsign, gpg.program, gpg.format). Nothing was committed; fix the signing program or key and try again.', vi: 'Git không ký được commit theo cấu hình ký của bạn (commit.gpgsign, gpg.program, gpg.format). Chưa commit gì; hãy sửa chương trình hoặc khóa ký rồi thử lại.' },
  'git.mergeInProgress': { en: 'A merge (or cherry-pick/revert) is in progress. Finish it or abort it ("git merge --abort") before adding evidence.', vi: 'Đang có một lần merge (hoặc cherry-pick/revert) dở dang. Hãy hoàn tất hoặc hủy ("git merge --abort") trước khi thêm tài liệu.' },
  'git.rebaseInProgress': { en: 'A rebase is in progress. Finish it ("git rebase --continue") or abort it ("git rebase --abort") before adding evidence.', vi: 'Đang có một lần rebase dở dang. Hãy hoàn tất ("git rebase --continue") hoặc hủy ("git rebase --abort") trước khi thêm tài liệu.' },
  'git.detachedHead': { en: 'HEAD is detached: a commit made now would belong to no branch. Switch to a branch ("git switch main") first.', vi: 'HEAD đang tách rời: commit lúc này sẽ không thuộc nhánh nào. Hãy chuyển sang một nhánh ("git switch main") trước.' },
  'git.pushRejected': { en: 'The commit was made, but pushing it to the remote failed. Pull, then push again.', vi: 'Đã commit, nhưng đẩy lên kho từ xa thất bại. Hãy pull rồi push lại.' },
  'git.commandFailed': { en: 'git {0} failed.', vi: 'Lệnh git {0} thất bại.' },
  'evidence.unknownCriterion': { en: 'There is no criterion or task "{0}".', vi: 'Không có tiêu chí hoặc nhiệm vụ "{0}".' },
  'evidence.notLeaf': { en: '"{0}" has sub-criteria: add evidence to one of them ({1}).', vi: '"{0}" có tiêu chí con: hãy thêm tài liệu cho một tiêu chí con ({1}).' },
  'evidence.noRequirements': { en: '"{0}" has no evidence requirement: add one to the criteria file first.', vi: '"{0}" chưa có yêu cầu tài liệu: hãy thêm vào tệp tiêu chí trước.' },
  'evidence.chooseRequirement': { en: '"{0}" has several evidence requirements; choose one with --requirement N: {1}', vi: '"{0}" có nhiều yêu cầu tài liệu; hãy chọn bằng --requirement N: {1}' },
  'evidence.badRequirement': { en: 'Requirement {0} does not exist (1 to {1}).', vi: 'Không có yêu cầu số {0} (từ 1 đến {1}).' },
  'evidence.invalidRequirement': { en: 'The path of requirement "{0}" is not valid; fix the criteria file first.', vi: 'Đường dẫn của yêu cầu "{0}" không hợp lệ; hãy sửa tệp tiêu chí trước.' },
  'evidence.noGlobMatch': { en: '"{0}" would not count for "{1}": the requirement only accepts files matching "{2}". Convert the file, or give a matching name with --name.', vi: '"{0}" sẽ không được tính cho "{1}": yêu cầu chỉ nhận tệp khớp "{2}". Hãy chuyển đổi tệp, hoặc đặt tên khớp bằng --name.' },
  'evidence.noSource': { en: 'No such file: {0}', vi: 'Không có tệp: {0}' },
  'evidence.notAFile': { en: '{0} is not a regular file.', vi: '{0} không phải tệp thông thường.' },
  'evidence.pathTooLong': { en: 'The evidence folder path is too long to hold "{0}".', vi: 'Đường dẫn thư mục tài liệu quá dài để chứa "{0}".' },
  'evidence.literalExists': { en: '{0} already exists and the requirement names exactly that file: it is not overwritten.', vi: '{0} đã tồn tại và yêu cầu chỉ định đúng tệp đó: không ghi đè.' },
  'evidence.nameOneFile': { en: '--name can only be used with one file.', vi: '--name chỉ dùng được với một tệp.' },
  'evidence.noFiles': { en: 'No file given.', vi: 'Chưa chọn tệp nào.' },
  'evidence.added': { en: 'Committed {0}: {1}', vi: 'Đã commit {0}: {1}' },
  'evidence.file': { en: '  + {0}', vi: '  + {0}' },
  'evidence.nothingPending': { en: 'No pending evidence: every matching file is committed.', vi: 'Không có tài liệu chờ commit: mọi tệp khớp đã được commit.' },
  'evidence.pushed': { en: 'Pushed to the remote.', vi: 'Đã đẩy lên kho từ xa.' },
  'log.none': { en: 'No commit has touched the evidence of "{0}".', vi: 'Chưa có commit nào về tài liệu của "{0}".' },
  'verify.noCriterion': { en: 'changes evidence without a "Criterion:" (or "Task:") trailer', vi: 'thay đổi tài liệu nhưng không có dòng "Criterion:" (hoặc "Task:")' },
  'verify.noHash': { en: 'no "Evidence-SHA256:" line for {0}', vi: 'thiếu dòng "Evidence-SHA256:" cho {0}' },
  'verify.hashMismatch': { en: 'the hash recorded for {0} does not match the committed file', vi: 'mã băm ghi cho {0} không khớp tệp đã commit' },
  'verify.hashUnknownPath': { en: '"Evidence-SHA256:" names {0}, which the commit does not add or change', vi: '"Evidence-SHA256:" ghi {0}, nhưng commit không thêm hay sửa tệp này' },
  'verify.moreNoHash': { en: '… and {0} more file(s) without an "Evidence-SHA256:" line', vi: '… và {0} tệp khác thiếu dòng "Evidence-SHA256:"' },
  'verify.unsigned': { en: 'not signed', vi: 'chưa ký' },
  'verify.badSignature': { en: 'signature status "{0}" (bad, expired, revoked or cannot be checked)', vi: 'trạng thái chữ ký "{0}" (sai, hết hạn, bị thu hồi hoặc không kiểm tra được)' },
  'verify.ok': { en: 'Audit trail verified: {0} evidence commit(s), no problem.', vi: 'Đã kiểm tra vết: {0} commit tài liệu, không có vấn đề.' },
  'verify.summary': { en: '{0} problem(s) in {1} of {2} evidence commit(s).', vi: '{0} vấn đề trong {1}/{2} commit tài liệu.' },
  'cdiff.added': { en: 'added {0} "{1}"', vi: 'thêm {0} "{1}"' },
  'cdiff.removed': { en: 'removed {0} "{1}"', vi: 'xóa {0} "{1}"' },
  'cdiff.moved': { en: 'moved {0} → {1} "{2}"', vi: 'chuyển {0} → {1} "{2}"' },
  'cdiff.field': { en: '{0}: {1} {2} → {3}', vi: '{0}: {1} {2} → {3}' },
  'cdiff.reqAdded': { en: '{0}: evidence requirement added "{1}" ({2})', vi: '{0}: thêm yêu cầu tài liệu "{1}" ({2})' },
  'cdiff.reqRemoved': { en: '{0}: evidence requirement removed "{1}" ({2})', vi: '{0}: xóa yêu cầu tài liệu "{1}" ({2})' },
  'cdiff.reqChanged': { en: '{0}: evidence requirement "{1}": {2} {3} → {4}', vi: '{0}: yêu cầu tài liệu "{1}": {2} {3} → {4}' },
  'cdiff.none': { en: 'No change to criteria, scores, owners, due dates or evidence requirements.', vi: 'Không thay đổi tiêu chí, điểm, đơn vị, thời hạn hay yêu cầu tài liệu.' },
  'cdiff.header': { en: 'Criteria file {0}: {1} → {2}', vi: 'Tệp tiêu chí {0}: {1} → {2}' },
  'cdiff.worktree': { en: 'working tree', vi: 'thư mục làm việc' },
  'cdiff.missing': { en: 'The criteria file does not exist at {0}.', vi: 'Tệp tiêu chí không tồn tại ở {0}.' },
  // End of Git messages.
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
